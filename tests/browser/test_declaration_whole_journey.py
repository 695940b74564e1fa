"""The declaration from start to finish: a lead prepares and submits it, a moderator asks
for changes, the lead makes them, the moderator approves, and the senior approver signs and
downloads the signed declaration. The organisation then appears among the signatories."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from declaration.models import Signature
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import (
    ApproverSignPage,
    ContinueDeclarationPage,
    DeclarationProjectsPage,
    ReviewQueuePage,
    SignatoriesPage,
    SignedDeclarationPage,
    SignInToDeclarationPage,
    SignStartPage,
    StaffSignInPage,
)

STAFF_PASSWORD = "a-long-staff-password"
ADVICE = "Give the project a title that says which residents it helps"
COUNCIL = "Wholeshire Council"
LEAD = "robin@wholeshire.gov.uk"
APPROVER = "sam.chief@wholeshire.gov.uk"


def test_a_declaration_goes_from_the_leads_draft_to_the_list_of_signatories(open_page, mailoutbox):
    council = OrganisationDomainFactory(domain="wholeshire.gov.uk", organisation__name=COUNCIL).organisation
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    finish_by = timezone.localdate() + datetime.timedelta(days=200)

    # The lead prepares the declaration and submits it.
    lead_page = open_page()
    sign_in = SignStartPage(lead_page).open().start_now().answer_yes_signed_out()
    sign_in.ask_for_link(LEAD)
    find = SignInToDeclarationPage(lead_page, link_in(wait_for_email(mailoutbox, LEAD), "/sign-in/")).open()
    approver = find.sign_in_to_sign().find(COUNCIL).give("Robin Lead", "Head of Digital")
    project = approver.give("Sam Chief", "Chief Executive", APPROVER)
    principles = ["Fix our plumbing: modular building blocks and open data standards"]
    answers = project.add("Open waste data", "Publish bin collection data in a common format.", principles, finish_by)
    answers.submit()
    signature = Signature.objects.get()

    # A moderator, on their own computer, asks for changes.
    moderator_page = open_page()
    code_page = (
        ReviewQueuePage(moderator_page).open_and_be_sent_to(StaffSignInPage).sign_in(moderator.email, STAFF_PASSWORD)
    )
    queue = code_page.enter_code(app.code(), ReviewQueuePage)
    review = queue.open_signature(COUNCIL).ask_for_changes().send(ADVICE)
    changes_needed = f"Changes needed to your Local Digital Declaration ({signature.reference})"
    assert ADVICE in wait_for_email(mailoutbox, LEAD, subject=changes_needed).body

    # The lead changes the project and submits again.
    answers = ContinueDeclarationPage(lead_page).open().continue_declaration(COUNCIL)
    expect(answers.advice).to_contain_text(ADVICE)
    answers = answers.change_project_title("Open waste data").rename("Open waste data for every household")
    answers.submit()

    # The moderator sees the change and approves.
    review = review.back_to_signatures().open_signature(COUNCIL)
    expect(review.page.locator("#changes")).to_contain_text("Open waste data for every household")
    review.approve()

    # The senior approver signs from the link in their email, and downloads the declaration.
    approver_page = open_page()
    link = link_in(wait_for_email(mailoutbox, APPROVER), "/declaration/approve/")
    ApproverSignPage(approver_page, link).open().sign("Sam Chief")
    signed = SignedDeclarationPage(approver_page).check()
    response = approver_page.request.get(signed.pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    filename, start = signed.download_pdf()
    assert filename == f"{council.slug}-local-digital-declaration.pdf"
    assert start.startswith(b"%PDF")
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED

    # The organisation and its project are now public.
    signatories = SignatoriesPage(approver_page).open()
    assert COUNCIL in signatories.signatory_names()
    projects = DeclarationProjectsPage(approver_page).open()
    expect(projects.page.get_by_role("main")).to_contain_text("Open waste data for every household")
