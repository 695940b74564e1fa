"""The events hub end to end: a member submits an event, a moderator publishes it, and a
visitor finds it with filters and the month view and adds it to their calendar."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from events.models import Topic
from events.tests.factories import EventFactory
from organisations.tests.factories import OrganisationDomainFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ServicePage, SignInLinkPage, SignInPage, StaffSignInPage

STAFF_PASSWORD = "a-long-staff-password"
TITLE = "Testshire open data meetup"


# Pages ------------------------------------------------------------------------------------


class SubmitEventPage(ServicePage):
    path = "/events/submit"
    heading = "Submit an event"

    def fill(self, day: datetime.date, *, title: str) -> None:
        page = self.page
        page.get_by_label("Event name", exact=True).fill(title)
        page.get_by_label("Summary", exact=True).fill("Talks on publishing council data openly, then questions.")
        page.get_by_label("Description", exact=True).fill("Two talks:\n\n- bins\n- buses\n\n**Everyone** welcome.")
        page.get_by_role("group", name="Type of event").get_by_label("Meetup", exact=True).check()
        for legend in ("Start date", "End date"):
            dates = page.get_by_role("group", name=legend, exact=True)
            dates.get_by_label("Day").fill(str(day.day))
            dates.get_by_label("Month").fill(str(day.month))
            dates.get_by_label("Year").fill(str(day.year))
        page.get_by_label("Start time", exact=True).fill("18:00")
        page.get_by_label("End time", exact=True).fill("20:00")
        page.get_by_role("group", name="Where does it take place?").get_by_label("In person", exact=True).check()
        page.get_by_label("Venue", exact=True).fill("Testshire Central Library")
        page.get_by_label("Town or city", exact=True).fill("Bristol")
        page.get_by_label("Region", exact=True).select_option(label="South West")
        page.get_by_label("Organiser", exact=True).fill("Testshire County Council")
        page.get_by_role("group", name="Is it free?").get_by_label("Free", exact=True).check()
        page.get_by_label("Open data", exact=True).check()

    def submit_and_be_refused(self) -> SubmitEventPage:
        self.click_button("Submit event for review")
        return self.check()

    def submit(self) -> EventSubmittedPage:
        self.click_button("Submit event for review")
        return EventSubmittedPage(self.page).check()


class EventSubmittedPage(ServicePage):
    heading = "Event submitted"

    def your_events(self) -> YourEventsPage:
        self.page.get_by_role("link", name="your events").click()
        return YourEventsPage(self.page).check()


class YourEventsPage(ServicePage):
    path = "/events/yours"
    heading = "Your events"

    def status_of(self, title: str) -> Locator:
        return self.page.get_by_role("row").filter(has_text=title).locator(".govuk-tag")


class ModerationQueuePage(ServicePage):
    path = "/manage/events"
    heading = "Events"

    def open_event(self, title: str) -> ModerateEventPage:
        self.page.locator("#events").get_by_role("link", name=title, exact=True).click()
        return ModerateEventPage(self.page, title).check()


class ModerateEventPage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    @property
    def status_tag(self) -> Locator:
        return self.page.locator("#status")

    def publish(self) -> ModerateEventPage:
        self.click_button("Publish")
        return self.check()


class NewProgrammeEventPage(SubmitEventPage):
    path = "/manage/events/new"
    heading = "Add a programme event"

    def publish_and_be_refused(self) -> NewProgrammeEventPage:
        self.click_button("Publish event")
        return self.check()

    def publish(self, title: str) -> ModerateEventPage:
        self.click_button("Publish event")
        return ModerateEventPage(self.page, title).check()


class PastEventsPage(ServicePage):
    path = "/events/past"
    heading = "Past events"


class EventsPage(ServicePage):
    path = "/events"
    heading = "Events"

    def filter(self, *, region: str, event_type: str) -> EventsPage:
        self.page.get_by_label("Region", exact=True).select_option(label=region)
        self.page.get_by_label("Type of event", exact=True).select_option(label=event_type)
        self.click_button("Apply filters")
        return self.check()

    def event_titles(self) -> Locator:
        return self.page.locator("#events h3")

    def by_month(self) -> MonthPage:
        self.page.get_by_role("navigation", name="Ways to see events").get_by_role(
            "link", name="Events by month"
        ).click()
        return MonthPage(self.page, timezone.localdate()).check()


class MonthPage(ServicePage):
    def __init__(self, page: Page, day: datetime.date) -> None:
        super().__init__(page)
        self.heading = f"Events in {day:%B %Y}"

    def next_month(self, day: datetime.date) -> MonthPage:
        self.page.get_by_role("navigation", name="Other months").get_by_role("link", name=re.compile("^Next")).click()
        return MonthPage(self.page, day).check()

    def day_heading(self, day: datetime.date) -> Locator:
        return self.page.get_by_role("heading", level=2, name=f"{day:%A} {day.day} {day:%B}")

    def open_event(self, title: str) -> EventPage:
        self.page.get_by_role("link", name=title, exact=True).click()
        return EventPage(self.page, title).check()


class EventPage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    def add_to_calendar(self) -> tuple[str, str]:
        """The calendar file the link downloads: its name and its text."""
        with self.page.expect_download() as started:
            self.page.get_by_role("link", name=re.compile("^Add to calendar")).click()
        download = started.value
        return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


# The journeys -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _topic():
    # The live server's database is emptied between tests, reference data from migrations too.
    Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})


def test_a_members_event_is_published_then_found_and_added_to_a_calendar(open_page, mailoutbox):
    OrganisationDomainFactory(organisation__name="Testshire County Council", domain="testshire.gov.uk")
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    # The 15th of next month, so the visitor moves on a month in the month view.
    day = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=15)
    EventFactory(title="Leeds meetup", starts_at=timezone.now() + datetime.timedelta(days=3))

    # A member at the council signs in and submits the event.
    member = open_page()
    SignInPage(member).open().ask_for_link("officer@testshire.gov.uk")
    SignInLinkPage(
        member, link_in(wait_for_email(mailoutbox, "officer@testshire.gov.uk"), "/sign-in/")
    ).open().sign_in()
    form = SubmitEventPage(member).open()
    form.fill(day, title="")
    form.submit_and_be_refused().check_error("Event name", "Enter the name of the event")
    form.fill(day, title=TITLE)
    yours = form.submit().your_events()
    expect(yours.status_of(TITLE)).to_have_text("Waiting for review")

    # A moderator signs in with their second factor and publishes it.
    staff = open_page()
    sign_in = ModerationQueuePage(staff).open_and_be_sent_to(StaffSignInPage)
    queue = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), ModerationQueuePage)
    review = queue.open_event(TITLE)
    expect(review.summary("Where")).to_have_text("Testshire Central Library, Bristol, South West")
    review = review.publish()
    expect(review.status_tag).to_have_text("Published")
    expect(review.success_banner).to_contain_text("The event is published")
    published = wait_for_email(mailoutbox, "officer@testshire.gov.uk", f"Your event is published: {TITLE}")
    assert "/events/" in published.body

    # A visitor finds it by region and type, then in the month view, and adds it to a calendar.
    visitor = open_page()
    expect(PastEventsPage(visitor).open().page.get_by_role("main")).to_contain_text("No past events match")
    events = EventsPage(visitor).open()
    expect(events.event_titles()).to_have_text(["Leeds meetup", TITLE])
    events = events.filter(region="South West", event_type="Meetup")
    expect(events.event_titles()).to_have_text([TITLE])
    month = events.by_month().next_month(day)
    expect(month.day_heading(day)).to_be_visible()
    expect(month.page.get_by_role("link", name="Leeds meetup")).to_have_count(0)
    event = month.open_event(TITLE)
    expect(event.summary("When")).to_have_text(f"{day:%A} {day.day} {day:%B %Y}, 6pm to 8pm")
    expect(event.page.locator("#description strong")).to_have_text("Everyone")
    name, calendar = event.add_to_calendar()
    assert name.endswith(".ics")
    unfolded = calendar.replace("\r\n ", "")
    assert f"SUMMARY:{TITLE}" in unfolded
    assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T180000" in unfolded
    assert "officer@testshire.gov.uk" not in unfolded


def test_staff_publish_a_training_course_that_takes_bookings(page):
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)
    day = timezone.localdate() + datetime.timedelta(days=21)
    title = "Training: content design for council websites"

    sign_in = NewProgrammeEventPage(page).open_and_be_sent_to(StaffSignInPage)
    form = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), NewProgrammeEventPage)
    expect(page.get_by_label("Organiser", exact=True)).to_have_value("Local Digital Collaboration Unit")
    form.fill(day, title=title)
    page.get_by_role("group", name="Type of event").get_by_label("Training", exact=True).check()
    page.get_by_label("Number of places (optional)", exact=True).fill("0")
    form.publish_and_be_refused().check_error("Number of places (optional)", "The number of places must be 1 or more")
    page.get_by_label("Number of places (optional)", exact=True).fill("24")
    page.get_by_label(re.compile("^Only people from organisations that have signed")).check()
    review = form.publish(title)
    expect(review.status_tag).to_have_text("Published")
    expect(review.summary("Places")).to_have_text("0 of 24 booked, signatories only")

    page.get_by_role("link", name="See the event’s public page").click()
    event = EventPage(page, title).check()
    expect(event.page.locator("#booking")).to_contain_text("24 of 24 places left")
