"""Funded projects in the open: a member of the lead council signs in, gives the team's contact
address, posts a weeknote and an output with a file, and a visitor reads both on the project's
public page and downloads the file. Staff see whose outputs are overdue and move a project on
to its next phase."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory
from organisations.tests.factories import OrganisationDomainFactory
from projects.services import start_project_for_grant
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ReusePage, ServicePage, SignInLinkPage, SignInPage, StaffSignInPage

TITLE = "Shared bin collection data"
MEMBER = "officer@testshire.gov.uk"
STAFF_PASSWORD = "a-long-staff-password"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# Pages ------------------------------------------------------------------------------------


class YourProjectsPage(ServicePage):
    path = "/projects/yours"
    heading = "Your projects"

    def open_project(self, title: str) -> ProjectPage:
        self.page.locator("#your-projects").get_by_role("link", name=title, exact=True).click()
        return ProjectPage(self.page).check()


class ProjectPage(ServicePage):
    heading = TITLE

    def __init__(self, page: Page, slug: str = "") -> None:
        super().__init__(page)
        self.path = f"/projects/{slug}"

    def post_an_update(self) -> NewUpdatePage:
        self.page.get_by_role("button", name="Post an update", exact=True).click()
        return NewUpdatePage(self.page).check()

    def edit_details(self) -> EditDetailsPage:
        self.page.get_by_role("link", name="Edit the project’s details", exact=True).click()
        return EditDetailsPage(self.page).check()

    def add_an_output(self) -> NewOutputPage:
        self.page.get_by_role("button", name="Add an output", exact=True).click()
        return NewOutputPage(self.page).check()

    @property
    def updates(self) -> Locator:
        return self.page.locator("#updates")

    @property
    def outputs(self) -> Locator:
        return self.page.locator("#outputs")

    def download(self, title: str) -> tuple[str, bytes]:
        """The file the output's download link gives: its name and its content."""
        with self.page.expect_download() as started:
            self.outputs.get_by_role("link", name=f"Download {title}").click()
        download = started.value
        return download.suggested_filename, Path(download.path()).read_bytes()


class EditDetailsPage(ServicePage):
    heading = "Edit the project’s details"

    def save_contact(self, address: str) -> EditDetailsPage | ProjectPage:
        self.page.get_by_label("Team contact address (optional)", exact=True).fill(address)
        self.click_button("Save changes")
        if self.page.title().startswith("Error: "):
            return self.check()
        return ProjectPage(self.page).check()


class NewUpdatePage(ServicePage):
    heading = "Post an update"

    def publish_and_be_refused(self) -> NewUpdatePage:
        self.click_button("Publish update")
        return self.check()

    def publish(self, *, title: str, body: str) -> ProjectPage:
        self.page.get_by_role("group", name="What kind of update is it?").get_by_label("Weeknote").check()
        self.page.get_by_label("Title", exact=True).fill(title)
        self.page.get_by_label("Update", exact=True).fill(body)
        self.click_button("Publish update")
        return ProjectPage(self.page).check()


class NewOutputPage(ServicePage):
    heading = "Add an output"

    def fill(self, *, title: str, file_name: str, content: bytes) -> None:
        page = self.page
        page.get_by_role("group", name="What type of output is it?").get_by_label("User research").check()
        page.get_by_role("group", name="Which phase did it come from?").get_by_label("Discovery").check()
        page.get_by_label("Title", exact=True).fill(title)
        page.get_by_label("Description", exact=True).fill("What 30 residents told us about bin collections.")
        page.get_by_label("Or upload a file", exact=True).set_input_files(
            {"name": file_name, "mimeType": "application/pdf", "buffer": content}
        )
        page.get_by_label("Licence", exact=True).select_option(label="Creative Commons Attribution 4.0")

    def publish_and_be_refused(self) -> NewOutputPage:
        self.click_button("Publish output")
        return self.check()

    def publish(self) -> ProjectPage:
        self.click_button("Publish output")
        return ProjectPage(self.page).check()


class DashboardPage(ServicePage):
    path = "/manage/projects"
    heading = "Funded projects"

    def overdue(self) -> Locator:
        return self.page.locator("#overdue")

    def open_project(self, title: str) -> ManageProjectPage:
        self.overdue().get_by_role("link", name=title, exact=True).click()
        return ManageProjectPage(self.page, title).check()


class ManageProjectPage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    def move_on_without_an_award(self) -> ContinueByDecisionPage:
        self.page.get_by_role("button", name="Move on without a new award", exact=True).click()
        return ContinueByDecisionPage(self.page).check()


class ContinueByDecisionPage(ServicePage):
    heading = "Move on without a new award"

    def fill_dates(self, starts: tuple[int, int, int], ends: tuple[int, int, int]) -> None:
        for legend, (day, month, year) in (("When does the phase start?", starts), ("When are its outputs due?", ends)):
            dates = self.page.get_by_role("group", name=legend, exact=True)
            dates.get_by_label("Day").fill(str(day))
            dates.get_by_label("Month").fill(str(month))
            dates.get_by_label("Year").fill(str(year))

    def move_and_be_refused(self) -> ContinueByDecisionPage:
        self.click_button("Move to alpha")
        return self.check()

    def move(self, reason: str, title: str) -> ManageProjectPage:
        self.page.get_by_label("Why does the project move on without a new award?", exact=True).fill(reason)
        self.click_button("Move to alpha")
        return ManageProjectPage(self.page, title).check()


# The journeys -----------------------------------------------------------------------------


def test_a_team_member_publishes_an_update_and_an_output_that_the_public_sees(
    open_page, mailoutbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    council = OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    grant = FundedProjectFactory(
        bid__title=TITLE,
        bid__phase=Phase.DISCOVERY,
        bid__lead_organisation=council.organisation,
        bid__problem="Residents cannot find out when their bins will be collected after a bank holiday.",
    )
    project = start_project_for_grant(grant)

    # A member of the lead council signs in and finds the project among theirs.
    member = open_page()
    SignInPage(member).open().ask_for_link(MEMBER)
    SignInLinkPage(member, link_in(wait_for_email(mailoutbox, MEMBER), "/sign-in/")).open().sign_in()
    project_page = YourProjectsPage(member).open().open_project(TITLE)

    # They give the team's shared address; their own is refused, as it would be published.
    details = project_page.edit_details()
    details = details.save_contact(MEMBER)
    details.check_error("Team contact address (optional)", "Enter a shared team address, not a person’s own address")
    project_page = details.save_contact("bins-project@testshire.gov.uk")
    expect(project_page.summary("Contact the team")).to_have_text("bins-project@testshire.gov.uk")

    # They post a weeknote, after being told what is missing.
    form = project_page.post_an_update()
    form.publish_and_be_refused().check_error("Title", "Enter a title for the update")
    project_page = form.publish(
        title="Weeknote 1: bank holidays",
        body="Calls about bins **treble** after a bank holiday.\n\n<script>alert('x')</script>",
    )
    expect(project_page.success_banner).to_contain_text("Your update is published on the project’s page")

    # They add an output: a file that only claims to be a PDF is refused, the real one is kept.
    form = project_page.add_an_output()
    form.fill(title="Bin collections research", file_name="findings.pdf", content=b"just some text")
    form.publish_and_be_refused().check_error(
        "Or upload a file", "The selected file is not a real PDF file. Upload a PDF, ODT, DOCX, CSV or PNG file"
    )
    form.fill(title="Bin collections research", file_name="Research findings.pdf", content=PDF)
    project_page = form.publish()
    expect(project_page.success_banner).to_contain_text("Your output is published on the project’s page")

    # A visitor reads both on the public page, with nobody's name, and downloads the file.
    visitor = ProjectPage(open_page(), project.slug).open()
    expect(visitor.summary("Lead organisation")).to_have_text("Testshire County Council")
    expect(visitor.updates.get_by_role("heading", name="Weeknote 1: bank holidays")).to_be_visible()
    expect(visitor.updates.locator("strong")).to_have_text("treble")
    expect(visitor.updates).not_to_contain_text("alert")
    expect(visitor.outputs.get_by_role("heading", name="Bin collections research")).to_be_visible()
    expect(visitor.outputs).to_contain_text(re.compile(r"\(PDF, \d+KB\)"))
    expect(visitor.outputs).to_contain_text("Creative Commons Attribution 4.0")
    expect(visitor.page.get_by_role("main")).not_to_contain_text(MEMBER)
    expect(visitor.page.get_by_text("Post an update")).to_have_count(0)
    name, content = visitor.download("Bin collections research")
    assert (name, content) == ("Research findings.pdf", PDF)

    # Another council, about to build its own, finds the research first with the reuse search.
    search = ReusePage(visitor.page).open().search("bin collections research")
    expect(search.results.first).to_contain_text("Bin collections research")
    expect(search.results.first).to_contain_text("bins-project@testshire.gov.uk")


def test_staff_see_overdue_outputs_and_move_a_project_on_without_a_new_award(page):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    grant = FundedProjectFactory(bid__title=TITLE, bid__phase=Phase.DISCOVERY, bid__round__past=True)
    start_project_for_grant(grant)

    sign_in = DashboardPage(page).open_and_be_sent_to(StaffSignInPage)
    dashboard = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), DashboardPage)
    expect(dashboard.overdue()).to_contain_text(TITLE)
    project = dashboard.open_project(TITLE)
    expect(project.summary("Current phase")).to_have_text("Discovery")

    form = project.move_on_without_an_award()
    next_year = timezone.localdate().year + 1
    form.fill_dates((1, 4, next_year), (26, 6, next_year))
    form.move_and_be_refused().check_error(
        "Why does the project move on without a new award?", "Enter why the project moves on without a new award"
    )
    form.fill_dates((1, 4, next_year), (26, 6, next_year))
    project = form.move("The partner councils pay for alpha themselves.", TITLE)
    expect(project.success_banner).to_contain_text("The project has moved on to its next phase")
    expect(project.summary("Current phase")).to_have_text("Alpha")
    expect(project.page.locator("#phases")).to_contain_text("The partner councils pay for alpha themselves.")
