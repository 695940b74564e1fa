"""The Local Digital Fund from full application to published grant: an invited bid's lead
completes the application with its budget, two assessors score it, staff propose an award, a
fund approver approves it, the applicants are told, and the grant is published as 360Giving
open data."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Page, expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from declaration.tests.factories import SignatureFactory
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ServicePage, SignInLinkPage, SignInPage, StaffSignInPage

PASSWORD = "a-long-staff-password"
APPLICANT = "robin@testshire.gov.uk"
TITLE = "Open bin data"


# Pages -------------------------------------------------------------------------------------


class ApplicationPage(ServicePage):
    """The full application's task list, or its read-only view once submitted."""

    heading = f"Full application: {TITLE}"

    def __init__(self, page: Page, reference: str) -> None:
        super().__init__(page)
        self.path = f"/fund/bids/{reference}/application"

    def section_status(self, title: str):
        item = self.page.locator(".govuk-task-list__item").filter(has=self.page.get_by_role("link", name=title))
        return item.locator(".govuk-task-list__status")

    def open_section(self, title: str, destination: type[ServicePage]) -> ServicePage:
        self.page.get_by_role("link", name=title, exact=True).click()
        return destination(self.page).check()

    def answer(self, title: str, label: str, text: str) -> ApplicationPage:
        section = self.open_section(title, type(f"{title}Page", (ServicePage,), {"heading": title}))
        section.page.get_by_label(label, exact=True).fill(text)
        section.click_button("Save and continue")
        self.check()
        expect(self.section_status(title)).to_have_text("Completed")
        return self


class BudgetPage(ServicePage):
    heading = "Budget"

    def add_line(self, description: str, amount: str) -> BudgetPage:
        self.page.get_by_label("What the money is for", exact=True).fill(description)
        self.page.get_by_label("Amount, in pounds", exact=True).fill(amount)
        self.click_button("Add budget line")
        self.check()
        expect(self.page.locator("#budget-lines")).to_contain_text(description)
        return self

    def finish(self) -> None:
        self.click_button("Save and continue")


class OpennessPage(ServicePage):
    heading = "Openness"


class CheckApplicationPage(ServicePage):
    heading = "Check your answers before submitting your application"


class ApplicationSubmittedPage(ServicePage):
    heading = "Application submitted"


class ManageBidPage(ServicePage):
    heading = TITLE

    def __init__(self, page: Page, reference: str) -> None:
        super().__init__(page)
        self.path = f"/manage/fund/bids/{reference}"


class YourAssessmentsPage(ServicePage):
    path = "/assess"
    heading = "Your assessments"


class DeclareConflictsPage(ServicePage):
    heading = "Declare any conflict of interest"


class ScorePage(ServicePage):
    heading = TITLE


class CheckAssessmentPage(ServicePage):
    heading = "Check your assessment before submitting it"


class DecidePage(ServicePage):
    heading = f"Decide on {TITLE}"


class DecisionsWaitingPage(ServicePage):
    path = "/manage/fund/decisions"
    heading = "Decisions waiting for approval"


class ApprovalPage(ServicePage):
    heading = TITLE


# People ------------------------------------------------------------------------------------


def staff_member(email: str, name: str, **role) -> AuthenticatorApp:
    user = UserFactory(email=email, full_name=name, password=PASSWORD, **role)
    return AuthenticatorApp(TOTPDeviceFactory(user=user).bin_key)


def sign_in_as_staff(page: Page, start: ServicePage, email: str, app: AuthenticatorApp, destination):
    """Open `start`, be sent to the staff sign-in, and come back to it signed in: to the page
    `destination(page)` checks."""
    code_page = start.open_and_be_sent_to(StaffSignInPage).sign_in(email, PASSWORD)
    return code_page.enter_code(app.code(), destination)


def assess(page: Page, email: str, name: str, app: AuthenticatorApp, scores: list[str]) -> None:
    assessments = sign_in_as_staff(page, YourAssessmentsPage(page), email, app, YourAssessmentsPage)
    assessments.page.get_by_role("link", name=TITLE, exact=True).click()
    conflicts = DeclareConflictsPage(page).check()
    conflicts.page.get_by_label("No, I have no conflict of interest", exact=True).check()
    conflicts.click_button("Continue")
    score = ScorePage(page).check()
    expect(score.page.get_by_role("main")).to_contain_text("Interviews with thirty residents")
    for criterion, value in zip(["Collaboration", "User needs"], scores, strict=True):
        score.page.get_by_role("group", name=f"Score for “{criterion}”").get_by_label(value, exact=True).check()
        score.page.get_by_label(f"Comment on {criterion}", exact=True).fill(f"{name}: {value} on {criterion}.")
    score.page.get_by_role("radio", name="Fund", exact=True).check()
    score.page.get_by_label("Comment on your recommendation", exact=True).fill("Fund it: the research is strong.")
    score.click_button("Continue")
    CheckAssessmentPage(page).check().click_button("Submit assessment")
    submitted = ScorePage(page).check()
    expect(submitted.success_banner).to_contain_text("is submitted")


# The journey -------------------------------------------------------------------------------


def test_an_invited_bid_is_applied_for_assessed_awarded_approved_and_published(page, open_page, mailoutbox):
    round_ = RoundFactory(applications_open=True, name="Local Digital Fund round 9", slug="round-9")
    council = OrganisationFactory(name="Testshire County Council", org_id="GB-LAE-TST")
    OrganisationDomainFactory(organisation=council, domain="testshire.gov.uk")
    SignatureFactory(signed=True, organisation=council)
    bid = BidFactory(
        invited=True,
        round=round_,
        lead_organisation=council,
        title=TITLE,
        amount_requested=40_000,
        reference="LDF-BIN1",
    )
    BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnershire District Council")
    moderator = staff_member("mo@localdigital.example", "Rachel Wong", moderator=True)
    assessors = [
        ("dana@localdigital.example", "Dana Assessor", ["3 – Good", "4 – Strong"]),
        ("kwame@localdigital.example", "Kwame Assessor", ["3 – Good", "3 – Good"]),
    ]
    assessor_apps = [staff_member(email, name, assessor=True) for email, name, _ in assessors]
    approver = staff_member("priya@localdigital.example", "Priya Shah", fund_approver=True)

    # The applicant signs in with the link emailed to them and completes every section.
    SignInPage(page).open().ask_for_link(APPLICANT)
    SignInLinkPage(page, link_in(wait_for_email(mailoutbox, APPLICANT), "/sign-in/")).open().sign_in()
    application = ApplicationPage(page, bid.reference).open()
    expect(application.section_status("Budget")).to_have_text("Not yet started")
    application.answer(
        "Team and roles",
        "Who will work on the project, and what will each of them do?",
        "A product manager at Testshire; a developer at Partnershire.",
    )
    application.answer(
        "Plan by phase", "What will you do in each phase?", "Weeks 1 to 8: research. Weeks 9 to 12: show and tell."
    )

    budget = application.open_section("Budget", BudgetPage)
    budget.add_line("User researcher, 40 days", "£25,000").add_line("Developer, 20 days", "10000")
    budget.finish()
    budget.check()
    expect(budget.page).to_have_title(re.compile(r"^Error: "))
    expect(budget.error_summary).to_contain_text(
        "Your budget adds up to £35,000; it must add up to the £40,000 you asked for"
    )
    expect(budget.error_summary).to_be_focused()
    budget.add_line("Delivery manager, 10 days", "5,000")
    budget.finish()
    application.check()
    expect(application.section_status("Budget")).to_have_text("Completed")

    application.answer(
        "User research",
        "How will you research your users’ needs?",
        "Interviews with thirty residents and the bin crews, then tests of prototypes with them.",
    )
    openness = application.open_section("Openness", OpennessPage)
    openness.page.get_by_role("group", name="Will you publish everything the project makes openly?").get_by_label(
        "Yes", exact=True
    ).check()
    openness.page.get_by_label("MIT", exact=True).check()
    openness.click_button("Save and continue")
    application.check()
    expect(application.section_status("Openness")).to_have_text("Completed")

    check = application.open_section("Check your answers and submit", CheckApplicationPage)
    expect(check.page.get_by_role("main")).to_contain_text("Delivery manager, 10 days")
    check.click_button("Submit application")
    ApplicationSubmittedPage(page).check()
    wait_for_email(mailoutbox, APPLICANT, f"We have your full application to the Local Digital Fund ({bid.reference})")

    # Staff ask two assessors, who each declare no conflict, score and submit.
    staff_page = open_page()
    manage = sign_in_as_staff(
        staff_page,
        ManageBidPage(staff_page, bid.reference),
        "mo@localdigital.example",
        moderator,
        lambda page: ManageBidPage(page, bid.reference),
    )
    for email, name, _ in assessors:
        manage.page.get_by_label(f"{name} ({email})", exact=True).check()
    manage.click_button("Assign assessors")
    manage.check()
    expect(manage.success_banner).to_contain_text("Assigned")
    for (email, name, scores), app in zip(assessors, assessor_apps, strict=True):
        assess(open_page(), email, name, app, scores)

    # Staff propose an award; until it is approved the applicants see only that a decision is coming.
    manage.open()
    manage.page.get_by_role("link", name="decide on the full application").click()
    decide = DecidePage(staff_page).check()
    expect(decide.page.locator("#assessments")).to_be_visible()
    expect(decide.page.locator("#mean-total")).to_have_text("3.3")
    decide.page.get_by_role("group", name="Do you want to fund this bid?").get_by_label("Yes", exact=True).check()
    decide.page.get_by_label("Amount to award, in pounds", exact=True).fill("38,000")
    decide.page.get_by_label("Conditions of the award (optional)", exact=True).fill(
        "Share what you learn at the March show and tell."
    )
    decide.page.get_by_label("Feedback for the applicants", exact=True).fill("Strong research plan.")
    decide.click_button("Propose decision")
    decide.check()
    expect(decide.success_banner).to_contain_text("waiting for a fund approver")

    application.open()
    expect(application.page.locator("#status")).to_have_text("Decision in progress")
    expect(application.page.get_by_role("main")).not_to_contain_text("38,000")
    assert not [message for message in mailoutbox if "awarded" in message.subject]

    # The fund approver approves it.
    approver_page = open_page()
    waiting = sign_in_as_staff(
        approver_page, DecisionsWaitingPage(approver_page), "priya@localdigital.example", approver, DecisionsWaitingPage
    )
    expect(waiting.page.locator("#proposals")).to_contain_text("Fund: £38,000")
    waiting.page.get_by_role("link", name=TITLE, exact=True).click()
    approval = ApprovalPage(approver_page).check()
    approval.click_button("Approve decision")
    approval.check()
    expect(approval.success_banner).to_contain_text("You approved an award. We have emailed the applicants")

    # The applicants are told, and the grant is published.
    decision = wait_for_email(
        mailoutbox, APPLICANT, f"Your Local Digital Fund application has been awarded funding ({bid.reference})"
    )
    assert "Award: £38,000" in decision.body
    assert "Share what you learn at the March show and tell." in decision.body
    application.open()
    expect(application.page.locator("#status")).to_have_text("Awarded")

    grants = page.request.get("/fund/grants.json").json()
    (grant,) = grants["grants"]
    assert (grant["id"], grant["amountAwarded"]) == ("360G-LDF-BIN1", 38_000)
    assert grant["recipientOrganization"] == [{"id": "GB-LAE-TST", "name": "Testshire County Council"}]
    rows = list(csv.DictReader(io.StringIO(page.request.get("/fund/grants.csv").text().lstrip("\ufeff"))))
    assert [(row["Identifier"], row["Amount Awarded"], row["Title"]) for row in rows] == [
        ("360G-LDF-BIN1", "38000", TITLE)
    ]
