"""A moderator reviews a submitted declaration: asks for changes, then approves the lead's
second version."""

from playwright.sync_api import expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from declaration import services
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import wait_for_email
from tests.browser.pages import ReviewQueuePage, StaffSignInPage

STAFF_PASSWORD = "a-long-staff-password"
ADVICE = "Say which residents the bin data project will help"


def test_a_moderator_asks_for_changes_then_approves_the_resubmitted_declaration(page, mailoutbox):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    lead = UserFactory(email="robin@reviewshire.gov.uk")
    domain = OrganisationDomainFactory(domain="reviewshire.gov.uk", organisation__name="Reviewshire Council")
    # The senior approver's address is not at the council's domain: allowed, but flagged.
    signature = SignatureFactory(organisation=domain.organisation, lead=lead, approver_email="sam@gmail.example")
    DeclarationProjectFactory(signature=signature, title="Open bin data")
    services.submit(signature, by=lead)
    SignatureFactory(signed=True)

    sign_in = ReviewQueuePage(page).open_and_be_sent_to(StaffSignInPage)
    code_page = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD)
    queue = code_page.enter_code(app.code(), ReviewQueuePage)
    expect(queue.totals).to_have_text("1 signed, 1 in progress")
    expect(queue.stage_count("Waiting for review")).to_have_text("1")
    expect(queue.row("Reviewshire Council")).to_contain_text("Approver email outside domains")
    expect(queue.row("Reviewshire Council")).not_to_contain_text("Resubmitted")

    review = queue.open_signature("Reviewshire Council")
    expect(review.page.get_by_role("main")).to_contain_text("Open bin data")
    ask = review.ask_for_changes().send_without_advice()
    review = ask.send(ADVICE)
    expect(review.status_tag).to_have_text("Changes requested")
    assert ADVICE in wait_for_email(mailoutbox, "robin@reviewshire.gov.uk").body

    # The lead changes their answers and submits again.
    services.save_people(
        signature,
        by=lead,
        lead_name="Robin Lead",
        lead_job_title="Head of Digital and Data",
        approver_name="Sam Chief",
        approver_job_title="Chief Executive",
        approver_email="sam@gmail.example",
    )
    services.submit(signature, by=lead)

    queue = review.back_to_signatures()
    expect(queue.row("Reviewshire Council")).to_contain_text("Resubmitted")
    review = queue.open_signature("Reviewshire Council")
    expect(review.page.locator("#changes")).to_contain_text("Head of Digital and Data")
    review.approve()
    expect(review.status_tag).to_have_text("Waiting for the senior approver to sign")
    wait_for_email(mailoutbox, "sam@gmail.example")

    queue = review.back_to_signatures()
    expect(queue.stage_count("Waiting for review")).to_have_text("0")
    expect(queue.stage_count("Waiting for the senior approver to sign")).to_have_text("1")
    expect(queue.page.get_by_role("main")).to_contain_text("There are no signatures waiting for review.")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.AWAITING_SIGNATURE
