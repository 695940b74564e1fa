"""A lead signs the declaration for their council, from the start page to submitting it for
review, confirming their work email with a sign-in link on the way."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from declaration.models import Signature, SignatureVersion
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import SignInToDeclarationPage, SignStartPage

NOT_FOUND = "Enter the name of your organisation, or choose ‘My organisation is not listed’"


def test_a_lead_submits_their_councils_declaration(page, mailoutbox):
    council = OrganisationFactory(name="Testshire County Council")
    OrganisationDomainFactory(organisation=council, domain="testshire.gov.uk")
    OrganisationFactory(name="Oldshire District Council", ended=True)
    finish_by = timezone.localdate() + datetime.timedelta(days=200)

    sign_in = SignStartPage(page).open().start_now().answer_yes_signed_out()
    assert page.url.endswith("/sign-in?next=/declaration/sign/organisation")
    sign_in.ask_for_link("robin@testshire.gov.uk")
    link = link_in(wait_for_email(mailoutbox, "robin@testshire.gov.uk"), "/sign-in/")
    find = SignInToDeclarationPage(page, link).open().sign_in_to_sign()

    find.find_and_be_refused("Oldshire District Council").check_error(find.heading, NOT_FOUND)
    you = find.find("testshire county council")
    approver = you.give("Robin Lead", "Head of Digital")
    project = approver.give("Sam Chief", "Chief Executive", "sam.chief@testshire.gov.uk")
    project.add_and_be_refused("Open waste data", "Publish bin data.", [], finish_by).check_choice_error(
        project.principles_legend, "Select at least one principle the project serves"
    )
    answers = project.add(
        "Open waste data",
        "Publish bin collection data in a common format.",
        ["Fix our plumbing: modular building blocks and open data standards"],
        finish_by,
    )

    expect(answers.summary("Your job title")).to_have_text("Head of Digital")
    expect(answers.summary("Work email address")).to_have_text("sam.chief@testshire.gov.uk")
    expect(answers.summary("Expected to finish")).to_have_text(finish_by.strftime("%-d %B %Y"))
    submitted = answers.submit()

    signature = Signature.objects.get()
    expect(submitted.panel).to_contain_text(signature.reference)
    assert signature.status == SignatureStatus.SUBMITTED
    assert SignatureVersion.objects.filter(signature=signature).count() == 1
    subject = f"We have your Local Digital Declaration for Testshire County Council ({signature.reference})"
    wait_for_email(mailoutbox, "robin@testshire.gov.uk", subject=subject)
