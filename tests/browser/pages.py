"""Page objects: what a test may do on each page of the service, and how to check it got there.

A journey test opens its first page with `SomePage(page).open()` and moves on through the
methods that click links and buttons, each of which returns the next page object after
checking it. Every page of the service that is opened or checked gets an axe-core
accessibility check (the Django admin, with a design of its own, is left out).

Set BROWSER_SCREENSHOTS to a folder to save a screenshot of every page a test checks there.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Self, TypeVar

from django.test import RequestFactory
from playwright.sync_api import Locator, Page, expect

from core.views import server_error
from tests.browser.axe import assert_accessible

P = TypeVar("P", bound="ServicePage")


class ServicePage:
    path: str = "/"
    # The text of the page's h1; None checks only that there is exactly one, with some text.
    heading: str | None = None
    status: int = 200
    # Pages that are not the service's own (the Django admin) are not held to its standard.
    check_accessibility: bool = True

    def __init__(self, page: Page) -> None:
        self.page = page

    def url(self) -> str:
        return self.path

    def open(self) -> Self:
        response = self.page.goto(self.url())
        assert response is not None, f"No response for {self.url()}"
        assert response.status == self.status, f"{self.url()} answered {response.status}, not {self.status}"
        return self.check()

    def check(self) -> Self:
        """Assert the browser shows this page, and that the page is accessible."""
        expect(self.h1).to_have_count(1)
        if self.heading is None:
            expect(self.h1).not_to_be_empty()
        else:
            expect(self.h1).to_have_text(self.heading)
        if self.check_accessibility:
            assert_accessible(self.page)
        save_screenshot(self.page, type(self).__name__)
        return self

    def open_and_be_sent_to(self, destination: type[P]) -> P:
        """Open this page's URL and check the service sent the browser on to `destination`."""
        response = self.page.goto(self.url())
        assert response is not None, f"No response for {self.url()}"
        assert response.status == destination.status, f"{self.page.url} answered {response.status}"
        return destination(self.page).check()

    def check_error(self, label: str, message: str, *, summary_focused: bool = True) -> Self:
        """Assert the page shows `message` for the field labelled `label`: in the error
        summary, which links to the field, and beside the field itself. Pass
        `summary_focused=False` for the second error on a page, once a link has moved focus."""
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        summary = self.error_summary
        expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
        if summary_focused:
            # GOV.UK Frontend moves focus to the summary, so screen readers announce it first.
            expect(summary).to_be_focused()
        field = self.page.get_by_label(label, exact=True)
        expect(field).to_have_accessible_description(re.compile(rf"Error:\s+{re.escape(message)}"))
        summary.get_by_role("link", name=message, exact=True).click()
        expect(field).to_be_focused()
        return self

    def check_choice_error(self, legend: str, message: str) -> Self:
        """Assert the page shows `message` for the checkboxes under `legend`: in the error
        summary, which links to the first of them, and beside the group itself."""
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        group = self.page.get_by_role("group", name=legend, exact=True)
        expect(group).to_have_accessible_description(re.compile(rf"Error:\s+{re.escape(message)}"))
        self.error_summary.get_by_role("link", name=message, exact=True).click()
        expect(group.get_by_role("checkbox").first).to_be_focused()
        return self

    def choose(self, legend: str, options: list[str]) -> None:
        """Tick exactly `options` among the checkboxes under `legend`."""
        group = self.page.get_by_role("group", name=legend, exact=True)
        for checkbox in group.get_by_role("checkbox").all():
            checkbox.set_checked(False)
        for option in options:
            group.get_by_label(option, exact=True).check()

    def summary(self, key: str) -> Locator:
        """The value beside `key` in the page's summary list."""
        row = self.page.locator(".govuk-summary-list__row").filter(
            has=self.page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^{re.escape(key)}$"))
        )
        return row.locator(".govuk-summary-list__value")

    def follow_footer_link(self, name: str) -> None:
        self.page.get_by_role("contentinfo").get_by_role("link", name=name, exact=True).click()

    @property
    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    @property
    def success_banner(self) -> Locator:
        return self.page.locator(".govuk-notification-banner--success")

    @property
    def account_bar(self) -> Locator:
        return self.page.get_by_role("navigation", name="Your account")

    def sign_out(self) -> HomePage:
        self.account_bar.get_by_role("button", name="Sign out").click()
        home = HomePage(self.page).check()
        expect(self.account_bar.get_by_role("link", name="Sign in")).to_be_visible()
        expect(self.account_bar.get_by_role("button", name="Sign out")).to_have_count(0)
        return home

    def click_button(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    @property
    def h1(self) -> Locator:
        return self.page.locator("h1")

    @property
    def menu_button(self) -> Locator:
        """The service navigation's Menu button, which GOV.UK Frontend shows on narrow screens."""
        return self.page.get_by_role("button", name="Menu")

    @property
    def navigation(self) -> Locator:
        return self.page.locator(".govuk-service-navigation__list")

    def open_menu(self) -> Self:
        self.menu_button.click()
        expect(self.menu_button).to_have_attribute("aria-expanded", "true")
        expect(self.navigation).to_be_visible()
        return self


class HomePage(ServicePage):
    path = "/"
    heading = "Local Digital"

    def start_declaration(self) -> DeclarationPage:
        self.page.get_by_role("button", name="Read and sign the declaration").click()
        return DeclarationPage(self.page).check()

    def follow_card(self, name: str) -> None:
        self.page.locator(".app-card").get_by_role("link", name=name, exact=True).click()


class AboutPage(ServicePage):
    path = "/about"
    heading = "About Local Digital"


class RoadmapPage(ServicePage):
    path = "/about/roadmap"
    heading = "Collaboration Unit roadmap"


class AccessibilityPage(ServicePage):
    path = "/accessibility"
    heading = "Accessibility statement for Local Digital"


class PrivacyPage(ServicePage):
    path = "/privacy"
    heading = "Privacy notice"


class CookiesPage(ServicePage):
    path = "/cookies"
    heading = "Cookies"


class DeclarationPage(ServicePage):
    path = "/declaration"
    heading = "The Local Digital Declaration"


class OrganisationListPage(ServicePage):
    path = "/organisations"
    heading = "Organisations"


class OrganisationPage(ServicePage):
    def __init__(self, page: Page, organisation) -> None:
        super().__init__(page)
        self.organisation = organisation
        self.heading = organisation.name

    def url(self) -> str:
        return self.organisation.get_absolute_url()


class SignInPage(ServicePage):
    path = "/sign-in"
    heading = "Sign in"

    def _ask_for_link(self, email: str) -> None:
        self.page.get_by_label("Email address").fill(email)
        self.click_button("Continue")

    def ask_for_link(self, email: str) -> CheckEmailPage:
        self._ask_for_link(email)
        check_email = CheckEmailPage(self.page).check()
        expect(check_email.page.get_by_role("main")).to_contain_text(f"We have sent an email to {email}")
        return check_email

    def ask_for_link_and_be_refused(self, email: str, message: str) -> Self:
        self._ask_for_link(email)
        return self.check().check_error("Email address", message)


class CheckEmailPage(ServicePage):
    path = "/sign-in/check-your-email"
    heading = "Check your email"


class SignInLinkPage(ServicePage):
    """Where the link in a sign-in email leads: a button, so that mail scanners following
    the link do not spend it."""

    heading = "Sign in to Local Digital"

    def __init__(self, page: Page, link: str) -> None:
        super().__init__(page)
        self.link = link

    def url(self) -> str:
        return self.link

    def sign_in(self) -> AccountPage:
        self.click_button("Sign in")
        return AccountPage(self.page).check()

    def sign_in_with_spent_link(self) -> UsedSignInLinkPage:
        with self.page.expect_response(lambda response: response.request.method == "POST") as posted:
            self.click_button("Sign in")
        used = UsedSignInLinkPage(self.page, self.link)
        assert posted.value.status == used.status, f"The spent link answered {posted.value.status}"
        return used.check()


class UsedSignInLinkPage(SignInLinkPage):
    heading = "This link has already been used"
    status = 410


class AccountPage(ServicePage):
    path = "/account"
    heading = "Your account"

    def membership_status(self, organisation: str) -> Locator:
        """The status tag of the membership of `organisation` in the "Your organisations" table."""
        row = self.page.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=organisation))
        return row.locator(".govuk-tag")


class StaffSignInPage(ServicePage):
    path = "/staff/sign-in"
    heading = "Sign in as staff"

    def _give_password(self, email: str, password: str) -> None:
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.click_button("Continue")

    def sign_in_for_the_first_time(self, email: str, password: str) -> SetUpAuthenticatorPage:
        self._give_password(email, password)
        return SetUpAuthenticatorPage(self.page).check()

    def sign_in(self, email: str, password: str) -> SecurityCodePage:
        self._give_password(email, password)
        return SecurityCodePage(self.page).check()


class _CodePage(ServicePage):
    """A page asking for the code from an authenticator app, the second step of staff sign-in."""

    def _enter_code(self, code: str) -> None:
        self.page.get_by_label("Security code").fill(code)
        self.click_button("Continue")

    def enter_code(self, code: str, destination: type[P]) -> P:
        self._enter_code(code)
        return destination(self.page).check()

    def enter_wrong_code(self, code: str) -> Self:
        self._enter_code(code)
        message = "The code is not correct. Enter the latest 6-digit code from your authenticator app"
        return self.check().check_error("Security code", message)


class SetUpAuthenticatorPage(_CodePage):
    path = "/staff/set-up-authenticator"
    heading = "Set up an authenticator app"

    @property
    def qr_code(self) -> Locator:
        return self.page.get_by_role("img", name="QR code to scan with your authenticator app")

    def setup_key(self) -> str:
        return self.page.locator("code#secret-key").inner_text()


class SecurityCodePage(_CodePage):
    path = "/staff/verify"
    heading = "Enter your security code"


class ManageMembershipsPage(ServicePage):
    path = "/manage/memberships"
    heading = "Requests to join organisations"

    def request(self, email: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=email)

    def approve(self, email: str, organisation: str) -> Self:
        self.click_button(f"Approve {email} for {organisation}")
        self.check()
        expect(self.success_banner).to_contain_text(f"You approved {email}’s request to join {organisation}")
        return self


class _LinkPage(ServicePage):
    """A page opened from a link in an email: its URL carries the link's token."""

    def __init__(self, page: Page, link: str) -> None:
        super().__init__(page)
        self.link = link

    def url(self) -> str:
        return self.link


class SubscribePage(ServicePage):
    path = "/newsletter"
    heading = "Get updates by email"
    topics_legend = "What do you want updates about?"

    def _subscribe(self, email: str, topics: list[str]) -> None:
        self.page.get_by_label("Email address", exact=True).fill(email)
        self.choose(self.topics_legend, topics)
        self.click_button("Subscribe")

    def subscribe(self, email: str, topics: list[str]) -> NewsletterCheckEmailPage:
        self._subscribe(email, topics)
        check_email = NewsletterCheckEmailPage(self.page).check()
        expect(check_email.page.get_by_role("main")).to_contain_text(f"We have sent an email to {email}")
        return check_email

    def subscribe_and_be_refused(self, email: str, topics: list[str]) -> Self:
        self._subscribe(email, topics)
        return self.check()


class NewsletterCheckEmailPage(ServicePage):
    path = "/newsletter/check-your-email"
    heading = "Check your email"


class ConfirmSubscriptionPage(_LinkPage):
    """Where the link in a confirmation email leads: a button, so that mail scanners
    following the link do not confirm for anyone."""

    heading = "Confirm your subscription"

    def confirm(self) -> SubscriptionConfirmedPage:
        self.click_button("Confirm your subscription")
        return SubscriptionConfirmedPage(self.page).check()


class SubscriptionConfirmedPage(ServicePage):
    path = "/newsletter/confirmed"
    heading = "Subscription confirmed"


class NewsletterLinkRefusedPage(_LinkPage):
    """A newsletter link that no longer works: spent, expired, or for data since erased."""

    def __init__(self, page: Page, link: str, heading: str, status: int) -> None:
        super().__init__(page, link)
        self.heading = heading
        self.status = status


class UnsubscribePage(_LinkPage):
    heading = "Unsubscribe from Local Digital updates"

    def unsubscribe(self) -> UnsubscribedPage:
        self.click_button("Unsubscribe")
        return UnsubscribedPage(self.page, self.link).check()


class UnsubscribedPage(_LinkPage):
    heading = "You have unsubscribed"


class PreferencesPage(_LinkPage):
    heading = "Your email preferences"
    topics_legend = "What do you want updates about?"

    def _save(self, topics: list[str]) -> None:
        self.choose(self.topics_legend, topics)
        self.click_button("Save preferences")

    def save(self, topics: list[str]) -> Self:
        self._save(topics)
        self.check()
        expect(self.success_banner).to_contain_text("Your preferences have been saved")
        return self

    def save_and_be_refused(self, topics: list[str]) -> Self:
        self._save(topics)
        return self.check()

    def delete_data(self) -> DeleteDataPage:
        self.page.get_by_role("button", name="Delete your data", exact=True).click()
        return DeleteDataPage(self.page, f"{self.link}/delete").check()


class DeleteDataPage(_LinkPage):
    heading = "Are you sure you want to delete your data?"

    def delete(self) -> DataDeletedPage:
        self.click_button("Delete your data")
        return DataDeletedPage(self.page).check()


class DataDeletedPage(ServicePage):
    path = "/newsletter/data-deleted"
    heading = "Your data has been deleted"


class ArchivePage(ServicePage):
    path = "/newsletter/archive"
    heading = "Past updates"

    def open_issue(self, title: str) -> ArchivedIssuePage:
        self.page.get_by_role("main").get_by_role("link", name=title, exact=True).click()
        return ArchivedIssuePage(self.page, title).check()


class ArchivedIssuePage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    @property
    def body(self) -> Locator:
        return self.page.get_by_role("main")


class ManageIssuesPage(ServicePage):
    path = "/manage/newsletter"
    heading = "Newsletter"

    def write_issue(self) -> IssueFormPage:
        self.page.get_by_role("button", name="Write an issue", exact=True).click()
        return IssueFormPage(self.page).check()

    def issue_row(self, title: str) -> Locator:
        return self.page.get_by_role("row").filter(has=self.page.get_by_role("link", name=title, exact=True))


class IssueFormPage(ServicePage):
    path = "/manage/newsletter/new"
    heading = "Write an issue"

    def _save_draft(self, title: str, body: str) -> None:
        self.page.get_by_label("Title", exact=True).fill(title)
        self.page.get_by_label("Body", exact=True).fill(body)
        self.click_button("Save draft")

    def save_draft_and_be_refused(self, title: str, body: str) -> Self:
        self._save_draft(title, body)
        return self.check()

    def save_draft(self, title: str, body: str) -> IssuePage:
        self._save_draft(title, body)
        issue = IssuePage(self.page, title).check()
        expect(issue.success_banner).to_contain_text("The issue has been saved as a draft")
        return issue


class _IssueStepPage(ServicePage):
    """A moderator's page about one issue, the issue's title its caption or heading."""

    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.title = title


class IssuePage(_IssueStepPage):
    """An issue's status and progress, and what a moderator can do with it next."""

    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page, title)
        self.heading = title

    def preview(self) -> PreviewIssuePage:
        self.page.get_by_role("button", name="Preview", exact=True).click()
        return PreviewIssuePage(self.page, self.title).check()

    def send(self) -> ChooseRecipientsPage:
        self.page.get_by_role("button", name="Send", exact=True).click()
        return ChooseRecipientsPage(self.page, self.title).check()


class PreviewIssuePage(_IssueStepPage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page, title)
        self.heading = title

    @property
    def web_version(self) -> Locator:
        return self.page.locator("#web-version")

    @property
    def email_body(self) -> Locator:
        return self.page.locator("#email-body")

    def send_test(self, email: str) -> IssuePage:
        self.click_button("Send a test to yourself")
        issue = IssuePage(self.page, self.title).check()
        expect(issue.success_banner).to_contain_text(f"A test email has been sent to {email}")
        return issue


class ChooseRecipientsPage(_IssueStepPage):
    heading = "Who should get this issue?"
    topics_legend = "Topics"

    def choose_topics(self, topics: list[str], count: int) -> ConfirmSendPage:
        self.choose(self.topics_legend, topics)
        self.click_button("Continue")
        return ConfirmSendPage(self.page, self.title, count).check()

    def choose_no_topic(self) -> Self:
        self.choose(self.topics_legend, [])
        self.click_button("Continue")
        return self.check()


class ConfirmSendPage(_IssueStepPage):
    def __init__(self, page: Page, title: str, count: int) -> None:
        super().__init__(page, title)
        self.heading = f"Send to {count} subscriber{'' if count == 1 else 's'}?"

    def send_now(self) -> IssuePage:
        self.click_button("Send now")
        issue = IssuePage(self.page, self.title).check()
        expect(issue.success_banner).to_contain_text("Sending has started")
        return issue


class AdminIndexPage(ServicePage):
    """The Django admin's home page. The admin has its own look, not the GOV.UK one the axe
    checks hold the service to."""

    path = "/admin/"
    heading = "Site administration"
    check_accessibility = False


class NotFoundPage(ServicePage):
    path = "/no-such-page"
    heading = "Page not found"
    status = 404


class ServerErrorPage(ServicePage):
    """No URL fails on purpose, so the browser is handed the page the 500 handler renders."""

    path = "/server-error"
    heading = "Sorry, there is a problem with the service"
    status = 500

    def open(self) -> Self:
        html = server_error(RequestFactory().get(self.path)).content.decode()
        self.page.route(f"**{self.path}", lambda route: route.fulfill(status=500, body=html, content_type="text/html"))
        return super().open()


_screenshot_numbers: defaultdict[str, itertools.count] = defaultdict(lambda: itertools.count(1))


def save_screenshot(page: Page, name: str) -> None:
    """With BROWSER_SCREENSHOTS set to a folder, save each page a test checks there as
    journey-<test>-<step>-<page>.png, to look over the journeys by eye."""
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    if not folder:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "test").split("::")[-1].split(" ")[0]
    test = re.sub(r"[^\w-]+", "-", test).strip("-")
    step = next(_screenshot_numbers[test])
    page.screenshot(path=Path(folder) / f"journey-{test}-{step:02d}-{name}.png", full_page=True)


def has_class(name: str) -> re.Pattern[str]:
    """For `expect(locator).to_have_class(...)`: the element has this class among others."""
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


# Signing the declaration -------------------------------------------------------------------


class ApproverSignPage(ServicePage):
    heading = "Sign the Local Digital Declaration"

    def __init__(self, page: Page, path: str) -> None:
        super().__init__(page)
        self.path = path

    def sign(self, name: str) -> SignedPage:
        self.page.get_by_label("Type your full name to sign", exact=True).fill(name)
        self.page.get_by_role("button", name="Sign the declaration").click()
        return SignedPage(self.page).check()

    def sign_without_a_name(self) -> Self:
        self.page.get_by_role("button", name="Sign the declaration").click()
        return self.check()


class SignedPage(ServicePage):
    heading = "Declaration signed"


# Reviewing signatures of the declaration ---------------------------------------------------


class ReviewQueuePage(ServicePage):
    path = "/manage/signatures"
    heading = "Signatures of the declaration"

    @property
    def totals(self) -> Locator:
        """The pipeline in one line: "N signed, M in progress"."""
        return self.page.locator("#pipeline-totals")

    def stage_count(self, stage: str) -> Locator:
        return self.summary(stage)

    def row(self, organisation: str) -> Locator:
        return (
            self.page.locator("#signatures")
            .get_by_role("row")
            .filter(has=self.page.get_by_role("link", name=organisation, exact=True))
        )

    def open_signature(self, organisation: str) -> ReviewSignaturePage:
        self.row(organisation).get_by_role("link", name=organisation, exact=True).click()
        return ReviewSignaturePage(self.page, organisation).check()


class ReviewSignaturePage(ServicePage):
    """One signature in full, and the decisions a moderator can make on it now."""

    def __init__(self, page: Page, organisation: str) -> None:
        super().__init__(page)
        self.organisation = organisation
        self.heading = f"{organisation}’s declaration"

    @property
    def status_tag(self) -> Locator:
        return self.page.locator("#status")

    def ask_for_changes(self) -> AskForChangesPage:
        self.page.get_by_role("button", name="Ask for changes", exact=True).click()
        return AskForChangesPage(self.page, self.organisation).check()

    def approve(self) -> Self:
        self.click_button("Approve")
        self.check()
        expect(self.success_banner).to_contain_text("You approved the declaration")
        return self

    def back_to_signatures(self) -> ReviewQueuePage:
        self.page.get_by_role("link", name="Back to signatures", exact=True).click()
        return ReviewQueuePage(self.page).check()


class AskForChangesPage(ServicePage):
    heading = "Ask for changes"
    advice_label = "What should the lead change?"

    def __init__(self, page: Page, organisation: str) -> None:
        super().__init__(page)
        self.organisation = organisation

    def _send(self, advice: str) -> None:
        self.page.get_by_label(self.advice_label, exact=True).fill(advice)
        self.click_button("Send to the lead")

    def send_without_advice(self) -> Self:
        self._send("")
        return self.check().check_error(self.advice_label, "Enter the changes you want the lead to make")

    def send(self, advice: str) -> ReviewSignaturePage:
        self._send(advice)
        signature = ReviewSignaturePage(self.page, self.organisation).check()
        expect(signature.success_banner).to_contain_text("You asked the lead for changes")
        return signature


# The public directory of signatories ----------------------------------------------------------


class SignatoriesPage(ServicePage):
    path = "/signatories"
    heading = "Signatories"

    def search(self, name: str, *, types: list[str] = (), principle: str = "All principles") -> Self:
        self.page.get_by_label("Search by name", exact=True).fill(name)
        self.choose("Type of organisation", list(types))
        self.page.get_by_label("Principle of their projects", exact=True).select_option(label=principle)
        self.click_button("Apply filters")
        return self.check()

    def sort_by(self, order: str) -> Self:
        self.page.get_by_role("navigation", name="Sort signatories").get_by_role("link", name=order).click()
        return self.check()

    @property
    def count(self) -> Locator:
        return self.page.locator("#signatory-count")

    def signatory_names(self) -> list[str]:
        return self.page.locator("tbody th[scope=row] a").all_inner_texts()

    def open_chart_table(self) -> Locator:
        """Open the details below the chart and return the table of its data."""
        self.page.get_by_text("Show the data as a table", exact=True).click()
        table = self.page.get_by_role("table", name="Signatories at the end of each quarter")
        expect(table).to_be_visible()
        assert_accessible(self.page)
        return table

    def open_organisation(self, organisation) -> OrganisationPage:
        self.page.get_by_role("link", name=organisation.name, exact=True).click()
        return OrganisationPage(self.page, organisation).check()


class DeclarationProjectsPage(ServicePage):
    path = "/declaration/projects"
    heading = "Declaration projects"

    def filter_by(self, principle: str) -> Self:
        self.page.get_by_label("Principle", exact=True).select_option(label=principle)
        self.click_button("Apply filter")
        return self.check()


# A lead signing the declaration for their organisation --------------------------------------


class SignStartPage(ServicePage):
    path = "/declaration/sign"
    heading = "Sign the Local Digital Declaration"

    def start_now(self) -> EligibilityPage:
        self.page.get_by_role("button", name="Start now").click()
        return EligibilityPage(self.page).check()


class EligibilityPage(ServicePage):
    path = "/declaration/sign/eligibility"
    heading = "Is your organisation a UK public sector body or a non-profit organisation?"

    def answer_yes_signed_out(self) -> SignInPage:
        self.page.get_by_role("group", name=self.heading).get_by_label("Yes", exact=True).check()
        self.click_button("Continue")
        return SignInPage(self.page).check()


class SignInToDeclarationPage(SignInLinkPage):
    """The sign-in link in the email, asked for on the way to signing the declaration."""

    def sign_in_to_sign(self) -> FindOrganisationPage:
        self.click_button("Sign in")
        return FindOrganisationPage(self.page).check()


class FindOrganisationPage(ServicePage):
    path = "/declaration/sign/organisation"
    heading = "What is the name of your organisation?"

    def _find(self, name: str) -> None:
        self.page.get_by_label(self.heading, exact=True).fill(name)
        self.click_button("Continue")

    def find_and_be_refused(self, name: str) -> Self:
        self._find(name)
        return self.check()

    def find(self, name: str) -> LeadDetailsPage:
        self._find(name)
        return LeadDetailsPage(self.page).check()


class LeadDetailsPage(ServicePage):
    heading = "Your details"

    def give(self, name: str, job_title: str) -> ApproverDetailsPage:
        self.page.get_by_label("Your full name", exact=True).fill(name)
        self.page.get_by_label("Your job title", exact=True).fill(job_title)
        self.click_button("Continue")
        return ApproverDetailsPage(self.page).check()


class ApproverDetailsPage(ServicePage):
    heading = "Who will sign for your organisation?"

    def give(self, name: str, job_title: str, email: str) -> AddProjectPage:
        self.page.get_by_label("Full name", exact=True).fill(name)
        self.page.get_by_label("Job title", exact=True).fill(job_title)
        self.page.get_by_label("Work email address", exact=True).fill(email)
        self.click_button("Continue")
        return AddProjectPage(self.page).check()


class AddProjectPage(ServicePage):
    heading = "Add a declaration project"
    principles_legend = "Which of the declaration’s principles does it serve?"
    date_legend = "When do you expect it to finish?"

    def _fill(self, title: str, description: str, principles: list[str], day: date) -> None:
        self.page.get_by_label("Project title", exact=True).fill(title)
        self.page.get_by_label("What will the project do?", exact=True).fill(description)
        self.choose(self.principles_legend, principles)
        when = self.page.get_by_role("group", name=self.date_legend)
        when.get_by_label("Day", exact=True).fill(str(day.day))
        when.get_by_label("Month", exact=True).fill(str(day.month))
        when.get_by_label("Year", exact=True).fill(str(day.year))
        self.click_button("Save and continue")

    def add_and_be_refused(self, title: str, description: str, principles: list[str], day: date) -> Self:
        self._fill(title, description, principles, day)
        return self.check()

    def add(self, title: str, description: str, principles: list[str], day: date) -> CheckAnswersPage:
        self._fill(title, description, principles, day)
        return CheckAnswersPage(self.page).check()


class CheckAnswersPage(ServicePage):
    heading = "Check your answers before submitting your declaration"

    def submit(self) -> DeclarationSubmittedPage:
        self.click_button("Submit")
        return DeclarationSubmittedPage(self.page).check()


class DeclarationSubmittedPage(ServicePage):
    heading = "Declaration submitted"

    @property
    def panel(self) -> Locator:
        return self.page.locator(".govuk-panel--confirmation")


# The whole journey, from the lead's draft to the signed declaration -------------------------


class ContinueDeclarationPage(SignStartPage):
    """The start page for a lead with a declaration to change: it lists their drafts."""

    def continue_declaration(self, organisation: str) -> ChangesRequestedPage:
        self.page.get_by_role("link", name=organisation, exact=True).click()
        return ChangesRequestedPage(self.page).check()


class ChangesRequestedPage(CheckAnswersPage):
    """Check your answers, with the moderator's advice above them."""

    @property
    def advice(self) -> Locator:
        return self.page.get_by_role("region", name="Changes requested")

    def change_project_title(self, title: str) -> ChangeProjectPage:
        self.page.get_by_role("link", name=f"Change the title of {title}", exact=True).click()
        return ChangeProjectPage(self.page).check()


class ChangeProjectPage(ServicePage):
    heading = "Change your declaration project"

    def rename(self, title: str) -> CheckAnswersPage:
        self.page.get_by_label("Project title", exact=True).fill(title)
        self.click_button("Save and continue")
        return CheckAnswersPage(self.page).check()


class SignedDeclarationPage(SignedPage):
    """The approver's confirmation, with the signed declaration to download."""

    @property
    def pdf_link(self) -> Locator:
        return self.page.get_by_role("link", name="Download the signed declaration (PDF)", exact=True)

    def download_pdf(self) -> tuple[str, bytes]:
        """The file the link downloads: its suggested name and its first bytes."""
        with self.page.expect_download() as started:
            self.pdf_link.click()
        download = started.value
        return download.suggested_filename, Path(download.path()).read_bytes()[:8]


# Working in the open: updates on declaration projects -----------------------------------------


class YourDeclarationProjectsPage(ServicePage):
    path = "/declaration/progress"
    heading = "Post an update on your declaration projects"

    def post_update_on(self, title: str) -> PostProjectUpdatePage:
        self.page.get_by_role("link", name=f"Post an update on {title}", exact=True).click()
        return PostProjectUpdatePage(self.page, title).check()


class PostProjectUpdatePage(ServicePage):
    status_legend = "Where does the project stand?"
    what_happened_label = "What has happened since the last update?"
    lessons_label = "What have you learnt? (optional)"

    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = f"Post an update on {title}"

    def _publish(self, status: str | None, what_happened: str, lessons: str) -> None:
        if status is not None:
            self.page.get_by_role("group", name=self.status_legend).get_by_label(status, exact=True).check()
        self.page.get_by_label(self.what_happened_label, exact=True).fill(what_happened)
        self.page.get_by_label(self.lessons_label, exact=True).fill(lessons)
        self.click_button("Publish update")

    def publish_and_be_refused(self, status: str | None, what_happened: str, lessons: str = "") -> Self:
        self._publish(status, what_happened, lessons)
        return self.check()

    def check_status_error(self, message: str) -> Self:
        """Assert the page shows `message` for the status radios: in the error summary, which
        links to the first of them, and beside the group itself."""
        expect(self.page).to_have_title(re.compile(r"^Error: "))
        group = self.page.get_by_role("group", name=self.status_legend, exact=True)
        expect(group).to_have_accessible_description(re.compile(rf"Error:\s+{re.escape(message)}"))
        self.error_summary.get_by_role("link", name=message, exact=True).click()
        expect(group.get_by_role("radio").first).to_be_focused()
        return self

    def publish(self, organisation, status: str, what_happened: str, lessons: str = "") -> OrganisationPage:
        self._publish(status, what_happened, lessons)
        return OrganisationPage(self.page, organisation).check()


class FilteredDeclarationProjectsPage(DeclarationProjectsPage):
    def filter_by_status(self, status: str) -> Self:
        self.page.get_by_label("Status", exact=True).select_option(label=status)
        self.click_button("Apply filter")
        return self.check()

    def project(self, title: str) -> Locator:
        return self.page.locator(".govuk-summary-card").filter(
            has=self.page.get_by_role("heading", name=title, exact=True)
        )


class ReusePage(ServicePage):
    path = "/reuse"
    heading = "Find work you can reuse"

    def search(self, words: str, *, output_type: str = "Any type") -> Self:
        self.page.get_by_label("Search projects, updates, outputs and guides", exact=True).fill(words)
        self.page.get_by_label("Type of output", exact=True).select_option(label=output_type)
        self.click_button("Search")
        return self.check()

    @property
    def count(self) -> Locator:
        return self.page.locator("#result-count")

    @property
    def results(self) -> Locator:
        return self.page.locator("#results > li")

    def open_project(self, title: str) -> ServicePage:
        self.results.first.get_by_role("link", name=title, exact=True).first.click()
        project = ServicePage(self.page)
        project.heading = title
        return project.check()
