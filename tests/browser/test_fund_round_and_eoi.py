"""A round of the Local Digital Fund from start to a submitted expression of interest: staff
set the round up and publish it; a member of a council that signed the declaration writes an
expression of interest with a second council as partner, whose contact confirms through the
emailed link; the bid is submitted and listed among the member's bids. Once a round that
publishes them has closed, anyone can read its expressions of interest."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from declaration.tests.factories import SignatureFactory
from fund.models import Bid, Round
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus, RoundStatus
from organisations.tests.factories import OrganisationDomainFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ServicePage, SignInLinkPage, SignInPage, StaffSignInPage

STAFF_PASSWORD = "a-long-staff-password"
ROUND = "Local Digital Fund round 9"


# Staff setting up the round ------------------------------------------------------------------


class ManageRoundsPage(ServicePage):
    path = "/manage/fund"
    heading = "Local Digital Fund rounds"

    def create_round(self) -> CreateRoundPage:
        self.page.get_by_role("button", name="Create a round").click()
        return CreateRoundPage(self.page).check()


class CreateRoundPage(ServicePage):
    heading = "Create a round"

    def fill_in(self, name: str, budget: str, windows: dict[str, tuple[datetime.date, str]]) -> None:
        self.page.get_by_label("Name", exact=True).fill(name)
        self.page.get_by_label("Summary").fill("£5 million for councils to work together on common problems.")
        self.page.get_by_label("Guidance for applicants (optional)").fill("## What we fund\n\nCollaborative projects.")
        self.page.get_by_label("Total budget").fill(budget)
        for field, (day, time) in windows.items():
            self.page.locator(f"#id_{field}_date").fill(str(day.day))
            self.page.locator(f"#id_{field}_date_month").fill(str(day.month))
            self.page.locator(f"#id_{field}_date_year").fill(str(day.year))
            self.page.locator(f"#id_{field}_time").fill(time)

    def check_date_error(self, field: str, message: str) -> CreateRoundPage:
        """The error summary links to the date's day box, and the message shows above the date."""
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        expect(self.page.locator(f"#id_{field}_date-error")).to_contain_text(message)
        self.error_summary.get_by_role("link", name=message, exact=True).click()
        expect(self.page.locator(f"#id_{field}_date")).to_be_focused()
        return self

    def create_and_be_refused(self) -> CreateRoundPage:
        self.click_button("Create the round")
        return self.check()

    def create(self, name: str) -> ManageRoundPage:
        self.click_button("Create the round")
        return ManageRoundPage(self.page, name).check()


class ManageRoundPage(ServicePage):
    def __init__(self, page: Page, name: str) -> None:
        super().__init__(page)
        self.heading = name

    def add_phase(self, phase: str, max_award: str) -> ManageRoundPage:
        self.page.get_by_role("link", name="Add a phase").click()
        form = ServicePage(self.page)
        form.heading = "Add a phase"
        form.check()
        self.page.get_by_label(phase, exact=True).check()
        self.page.get_by_label("Largest award for one bid").fill(max_award)
        form.click_button("Save")
        return self.check()

    def add_criterion(self, stage: str, title: str, guidance: str, weight: str) -> ManageRoundPage:
        self.page.get_by_role("link", name="Add a criterion").click()
        form = ServicePage(self.page)
        form.heading = "Add a criterion"
        form.check()
        self.page.get_by_label(stage, exact=True).check()
        self.page.get_by_label("Title").fill(title)
        self.page.get_by_label("Guidance for assessors").fill(guidance)
        self.page.get_by_label("Weight").fill(weight)
        form.click_button("Save")
        return self.check()

    def publish(self) -> ManageRoundPage:
        self.click_button("Publish the round")
        return self.check()

    @property
    def status(self):
        return self.page.locator("#status")


# The public round and the applicant's journey -------------------------------------------------


class RoundListPage(ServicePage):
    path = "/fund"
    heading = "Local Digital Fund"

    def open_round(self, name: str) -> RoundPage:
        self.page.get_by_role("link", name=name).click()
        return RoundPage(self.page, name).check()


class RoundPage(ServicePage):
    def __init__(self, page: Page, name: str) -> None:
        super().__init__(page)
        self.heading = name

    def start(self) -> StartPage:
        self.page.get_by_role("button", name="Start an expression of interest").click()
        return StartPage(self.page).check()


class StartPage(ServicePage):
    heading = "Start an expression of interest"

    def start(self) -> TaskListPage:
        self.click_button("Start")
        return TaskListPage(self.page).check()


class TaskListPage(ServicePage):
    heading = "Expression of interest"

    def status_of(self, section: str):
        item = self.page.locator(".govuk-task-list__item").filter(has=self.page.get_by_text(section, exact=True))
        return item.locator(".govuk-task-list__status")

    def open_section(self, name: str, heading: str) -> SectionPage:
        self.page.get_by_role("link", name=name, exact=True).click()
        section = SectionPage(self.page)
        section.heading = heading
        return section.check()

    def check_answers(self) -> CheckAnswersPage:
        self.page.get_by_role("link", name="Check your answers and submit").click()
        return CheckAnswersPage(self.page).check()


class SectionPage(ServicePage):
    def fill(self, answers: dict[str, str]) -> None:
        for label, value in answers.items():
            self.page.get_by_label(label, exact=True).fill(value)

    def choose(self, option: str) -> None:
        self.page.get_by_label(option, exact=True).check()

    def save_and_be_refused(self) -> SectionPage:
        self.click_button("Save and continue")
        return self.check()

    def save(self) -> TaskListPage:
        self.click_button("Save and continue")
        return TaskListPage(self.page).check()


class PartnersPage(ServicePage):
    heading = "Partners"

    def add_partner(self, name: str, email: str) -> PartnersPage:
        self.page.get_by_role("button", name="Add a partner").click()
        form = ServicePage(self.page)
        form.heading = "Add a partner"
        form.check()
        self.page.get_by_label("Partner organisation").fill(name)
        self.page.get_by_label("Email address of a contact there").fill(email)
        form.click_button("Send the request")
        return self.check()

    def back_to_task_list(self) -> TaskListPage:
        self.page.get_by_role("button", name="Back to your expression of interest").click()
        return TaskListPage(self.page).check()


class PartnerResponsePage(ServicePage):
    def __init__(self, page: Page, link: str, heading: str) -> None:
        super().__init__(page)
        self.link, self.heading = link, heading

    def url(self) -> str:
        return self.link

    def confirm(self) -> ServicePage:
        self.page.get_by_label("Yes, we will be a partner").check()
        self.click_button("Send your answer")
        answered = ServicePage(self.page)
        answered.heading = "You have confirmed"
        return answered.check()


class CheckAnswersPage(ServicePage):
    heading = "Check your answers before submitting your expression of interest"

    def submit(self) -> SubmittedPage:
        self.click_button("Submit")
        return SubmittedPage(self.page).check()


class SubmittedPage(ServicePage):
    heading = "Expression of interest submitted"

    def see_your_bids(self) -> YourBidsPage:
        self.page.get_by_role("link", name="See your bids").click()
        return YourBidsPage(self.page).check()


class YourBidsPage(ServicePage):
    path = "/fund/bids"
    heading = "Your bids"


# The journey ----------------------------------------------------------------------------------


def windows_open_now() -> dict[str, tuple[datetime.date, str]]:
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    return {
        "eoi_opens_at": (day(-1), "9am"),
        "eoi_closes_at": (day(10), "midday"),
        "evaluation_ends_at": (day(17), "5pm"),
        "applications_open_at": (day(20), "9am"),
        "applications_close_at": (day(50), "12pm"),
        "decisions_by": (day(70), "5pm"),
        "kick_off_at": (day(80), "10:30am"),
    }


def test_staff_open_a_round_and_a_council_submits_an_expression_of_interest_with_a_partner(page, open_page, mailoutbox):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    council_a = OrganisationDomainFactory(domain="testshire.gov.uk", organisation__name="Testshire County Council")
    council_b = OrganisationDomainFactory(domain="otherborough.gov.uk", organisation__name="Otherborough Council")
    for domain in (council_a, council_b):
        SignatureFactory(organisation=domain.organisation, signed=True)

    # Staff create the round, with its phases and criteria, and publish it.
    staff_page = open_page()
    code_page = (
        ManageRoundsPage(staff_page)
        .open_and_be_sent_to(StaffSignInPage)
        .sign_in("mo@localdigital.example", STAFF_PASSWORD)
    )
    create = code_page.enter_code(app.code(), ManageRoundsPage).create_round()
    windows = windows_open_now()
    create.fill_in(ROUND, "£5,000,000", windows | {"eoi_closes_at": (windows["eoi_opens_at"][0], "8am")})
    create.create_and_be_refused().check_date_error(
        "eoi_closes_at", "Expressions of interest must close after they open"
    )
    create.fill_in(ROUND, "£5,000,000", windows)
    manage = create.create(ROUND)
    manage.add_phase("Discovery", "£50,000").add_phase("Alpha", "100000").add_phase("Beta", "£350,000")
    manage.add_criterion("Expression of interest", "The problem and who has it", "Evidence of need.", "60")
    manage.add_criterion("Expression of interest", "Collaboration", "Partners share the work.", "40")
    manage.add_criterion("Full application", "Plan and user research", "A realistic plan.", "100")
    expect(manage.status).to_have_text("Draft")
    manage.publish()
    expect(manage.status).to_have_text("Published")
    expect(manage.success_banner).to_contain_text("is now on the list of rounds")
    assert Round.objects.get().status == RoundStatus.PUBLISHED

    # A member of council A signs in with their work email and starts an expression of interest.
    SignInPage(page).open().ask_for_link("robin@testshire.gov.uk")
    link = link_in(wait_for_email(mailoutbox, "robin@testshire.gov.uk"), "/sign-in/")
    SignInLinkPage(page, link).open().sign_in()
    round_page = RoundListPage(page).open().open_round(ROUND)
    expect(round_page.page.locator('[aria-current="step"]')).to_contain_text("Expressions of interest")
    start = round_page.start()
    expect(start.page.get_by_role("main")).to_contain_text("Testshire County Council can lead a bid in this round")
    tasks = start.start()
    expect(tasks.status_of("Project details")).to_have_text("Incomplete")

    project = tasks.open_section("Project details", "Project details")
    project.fill(
        {
            "Project title": "Shared bin collection data",
            "What is the problem, and who has it?": "Residents miss collections; every council builds its own tool.",
        }
    )
    tasks = project.save()
    expect(tasks.status_of("Project details")).to_have_text("Completed")

    phase = tasks.open_section("Phase and amount", "Phase and amount")
    phase.choose("Discovery, up to £50,000")
    phase.fill({"How much are you asking for?": "£60,000"})
    phase.save_and_be_refused().check_error(
        "How much are you asking for?",
        "Enter an amount of £50,000 or less, the most this round awards for discovery",
    )
    phase.fill({"How much are you asking for?": "£45,000"})
    tasks = phase.save()

    tasks.page.get_by_role("link", name="Partners", exact=True).click()
    partners = PartnersPage(page).check().add_partner("Otherborough Council", "pat@otherborough.gov.uk")
    expect(partners.success_banner).to_contain_text("We have emailed your contact at Otherborough Council")
    expect(partners.summary("Otherborough Council")).to_have_text("Waiting for confirmation")
    tasks = partners.back_to_task_list()
    expect(tasks.status_of("Partners")).to_have_text("Incomplete")

    principles = tasks.open_section("The declaration’s principles and reuse", "The declaration’s principles and reuse")
    principles.fill(
        {
            "How will the project follow the Local Digital Declaration’s principles?": "Research with residents.",
            "What existing work will you reuse?": "The open waste collection data standard.",
        }
    )
    tasks = principles.save()

    # The partner's contact confirms from the emailed link, without signing in.
    email = wait_for_email(mailoutbox, "pat@otherborough.gov.uk")
    partner_link = link_in(email, "/fund/partners/")
    heading = "Testshire County Council has asked Otherborough Council to be a partner"
    response = PartnerResponsePage(open_page(), partner_link, heading).open()
    expect(response.page.get_by_role("main")).to_contain_text("Shared bin collection data")
    response.confirm()

    # Council A's member sees the partner confirmed, checks the answers and submits.
    page.reload()
    tasks = TaskListPage(page).check()
    expect(tasks.status_of("Partners")).to_have_text("Completed")
    expect(page.locator(".govuk-task-list__hint")).to_have_text("Otherborough Council: confirmed")
    answers = tasks.check_answers()
    expect(answers.summary("Amount requested")).to_contain_text("£45,000")
    submitted = answers.submit()

    bid = Bid.objects.get()
    expect(submitted.page.locator(".govuk-panel__body")).to_contain_text(bid.reference)
    assert bid.status == BidStatus.EOI_SUBMITTED
    wait_for_email(mailoutbox, "robin@testshire.gov.uk", subject=f"Expression of interest submitted: {bid.reference}")
    yours = submitted.see_your_bids()
    row = yours.page.get_by_role("row").filter(has_text="Shared bin collection data")
    expect(row.locator(".govuk-tag")).to_have_text("Expression of interest submitted")


class ExpressionsOfInterestPage(ServicePage):
    heading = "Expressions of interest"


def test_after_the_close_the_public_reads_the_expressions_of_interest_a_round_publishes(page):
    round_ = RoundFactory(name=ROUND, evaluating=True, publish_eois_after_close=True)
    bid = BidFactory(
        round=round_,
        submitted=True,
        title="Shared bin collection data",
        lead_organisation__name="Testshire County Council",
    )
    BidPartnerFactory(bid=bid, organisation__name="Otherborough Council", confirmed=True)
    BidFactory(round=round_, title="A draft nobody sent")

    round_page = RoundListPage(page).open().open_round(ROUND)
    expect(round_page.page.locator('[aria-current="step"]')).to_contain_text("Expressions of interest evaluated")
    expect(round_page.page.get_by_role("button", name="Start an expression of interest")).to_have_count(0)
    round_page.page.get_by_role("link", name="See the expressions of interest we received").click()
    eois = ExpressionsOfInterestPage(page).check()

    card = eois.page.locator(".govuk-summary-card")
    expect(card).to_have_count(1)
    expect(card.locator(".govuk-summary-card__title")).to_have_text("Shared bin collection data")
    expect(eois.summary("Partners")).to_have_text("Otherborough Council")
    expect(eois.page.get_by_role("link", name="Download them all as a spreadsheet (CSV)")).to_be_visible()
