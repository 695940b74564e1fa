"""Booking the last place at signatories-only training: one person books it, another joins
the waiting list, the first cancels through their email, the second accepts the place they
are offered, and staff see the bookings and download the attendees."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import ics
from playwright.sync_api import Page, expect

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from declaration.tests.factories import SignatureFactory
from events.models import Booking, Event, EventType
from events.tests.factories import BookingFactory, EventFactory
from events.workflow import BookingStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from tests.browser.authenticator import AuthenticatorApp
from tests.browser.emails import link_in, wait_for_email
from tests.browser.pages import ServicePage, StaffSignInPage, _LinkPage

TITLE = "Agile delivery for councils"
STAFF_PASSWORD = "a-long-staff-password"
ALEX = "alex.ng@signedshire.gov.uk"
BLESSING = "blessing.okoro@signedshire.gov.uk"


# The booking pages -------------------------------------------------------------------------


class EventPage(ServicePage):
    heading = TITLE

    def __init__(self, page: Page, event: Event) -> None:
        super().__init__(page)
        self.event = event

    def url(self) -> str:
        return f"/events/{self.event.pk}"

    @property
    def places(self):
        return self.page.locator("#places")

    def book(self, button: str) -> BookPage:
        self.page.get_by_role("button", name=button, exact=True).click()
        return BookPage(self.page, heading=button).check()


class BookPage(ServicePage):
    def __init__(self, page: Page, heading: str) -> None:
        super().__init__(page)
        self.heading = heading

    def _book(self, name: str, email: str, organisation: str, needs: str = "") -> None:
        self.page.get_by_label("Full name").fill(name)
        self.page.get_by_label("Work email address").fill(email)
        self.page.get_by_label("Organisation", exact=True).fill(organisation)
        self.page.get_by_label("Accessibility needs (optional)").fill(needs)
        self.click_button(self.heading)

    def book(self, name: str, email: str, organisation: str, outcome: str, needs: str = "") -> BookedPage:
        self._book(name, email, organisation, needs)
        booked = BookedPage(self.page, outcome).check()
        expect(booked.page.get_by_role("main")).to_contain_text(f"We have sent an email to {email}")
        return booked

    def book_and_be_refused(self, name: str, email: str, organisation: str, label: str, message: str) -> BookPage:
        self._book(name, email, organisation)
        return self.check().check_error(label, message)


class BookedPage(ServicePage):
    def __init__(self, page: Page, heading: str) -> None:
        super().__init__(page)
        self.heading = heading


class BookingLinkPage(_LinkPage):
    """What the link in a booking email opens."""

    def __init__(self, page: Page, link: str, heading: str) -> None:
        super().__init__(page, link)
        self.heading = heading

    @property
    def status_tag(self):
        return self.page.locator("#status")

    def cancel(self) -> BookingEndedPage:
        self.page.get_by_role("link", name="Cancel your booking").click()
        ServicePage(self.page).check()
        expect(self.h1).to_have_text("Are you sure you want to cancel your booking?")
        self.click_button("Cancel your booking")
        return BookingEndedPage(self.page).check()

    def accept(self) -> BookedPage:
        self.click_button("Accept the place")
        return BookedPage(self.page, "Booking confirmed").check()


class SpentBookingLinkPage(BookingLinkPage):
    status = 410


class BookingEndedPage(ServicePage):
    path = "/events/booking-ended"
    heading = "Your booking has been cancelled"


class BookingsPage(ServicePage):
    heading = "Bookings"

    def __init__(self, page: Page, event: Event | None = None) -> None:
        super().__init__(page)
        self.event = event

    def url(self) -> str:
        return f"/manage/events/{self.event.pk}/bookings"

    def names_under(self, heading: str) -> list[str]:
        table = self.page.get_by_role("table", name=heading)
        return [name.split("\n")[0] for name in table.get_by_role("rowheader").all_inner_texts()]

    def download_attendees(self, folder: Path) -> list[list[str]]:
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="Download the attendees (CSV)").click()
        saved = folder / download.value.suggested_filename
        download.value.save_as(saved)
        return list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))


# The journey -------------------------------------------------------------------------------


def test_the_last_place_passes_from_a_cancelled_booking_to_the_waiting_list(open_page, mailoutbox, tmp_path):
    signatory = OrganisationFactory(name="Signedshire Council")
    SignatureFactory(signed=True, organisation=signatory)
    OrganisationDomainFactory(organisation=signatory, domain="signedshire.gov.uk")
    OrganisationFactory(name="Unsignedshire Council")
    training = EventFactory(
        programme=True,
        title=TITLE,
        event_type=EventType.TRAINING,
        signatories_only=True,
        capacity=2,
        places_taken=1,
    )
    BookingFactory(event=training, organisation=signatory, name="Early Bird", email="early@signedshire.gov.uk")
    moderator = UserFactory(moderator=True, email="mo@localdigital.example", password=STAFF_PASSWORD)
    app = AuthenticatorApp(TOTPDeviceFactory(user=moderator).bin_key)

    # Alex books the last place.
    alex = open_page()
    event_page = EventPage(alex, training).open()
    expect(event_page.places).to_have_text("1 of 2 places left.")
    booking = event_page.book("Book a place")
    booking.book("Alex Ng", ALEX, "Signedshire Council", "Booking confirmed", needs="Step-free access")
    confirmation = wait_for_email(mailoutbox, ALEX, f"Booking confirmed: {TITLE}")
    (filename, content, mimetype) = confirmation.attachments[0]
    assert (filename, mimetype) == ("agile-delivery-for-councils.ics", "text/calendar")
    (entry,) = ics.Calendar(content).events
    assert entry.name == TITLE
    assert f"/events/{training.pk}.ics" in confirmation.body

    # Blessing finds it full: first with an organisation that has not signed, then her own.
    blessing = open_page()
    event_page = EventPage(blessing, training).open()
    expect(event_page.places).to_contain_text("All 2 places have been booked")
    waiting_list = event_page.book("Join the waiting list")
    waiting_list.book_and_be_refused(
        "Blessing Okoro",
        BLESSING,
        "Unsignedshire Council",
        "Organisation",
        "Only people from organisations that have signed the Local Digital Declaration can book this event. "
        "Unsignedshire Council has not signed it",
    )
    expect(blessing.get_by_role("link", name="Find out how your organisation can sign")).to_be_visible()
    waiting_list.book("Blessing Okoro", BLESSING, "Signedshire Council", "You are on the waiting list")
    wait_for_email(mailoutbox, BLESSING, f"You are on the waiting list: {TITLE}")

    # Alex cannot come after all, and cancels through the link in the email.
    alex_link = link_in(confirmation, "/events/bookings/")
    alex_booking = BookingLinkPage(alex, alex_link, "Your booking").open()
    expect(alex_booking.status_tag).to_have_text("Confirmed")
    alex_booking.cancel()
    wait_for_email(mailoutbox, ALEX, f"Booking cancelled: {TITLE}")
    SpentBookingLinkPage(alex, alex_link, "This booking has been cancelled").open()

    # The place is offered to Blessing, who accepts it.
    offer = wait_for_email(mailoutbox, BLESSING, f"A place is available for you: {TITLE}")
    offered = BookingLinkPage(blessing, link_in(offer, "/events/bookings/"), "A place is available for you").open()
    expect(offered.status_tag).to_have_text("Offered a place")
    offered.accept()
    accepted = wait_for_email(mailoutbox, BLESSING, f"Booking confirmed: {TITLE}")
    assert accepted.attachments[0].mimetype == "text/calendar"
    assert Booking.objects.get(email=BLESSING).status == BookingStatus.CONFIRMED
    assert Event.objects.get(pk=training.pk).places_taken == 2

    # Staff see who is coming and download the attendees.
    staff = open_page()
    sign_in = BookingsPage(staff, training).open_and_be_sent_to(StaffSignInPage)
    bookings = sign_in.sign_in("mo@localdigital.example", STAFF_PASSWORD).enter_code(app.code(), BookingsPage)
    assert bookings.names_under("Confirmed") == ["Early Bird", "Blessing Okoro"]
    expect(bookings.page.get_by_role("main")).to_contain_text("Nobody is waiting.")
    attendees = bookings.download_attendees(tmp_path)
    assert attendees[0][:3] == ["Name", "Email", "Organisation"]
    assert sorted(row[1] for row in attendees[1:]) == [BLESSING, "early@signedshire.gov.uk"]
    assert not any(ALEX in row for row in attendees)
