"""Working in the open, end to end: someone at an organisation that signed reports on a
declaration project, and the public sees the update under the organisation's name."""

import datetime

from playwright.sync_api import expect

from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import (
    FilteredDeclarationProjectsPage,
    OrganisationPage,
    SignInLinkPage,
    SignInPage,
    YourDeclarationProjectsPage,
)

WHAT_HAPPENED = "Bin collection days are open data for every ward. Two apps already use them."
LESSONS = "Talk to the crews first: they knew which routes change in winter."


def test_a_member_of_a_signed_organisation_posts_an_update_the_public_can_read(page, mailoutbox):
    council = OrganisationFactory(name="Testshire County Council")
    OrganisationDomainFactory(organisation=council, domain="testshire.gov.uk")
    signature = SignatureFactory(
        signed=True,
        organisation=council,
        signed_at=datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.UTC),
    )
    DeclarationProjectFactory(signature=signature, title="Open waste data")

    SignInPage(page).open().ask_for_link("officer@testshire.gov.uk")
    link = link_in(wait_for_email(mailoutbox, "officer@testshire.gov.uk"), "/sign-in/")
    SignInLinkPage(page, link).open().sign_in()

    organisation = OrganisationPage(page, council).open()
    project = organisation.page.locator(".govuk-summary-card").filter(has_text="Open waste data")
    expect(project.locator(".govuk-tag")).to_have_text(["Not started", "Overdue"])
    page.get_by_role("link", name="post an update on its declaration projects").click()
    yours = YourDeclarationProjectsPage(page).check()

    form = yours.post_update_on("Open waste data")
    form.publish_and_be_refused(None, "")
    form.check_status_error("Select where the project stands")
    form.check_error(form.what_happened_label, "Enter what has happened since the last update", summary_focused=False)
    organisation = form.publish(council, "Done", WHAT_HAPPENED, LESSONS)

    expect(organisation.success_banner).to_contain_text("Your update on ‘Open waste data’ is published")
    project = organisation.page.locator(".govuk-summary-card").filter(has_text="Open waste data")
    expect(project.locator(".govuk-tag")).to_have_text(["Done"])
    expect(project).to_contain_text(WHAT_HAPPENED)
    expect(project).to_contain_text(LESSONS)
    expect(organisation.page.get_by_role("main")).not_to_contain_text("officer@testshire.gov.uk")

    projects = FilteredDeclarationProjectsPage(page).open()
    expect(projects.project("Open waste data")).to_contain_text(WHAT_HAPPENED)
    projects.filter_by_status("Overdue")
    expect(projects.project("Open waste data")).to_have_count(0)
    projects.filter_by_status("Done")
    expect(projects.project("Open waste data").locator(".govuk-tag")).to_have_text(["Done"])
    expect(projects.project("Open waste data")).to_contain_text(LESSONS)
