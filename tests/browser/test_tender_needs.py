"""The Tender's needs end to end: a council officer describes a need and sends it for review, a
moderator publishes it, and an officer at another council finds it and says they have the
same problem."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from events.models import Topic
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationDomainFactory
from tender.tests.factories import InterestFactory, NeedFactory, SupplierFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import wait_for_email
from tests.browser.pages import StaffSignInPage
from tests.browser.tender_pages import NeedPage, NewNeedPage, TenderDashboardPage, TenderPage, sign_in_with_link

STAFF_PASSWORD = "a-long-staff-password"
TITLE = "Residents cannot see when their bins will be collected"
SLUG = "residents-cannot-see-when-their-bins-will-be-collected"


# The journey ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _topic():
    # The live server's database is emptied between tests, reference data from migrations too.
    Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})


def open_data_topic() -> Topic:
    # Browser tests empty the database between them, reference data included.
    return Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})[0]


def test_a_need_is_written_published_and_joined_by_another_council(open_page, mailoutbox):
    OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    OrganisationDomainFactory(organisation__name="Exampleton Borough Council", domain="exampleton.gov.uk")
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)

    # An officer at the council describes the need and sends it for review.
    officer = open_page()
    sign_in_with_link(officer, mailoutbox, "officer@testshire.gov.uk")
    form = NewNeedPage(officer).open()
    form.fill(title=TITLE, problem="")
    form.continue_and_be_refused().check_error("The problem and its users", "Describe the problem and who has it")
    form.fill(title=TITLE, problem="Residents phone us to ask when their bins will be collected.\n\n- **30%** of calls")
    check = form.continue_to_check()
    expect(check.summary("Budget")).to_have_text("£20,000 to £60,000")
    yours = check.send_for_review().your_needs()
    expect(yours.status_of(TITLE)).to_have_text("Waiting for review")

    # A moderator signs in with their second factor and publishes it.
    staff = open_page()
    sign_in = TenderDashboardPage(staff).open_and_be_sent_to(StaffSignInPage)
    dashboard = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), TenderDashboardPage)
    expect(dashboard.page.locator("#needs-waiting")).to_have_text("1 need waiting for review")
    review = dashboard.needs().open_need(TITLE).publish()
    expect(review.page.locator("#status")).to_have_text("Open for questions")
    expect(review.success_banner).to_contain_text("The need is published")
    published = wait_for_email(mailoutbox, "officer@testshire.gov.uk", f"Your need is published: {TITLE}")
    assert f"/tender/needs/{SLUG}" in published.body

    # An officer at another council finds it by topic and says they have the problem too.
    other = open_page()
    sign_in_with_link(other, mailoutbox, "digital@exampleton.gov.uk")
    tender = TenderPage(other).open().filter_by_topic("Open data")
    expect(tender.need_titles()).to_have_text([TITLE])
    need = tender.open_need(TITLE)
    expect(need.page.locator("#problem strong")).to_have_text("30%")
    expect(need.organisations_heading).to_have_text("1 organisation has this problem")
    need = need.join()
    expect(need.success_banner).to_contain_text("Exampleton Borough Council is now listed as having this problem too")
    expect(need.organisations_heading).to_have_text("2 organisations have this problem")
    expect(need.page.get_by_role("button", name=re.compile("^Remove Exampleton"))).to_be_visible()

    # Anyone can read it, and nobody's name or address is on it.
    visitor = open_page()
    NeedPage(visitor, TITLE, f"/tender/needs/{SLUG}").open()
    expect(visitor.get_by_role("main")).not_to_contain_text("officer@testshire.gov.uk")
    expect(visitor.get_by_role("main")).to_contain_text("Testshire County Council")


def test_the_council_invites_suppliers_links_its_notice_and_closes_the_need(open_page, mailoutbox):
    domain = OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    council = domain.organisation
    need = NeedFactory(organisation=council, title=TITLE, slug=SLUG, topics=[open_data_topic()])
    EventFactory(title="Bins show and tell", organisation=council)
    supplier = SupplierFactory(members=[UserFactory(email="sam@civiccode.example")])
    InterestFactory(need=need, supplier=supplier)

    officer = open_page()
    sign_in_with_link(officer, mailoutbox, "officer@testshire.gov.uk")
    page = NeedPage(officer, TITLE, f"/tender/needs/{SLUG}").open()
    expect(officer.locator("#interest-count")).to_have_text("1 supplier has registered interest.")

    page = page.invite_to_show_and_tell().invite("Bins show and tell", TITLE)
    expect(page.summary("Show-and-tell")).to_contain_text("Bins show and tell")
    invitation = wait_for_email(mailoutbox, "sam@civiccode.example", f"Invitation to a show-and-tell: {TITLE}")
    assert "officer@testshire.gov.uk" not in invitation.body

    notice = page.link_procurement()
    message = (
        "Enter a Find a Tender notice number like 012345-2026, its OCDS id like ocds-h6vhtk-0a1b2c, "
        "or a Contracts Finder notice id"
    )
    notice.save_and_be_refused("12345").check_error("Notice reference", message)
    notice.save("012345-2026")
    page = NeedPage(officer, TITLE).check()
    expect(page.summary("Procurement notice").get_by_role("link")).to_have_attribute(
        "href", "https://www.find-tender.service.gov.uk/Notice/012345-2026"
    )

    page = page.close().close("We bought a collection-day service from a small supplier.", TITLE)
    expect(officer.locator("#stage")).to_have_text("Closed")
    expect(officer.locator("#outcome")).to_contain_text("We bought a collection-day service")
