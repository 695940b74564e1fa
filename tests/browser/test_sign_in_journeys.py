"""Signing in, end to end: council officers with a link sent by email, programme staff with a
password and a code from an authenticator app, and programme admins on to the Django admin."""

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from accounts.workflow import MembershipStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import (
    AccountPage,
    AdminIndexPage,
    ManageMembershipsPage,
    SecurityCodePage,
    SignInLinkPage,
    SignInPage,
    StaffSignInPage,
    UsedSignInLinkPage,
)

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
STAFF_PASSWORD = "a-long-staff-password"


def test_it_signs_in_a_council_officer_with_a_link_sent_by_email(page, open_page, mailoutbox):
    council = OrganisationFactory(name="Testshire County Council")
    OrganisationDomainFactory(organisation=council, domain="testshire.gov.uk")

    sign_in = SignInPage(page).open()
    sign_in.ask_for_link_and_be_refused("", EMAIL_FORMAT)
    sign_in.ask_for_link("officer@testshire.gov.uk")
    link = link_in(wait_for_email(mailoutbox, "officer@testshire.gov.uk"), "/sign-in/")

    # The officer opens the email on their phone too, but signs in on their computer.
    phone = SignInLinkPage(open_page(), link).open()
    account = SignInLinkPage(page, link).open().sign_in()
    expect(account.page.get_by_role("main")).to_contain_text("officer@testshire.gov.uk")
    expect(account.membership_status("Testshire County Council")).to_have_text("Approved")

    phone.sign_in_with_spent_link()
    UsedSignInLinkPage(page, link).open()

    account.sign_out()
    AccountPage(page).open_and_be_sent_to(SignInPage)


def test_it_signs_in_a_moderator_with_a_password_and_an_authenticator_app(page, mailoutbox):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    request = MembershipFactory(
        pending=True, user__email="clerk@parish.example", organisation__name="Little Testing Parish Council"
    )

    set_up = StaffSignInPage(page).open().sign_in_for_the_first_time("mo@localdigital.example", STAFF_PASSWORD)
    expect(set_up.qr_code).to_be_visible()
    assert set_up.qr_code.evaluate("image => image.complete && image.naturalWidth > 0"), "The QR code did not load"
    app = AuthenticatorApp.from_setup_key(set_up.setup_key())
    manage = set_up.enter_code(app.code(), ManageMembershipsPage)
    assert TOTPDevice.objects.get(user=moderator, confirmed=True).bin_key == app.key

    expect(manage.request("clerk@parish.example")).to_contain_text("Little Testing Parish Council")
    manage.approve("clerk@parish.example", "Little Testing Parish Council")
    expect(manage.request("clerk@parish.example")).to_have_count(0)
    expect(manage.page.get_by_role("main")).to_contain_text("There are no requests waiting for approval.")
    request.refresh_from_db()
    assert request.status == MembershipStatus.APPROVED
    assert request.decided_by == moderator
    wait_for_email(mailoutbox, "clerk@parish.example")

    manage.sign_out()
    StaffSignInPage(page).open().sign_in("mo@localdigital.example", STAFF_PASSWORD)
    # With a password but no code yet, staff pages and the admin ask for the code.
    AdminIndexPage(page).open_and_be_sent_to(SecurityCodePage)
    assert page.url.endswith("/staff/verify?next=%2Fadmin%2F")
    code_page = ManageMembershipsPage(page).open_and_be_sent_to(SecurityCodePage)
    assert page.url.endswith("/staff/verify")

    code_page.enter_wrong_code(app.wrong_code())
    device = TOTPDevice.objects.get(user=moderator)
    manage = code_page.enter_code(app.code_the_service_takes(device), ManageMembershipsPage)
    expect(manage.page.get_by_role("main")).to_contain_text("There are no requests waiting for approval.")


def test_it_takes_a_programme_admin_to_the_admin_behind_their_second_factor(page):
    admin = UserFactory(programme_admin=True, email="admin@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=admin).bin_key)

    sign_in = AdminIndexPage(page).open_and_be_sent_to(StaffSignInPage)
    assert page.url.endswith("/staff/sign-in?next=%2Fadmin%2F")
    code_page = sign_in.sign_in("admin@localdigital.example", STAFF_PASSWORD)
    assert page.url.endswith("/staff/verify?next=%2Fadmin%2F")

    admin_index = code_page.enter_code(app.code(), AdminIndexPage)
    assert page.url.endswith("/admin/")
    expect(admin_index.page.get_by_role("link", name="Local Digital administration")).to_be_visible()
