"""Page objects for the Tender: needs, questions and alerts, suppliers, and the staff pages
that moderate them. They follow `tests.browser.pages`: each method that moves on returns the
next page object after checking it, axe-core included."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tender.models import Need
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import AccountPage, ServicePage, SignInLinkPage, SignInPage


def sign_in_with_link(page: Page, mailoutbox: list[mail.EmailMessage], email: str) -> AccountPage:
    """Sign in as a council's or a supplier's person do: with the link emailed to them."""
    SignInPage(page).open().ask_for_link(email)
    return SignInLinkPage(page, link_in(wait_for_email(mailoutbox, email), "/sign-in/")).open().sign_in()


# Needs --------------------------------------------------------------------------------------


class TenderPage(ServicePage):
    path = "/tender"
    heading = "The Tender"

    def filter_by_topic(self, topic: str) -> TenderPage:
        self.page.get_by_label("Topic", exact=True).select_option(label=topic)
        self.click_button("Apply filters")
        return self.check()

    def need_titles(self) -> Locator:
        return self.page.locator("#needs h3")

    def open_need(self, title: str) -> NeedPage:
        self.page.get_by_role("link", name=title, exact=True).click()
        return NeedPage(self.page, title).check()


class NewNeedPage(ServicePage):
    path = "/tender/needs/new"
    heading = "Describe a need"

    def fill(self, *, title: str, problem: str) -> None:
        """Answer every question, the title and problem as given and the rest as a council
        buying within six months would: a £20,000 to £60,000 budget, about open data."""
        page = self.page
        closes = timezone.localdate() + datetime.timedelta(days=30)
        page.get_by_label("Title", exact=True).fill(title)
        page.get_by_label("The problem and its users", exact=True).fill(problem)
        page.get_by_label("Services affected", exact=True).fill("Waste collection, the contact centre")
        page.get_by_role("group", name="When do you expect to buy something?").get_by_label("In 3 to 6 months").check()
        page.get_by_label("Lowest budget, in pounds (optional)").fill("£20,000")
        page.get_by_label("Highest budget, in pounds (optional)").fill("60000")
        page.get_by_role("group", name="Topics").get_by_label("Open data", exact=True).check()
        dates = page.get_by_role("group", name="Closing date for questions")
        dates.get_by_label("Day").fill(str(closes.day))
        dates.get_by_label("Month").fill(str(closes.month))
        dates.get_by_label("Year").fill(str(closes.year))

    def continue_and_be_refused(self) -> NewNeedPage:
        self.click_button("Continue")
        return self.check()

    def continue_to_check(self) -> CheckNeedPage:
        self.click_button("Continue")
        return CheckNeedPage(self.page).check()


class CheckNeedPage(ServicePage):
    heading = "Check your answers before sending your need for review"

    def send_for_review(self) -> NeedSubmittedPage:
        self.click_button("Send for review")
        return NeedSubmittedPage(self.page).check()


class NeedSubmittedPage(ServicePage):
    heading = "Need sent for review"

    def your_needs(self) -> YourNeedsPage:
        self.page.get_by_role("link", name="See your organisation’s needs").click()
        return YourNeedsPage(self.page).check()


class YourNeedsPage(ServicePage):
    path = "/tender/your-needs"
    heading = "Your organisation’s needs"

    def status_of(self, title: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=title).locator(".govuk-tag")


class NeedPage(ServicePage):
    """A need's page, whoever looks: the public see the need and its answers, a council's
    people can join it or manage it, a supplier's people ask questions on it."""

    def __init__(self, page: Page, title: str, path: str = "") -> None:
        super().__init__(page)
        self.heading = title
        self.path = path

    @classmethod
    def of(cls, page: Page, need: Need) -> NeedPage:
        return cls(page, need.title, need.get_absolute_url())

    @property
    def organisations_heading(self) -> Locator:
        return self.page.locator("#organisations-heading")

    @property
    def questions(self) -> Locator:
        return self.page.locator("#questions")

    def join(self) -> NeedPage:
        self.click_button("We have this problem too")
        return self.check()

    def ask(self, text: str) -> QuestionSentPage:
        self.questions.get_by_label("Your question", exact=True).fill(text)
        self.questions.get_by_role("button", name="Send question").click()
        return QuestionSentPage(self.page).check()

    def ask_and_be_refused(self) -> AskPage:
        self.questions.get_by_role("button", name="Send question").click()
        return AskPage(self.page).check()

    def invite_to_show_and_tell(self) -> ShowAndTellPage:
        self.page.get_by_role("link", name="Invite suppliers to a show-and-tell").click()
        return ShowAndTellPage(self.page).check()

    def link_procurement(self) -> ProcurementPage:
        self.page.get_by_role("link", name="Link the procurement notice").click()
        return ProcurementPage(self.page).check()

    def close(self) -> CloseNeedPage:
        self.page.get_by_role("link", name="Close the need and say what happened").click()
        return CloseNeedPage(self.page).check()


class ShowAndTellPage(ServicePage):
    heading = "Invite suppliers to a show-and-tell"

    def invite(self, event: str, need: str) -> NeedPage:
        self.page.get_by_label(re.compile(f"^{re.escape(event)}")).check()
        self.click_button("Invite suppliers")
        return NeedPage(self.page, need).check()


class ProcurementPage(ServicePage):
    heading = "Link the procurement notice"

    def save(self, reference: str) -> None:
        self.page.get_by_label("Notice reference", exact=True).fill(reference)
        self.click_button("Save the notice")

    def save_and_be_refused(self, reference: str) -> ProcurementPage:
        self.save(reference)
        return self.check()


class CloseNeedPage(ServicePage):
    heading = "Close the need"

    def close(self, outcome: str, need: str) -> NeedPage:
        self.page.get_by_label("What happened?", exact=True).fill(outcome)
        self.click_button("Close the need")
        return NeedPage(self.page, need).check()


class TenderDashboardPage(ServicePage):
    path = "/manage/tender"
    heading = "The Tender"

    def needs(self) -> NeedsQueuePage:
        self.page.get_by_role("link", name="Needs", exact=True).click()
        return NeedsQueuePage(self.page).check()


class NeedsQueuePage(ServicePage):
    heading = "Needs"

    def open_need(self, title: str) -> ReviewNeedPage:
        self.page.locator("#needs").get_by_role("link", name=title, exact=True).click()
        return ReviewNeedPage(self.page, title).check()


class ReviewNeedPage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    def publish(self) -> ReviewNeedPage:
        self.click_button("Publish")
        return self.check()


# Questions and alerts -----------------------------------------------------------------------


class AskPage(ServicePage):
    heading = "Ask a question"

    def ask(self, text: str) -> QuestionSentPage:
        self.page.get_by_label("Your question", exact=True).fill(text)
        self.click_button("Send question")
        return QuestionSentPage(self.page).check()


class QuestionSentPage(ServicePage):
    heading = "Question sent"


class CouncilQuestionsPage(ServicePage):
    path = "/tender/your-needs/questions"
    heading = "Questions about your needs"

    def answer_first(self) -> AnswerQuestionPage:
        self.page.locator("#waiting-questions").get_by_role("link", name="Answer").first.click()
        return AnswerQuestionPage(self.page).check()


class AnswerQuestionPage(ServicePage):
    heading = "Answer a question"
    wording = "The question as everyone will see it"

    @property
    def wording_field(self) -> Locator:
        return self.page.get_by_label(self.wording, exact=True)

    def publish_and_be_refused(self, answer: str) -> AnswerQuestionPage:
        self.page.get_by_label("Your answer", exact=True).fill(answer)
        self.click_button("Publish answer")
        # The page comes back with the same heading: wait for the new one before checking it.
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        return self.check()

    def publish(self, wording: str, answer: str) -> CouncilQuestionsPage:
        self.wording_field.fill(wording)
        self.page.get_by_label("Your answer", exact=True).fill(answer)
        self.click_button("Publish answer")
        return CouncilQuestionsPage(self.page).check()


class HeldQuestionsPage(ServicePage):
    path = "/manage/tender/questions"
    heading = "Held questions"

    def release_first(self) -> HeldQuestionsPage:
        self.page.locator("#held-questions").get_by_role("button", name="Release").first.click()
        expect(self.success_banner).to_be_visible()
        return self.check()


class AlertsPage(ServicePage):
    path = "/tender/alerts"
    heading = "Alerts about new needs"
    legend = "Which topics do you want to hear about?"

    def save_nothing_and_be_refused(self) -> AlertsPage:
        self.click_button("Save topics")
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        return self.check()

    def save(self, topics: list[str]) -> AlertsPage:
        self.choose(self.legend, topics)
        self.click_button("Save topics")
        expect(self.success_banner).to_be_visible()
        return self.check()


class StopAlertsPage(ServicePage):
    """Where the one-click unsubscribe link in an alert leads."""

    heading = "Stop alerts about new needs"

    def __init__(self, page: Page, path: str) -> None:
        super().__init__(page)
        self.path = path

    def unsubscribe(self) -> AlertsStoppedPage:
        self.click_button("Unsubscribe")
        return AlertsStoppedPage(self.page).check()


class AlertsStoppedPage(ServicePage):
    heading = "You have unsubscribed"


# Suppliers ----------------------------------------------------------------------------------


class RegisterSupplierPage(ServicePage):
    path = "/tender/suppliers/register"
    heading = "Register a supplier"

    def continue_and_be_refused(self) -> RegisterSupplierPage:
        self.click_button("Continue")
        return self.check()

    def fill(self, name: str) -> None:
        """Answer every question for a micro company making open source booking tools that
        works all over the UK (Companies House number 12345678)."""
        page = self.page
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Companies House number", exact=True).fill("1234 5678")
        page.get_by_label("Website", exact=True).fill("https://www.opencouncils.example")
        size = page.get_by_role("group", name="How many people work for it?")
        size.get_by_label("Micro (fewer than 10 staff)").check()
        page.get_by_label("Summary", exact=True).fill("Open source booking tools for council leisure services.")
        self.choose("What does it offer?", ["Open source", "Service design"])
        self.choose("Which open standards does it work with? (optional)", ["OpenAPI Specification"])
        regions = page.get_by_role("group", name="Where does it work?", exact=True)
        regions.get_by_label("North West", exact=True).check()
        # "All of the UK" is exclusive: ticking it clears the regions ticked before.
        regions.get_by_label("All of the UK", exact=True).check()
        expect(regions.get_by_label("North West", exact=True)).not_to_be_checked()
        page.get_by_label("Public contact email address", exact=True).fill("hello@opencouncils.example")

    def continue_to_check(self) -> CheckSupplierPage:
        self.click_button("Continue")
        return CheckSupplierPage(self.page).check()


class CheckSupplierPage(ServicePage):
    heading = "Check your answers before registering the supplier"

    def register(self) -> SupplierRegisteredPage:
        self.click_button("Register the supplier")
        return SupplierRegisteredPage(self.page).check()


class SupplierRegisteredPage(ServicePage):
    heading = "Supplier registered"

    def add_a_case_study(self) -> AddCaseStudyPage:
        self.page.get_by_role("link", name="Add a case study", exact=True).click()
        return AddCaseStudyPage(self.page).check()


class AddCaseStudyPage(ServicePage):
    heading = "Add a case study"

    def add_and_be_refused(self) -> AddCaseStudyPage:
        self.click_button("Add the case study")
        return self.check()

    def add(self, council: str, title: str) -> CaseStudiesPage:
        page = self.page
        page.get_by_label("Which council was the work for?", exact=True).fill(council)
        page.get_by_label("Title", exact=True).fill(title)
        page.get_by_label("What was done and what came of it", exact=True).fill(
            "We built the leisure centres' booking service with the council's leisure team."
        )
        self.click_button("Add the case study")
        return CaseStudiesPage(self.page).check()


class CaseStudiesPage(ServicePage):
    heading = "Case studies"


class PublicSectorOnlyPage(ServicePage):
    """What a supplier's person sees at the start of anything only the public sector may do."""

    path = "/events/submit"
    heading = "This is for people who work in the public sector"
    status = 403


class CannotRegisterSupplierPage(ServicePage):
    path = "/tender/suppliers/register"
    heading = "You cannot register a supplier with this account"
    status = 403


class CouncilCaseStudyPage(ServicePage):
    """Where the link in the email asking a council to confirm a case study leads."""

    def __init__(self, page: Page, title: str, path: str) -> None:
        super().__init__(page)
        self.heading = title
        self.path = path

    def confirm(self) -> CouncilCaseStudiesPage:
        self.click_button("Confirm the case study")
        return CouncilCaseStudiesPage(self.page).check()


class CouncilCaseStudiesPage(ServicePage):
    path = "/tender/case-studies"
    heading = "Case studies naming your organisation"


class SupplierDirectoryPage(ServicePage):
    path = "/tender/suppliers"
    heading = "Suppliers"

    def filter_by(self, label: str, option: str) -> SupplierDirectoryPage:
        self.page.get_by_label(label, exact=True).select_option(label=option)
        self.click_button("Apply filters")
        return self.check()

    def open_supplier(self, name: str) -> SupplierPage:
        self.page.locator("#suppliers").get_by_role("link", name=name, exact=True).click()
        return SupplierPage(self.page, name).check()


class SupplierPage(ServicePage):
    def __init__(self, page: Page, name: str) -> None:
        super().__init__(page)
        self.heading = name


class YourSuppliersPage(ServicePage):
    path = "/tender/your-suppliers"
    heading = "Your suppliers"

    def change_details(self, name: str) -> EditSupplierPage:
        self.page.get_by_role("link", name=f"Change details of {name}", exact=True).click()
        return EditSupplierPage(self.page).check()


class EditSupplierPage(ServicePage):
    heading = "Change the supplier’s details"

    def save(self, summary: str) -> YourSuppliersPage:
        self.page.get_by_label("Summary", exact=True).fill(summary)
        self.click_button("Save changes")
        return YourSuppliersPage(self.page).check()


class ManageSuppliersPage(ServicePage):
    path = "/manage/tender/suppliers"
    heading = "Suppliers"

    def open_supplier(self, name: str) -> ManageSupplierPage:
        self.page.locator("#suppliers").get_by_role("link", name=name, exact=True).click()
        return ManageSupplierPage(self.page, name).check()


class ManageSupplierPage(ServicePage):
    def __init__(self, page: Page, name: str) -> None:
        super().__init__(page)
        self.heading = name

    def suspend(self) -> SuspendSupplierPage:
        self.page.get_by_role("button", name="Suspend", exact=True).click()
        return SuspendSupplierPage(self.page, self.heading).check()

    def list_again(self) -> ManageSupplierPage:
        self.click_button("List it again")
        return self.check()


class SuspendSupplierPage(ServicePage):
    heading = "Suspend the supplier"

    def __init__(self, page: Page, supplier: str) -> None:
        super().__init__(page)
        self.supplier = supplier

    def suspend_and_be_refused(self) -> SuspendSupplierPage:
        self.click_button("Suspend the supplier")
        return self.check()

    def suspend(self, reason: str) -> ManageSupplierPage:
        self.page.get_by_label("Why are you suspending the supplier?", exact=True).fill(reason)
        self.click_button("Suspend the supplier")
        return ManageSupplierPage(self.page, self.supplier).check()
