"""A joint expression of interest is assessed: staff assign two assessors (and are refused a
third, who works at the partner council), each assessor declares no conflict before seeing
the bid, scores and submits it, and staff moderate the scores and invite the bid to a full
application. The applicants are emailed the outcome."""

from __future__ import annotations

import re
from typing import Self

from playwright.sync_api import Locator, Page, expect

from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory, UserFactory
from declaration.tests.factories import SignatureFactory
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import wait_for_email
from tests.browser.pages import ServicePage, StaffSignInPage

PASSWORD = "a-long-staff-password"
TITLE = "Shared bin collection data"
PROBLEM = "Residents cannot find out when their bins are collected"
PARTNER = "Partnerton District Council"
LEAD_EMAIL = "robin@leadshire.gov.uk"
PARTNER_EMAIL = "pat@partnerton.gov.uk"


# Staff ---------------------------------------------------------------------------------------


class BidsPage(ServicePage):
    path = "/manage/fund/ldf-2026/bids"
    heading = "Bids"

    def open_bid(self, title: str) -> BidPage:
        self.page.get_by_role("link", name=title, exact=True).click()
        return BidPage(self.page).check()


class BidPage(ServicePage):
    heading = TITLE

    @property
    def assessors(self) -> Locator:
        return self.page.locator("#assessors")

    @property
    def status_tag(self) -> Locator:
        return self.page.locator("#status")

    def assign(self, names: list[str]) -> None:
        self.choose("Choose assessors", names)
        self.click_button("Assign assessors")

    def record_outcome(self, outcome: str, feedback: str) -> Self:
        self.page.get_by_label(outcome, exact=True).check()
        self.page.get_by_label("Feedback for the applicants", exact=True).fill(feedback)
        self.click_button("Record outcome")
        return self.check()


class ModerationPage(ServicePage):
    path = "/manage/fund/ldf-2026/moderation"
    heading = "Moderate scores"

    def row(self, title: str) -> Locator:
        return self.page.locator("#moderation").get_by_role("row").filter(has=self.page.get_by_role("link", name=title))

    def open_bid(self, title: str) -> BidPage:
        self.page.get_by_role("link", name=title, exact=True).click()
        return BidPage(self.page).check()


# Assessors ----------------------------------------------------------------------------------


class AssessmentsPage(ServicePage):
    path = "/assess"
    heading = "Your assessments"

    def open(self, title: str) -> None:
        self.page.get_by_role("link", name=title, exact=True).click()

    def open_to_declare(self, title: str) -> DeclarationPage:
        self.open(title)
        return DeclarationPage(self.page).check()


class DeclarationPage(ServicePage):
    heading = "Declare any conflict of interest"

    def declare_no_conflict(self) -> ScorePage:
        self.page.get_by_label("No, I have no conflict of interest", exact=True).check()
        self.click_button("Continue")
        return ScorePage(self.page).check()


class ScorePage(ServicePage):
    heading = TITLE

    def score(self, criterion: str, score: str, comment: str) -> Self:
        group = self.page.get_by_role("group", name=f"Score for “{criterion}”", exact=True)
        group.get_by_label(score, exact=True).check()
        self.page.get_by_label(f"Comment on {criterion}", exact=True).fill(comment)
        return self

    def continue_without_answers(self) -> Self:
        self.click_button("Continue")
        return self.check()

    def recommend(self, recommendation: str, comment: str) -> CheckPage:
        self.page.get_by_label(recommendation, exact=True).check()
        self.page.get_by_label("Comment on your recommendation", exact=True).fill(comment)
        self.click_button("Continue")
        return CheckPage(self.page).check()


class CheckPage(ServicePage):
    heading = "Check your assessment before submitting it"

    def submit(self) -> SubmittedPage:
        self.click_button("Submit assessment")
        return SubmittedPage(self.page).check()


class SubmittedPage(ServicePage):
    heading = TITLE

    @property
    def others(self) -> Locator:
        return self.page.locator("#other-assessments")


def sign_in(page: Page, user, app: AuthenticatorApp, destination: type[ServicePage]):
    code_page = destination(page).open_and_be_sent_to(StaffSignInPage).sign_in(user.email, PASSWORD)
    return code_page.enter_code(app.code(), destination)


def an_assessor(name: str, email: str) -> tuple:
    assessor = UserFactory(assessor=True, full_name=name, email=email, password=PASSWORD)
    return assessor, AuthenticatorApp(TOTPDeviceFactory(user=assessor).bin_key)


def assess(page: Page, assessor, app, scores: list[tuple[str, str, str]], comment: str) -> SubmittedPage:
    assessments = sign_in(page, assessor, app, AssessmentsPage)
    declaration = assessments.open_to_declare(TITLE)
    # Before the declaration: the bid's title and organisations, never its content.
    expect(declaration.page.get_by_role("main")).to_contain_text(PARTNER)
    expect(declaration.page.get_by_role("main")).not_to_contain_text(PROBLEM)
    score_page = declaration.declare_no_conflict()
    expect(score_page.page.get_by_role("main")).to_contain_text(PROBLEM)
    for criterion, score, reason in scores:
        score_page.score(criterion, score, reason)
    return score_page.recommend("Invite to full application", comment).submit()


def test_staff_assign_assessors_who_score_a_joint_bid_and_staff_invite_it(open_page, mailoutbox):
    round_ = RoundFactory(slug="ldf-2026", name="Local Digital Fund 2026", evaluating=True)
    lead = OrganisationFactory(name="Leadshire Council")
    SignatureFactory(organisation=lead, signed=True)
    applicant = UserFactory(email=LEAD_EMAIL)
    MembershipFactory(user=applicant, organisation=lead)
    bid = BidFactory(
        round=round_, lead_organisation=lead, created_by=applicant, submitted=True, title=TITLE, problem=PROBLEM
    )
    partner = BidPartnerFactory(bid=bid, confirmed=True, organisation__name=PARTNER, contact_email=PARTNER_EMAIL)
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=PASSWORD)
    staff_app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    ann, ann_app = an_assessor("Ann Assessor", "ann@assessors.example")
    ben, ben_app = an_assessor("Ben Assessor", "ben@assessors.example")
    insider = UserFactory(assessor=True, full_name="Ida Insider")
    MembershipFactory(user=insider, organisation=partner.organisation)

    # Staff assign assessors; the one who works at the partner council is refused.
    staff_page = open_page()
    bids = sign_in(staff_page, moderator, staff_app, BidsPage)
    bid_page = bids.open_bid(TITLE)
    bid_page.assign(["Ann Assessor (ann@assessors.example)", "Ida Insider (" + insider.email + ")"])
    bid_page.check().check_choice_error(
        "Choose assessors", f"Ida Insider cannot assess this bid: they work at {PARTNER}, a partner organisation"
    )
    bid_page.assign(["Ann Assessor (ann@assessors.example)", "Ben Assessor (ben@assessors.example)"])
    bid_page.check()
    expect(bid_page.success_banner).to_contain_text("Assigned Ann Assessor, Ben Assessor")
    expect(bid_page.assessors).to_contain_text("Ann Assessor")
    expect(bid_page.assessors).to_contain_text("Ben Assessor")
    wait_for_email(mailoutbox, ann.email, "You have a bid to assess for Local Digital Fund 2026")

    # The first assessor scores and submits; nobody else has submitted yet.
    ann_page = open_page()
    submitted = assess(
        ann_page,
        ann,
        ann_app,
        [("Collaboration", "4 – Strong", "Three councils share the build"), ("User needs", "3 – Good", "Survey")],
        "A strong joint bid",
    )
    expect(submitted.success_banner).to_contain_text("is submitted")
    expect(submitted.others).to_contain_text("No other assessor has submitted")

    # The second cannot see the first's scores until they submit their own.
    ben_page = open_page()
    assessments = sign_in(ben_page, ben, ben_app, AssessmentsPage)
    score_page = assessments.open_to_declare(TITLE).declare_no_conflict()
    expect(score_page.page.get_by_role("main")).not_to_contain_text("Three councils share the build")
    expect(score_page.page.get_by_role("main")).not_to_contain_text("A strong joint bid")
    score_page.continue_without_answers().check_error(
        "Comment on your recommendation", "Enter a comment on your recommendation"
    )
    score_page.score("Collaboration", "1 – Weak", "Partners have not agreed roles")
    score_page.score("User needs", "Not applicable", "Research comes later")
    submitted = score_page.recommend("Invite to full application", "Worth a look").submit()
    expect(submitted.others).to_contain_text("Three councils share the build")
    expect(submitted.others).not_to_contain_text("Ann Assessor")

    # Staff moderate: totals (4×40 + 3×60)/100 = 3.4 and 1.0 with "user needs" left out.
    moderation = ModerationPage(staff_page).open()
    row = moderation.row(TITLE)
    expect(row).to_contain_text("Ann Assessor: 3.4")
    expect(row).to_contain_text("Ben Assessor: 1.0")
    expect(row).to_contain_text("2.2")
    expect(row).to_contain_text("2.4")
    expect(row).to_contain_text("Large spread")
    bid_page = moderation.open_bid(TITLE)
    bid_page.record_outcome("Invite to full application", "Plan the user research with residents early")
    expect(bid_page.success_banner).to_contain_text("The bid is invited to full application")
    expect(bid_page.status_tag).to_have_text("Invited to apply")

    email = wait_for_email(mailoutbox, LEAD_EMAIL)
    assert email.subject == f"You are invited to make a full application to Local Digital Fund 2026 ({bid.reference})"
    assert "Plan the user research with residents early" in email.body
    assert not re.search(r"Ann Assessor|Ben Assessor|3\.4", email.body)
    wait_for_email(mailoutbox, PARTNER_EMAIL)
    bid.refresh_from_db()
    assert bid.status == BidStatus.INVITED
