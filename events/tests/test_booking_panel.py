"""The booking panel on a programme event's public page: places and the way to book, and
never who has booked."""

import pytest

from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def page_of(client, event) -> str:
    response = client.get(f"/events/{event.pk}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_places_left_and_the_way_to_book(client):
    event = EventFactory(programme=True, capacity=20, places_taken=5)
    page = page_of(client, event)
    assert "15 of 20 places left." in page
    assert f'href="/events/{event.pk}/book">Book a place</a>' in page


def test_it_offers_the_waiting_list_once_the_places_are_gone(client):
    event = EventFactory(programme=True, capacity=2, places_taken=2)
    page = page_of(client, event)
    assert "All 2 places have been booked" in page
    assert f'href="/events/{event.pk}/book">Join the waiting list</a>' in page


def test_it_says_who_may_book_signatories_only_training(client):
    page = page_of(client, EventFactory(programme=True, signatories_only=True))
    assert "Only people from organisations that have signed the" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cancelled": True}, "This event has been cancelled, so it is not taking bookings."),
        ({"past": True}, "Booking has closed because the event has started."),
    ],
    ids=["cancelled", "started"],
)
def test_it_offers_no_booking_once_bookings_have_closed(client, fields, message):
    event = EventFactory(programme=True, **fields)
    page = page_of(client, event)
    assert message in page
    assert f'href="/events/{event.pk}/book"' not in page


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_it_never_shows_who_has_booked(client, member, signed_in):
    event = EventFactory(programme=True, capacity=3, places_taken=2)
    BookingFactory(
        event=event, name="Zebedee Quintrell", email="zebedee@council.example.gov.uk", accessibility_needs="Quiet room"
    )
    BookingFactory(event=event, offered=True, name="Ottoline Marsh", email="ottoline@council.example.gov.uk")
    BookingFactory(event=event, waiting=True, name="Wilfred Waite", email="wilfred@council.example.gov.uk")
    if signed_in:
        client.force_login(member)

    page = page_of(client, event)

    for private in ("Zebedee", "zebedee@", "Quiet room", "Ottoline", "ottoline@", "Wilfred", "wilfred@"):
        assert private not in page
    assert "/bookings" not in page


def test_staff_see_the_way_to_the_bookings(sign_in_verified, moderator):
    event = EventFactory(programme=True)
    page = page_of(sign_in_verified(moderator), event)
    assert f'href="/manage/events/{event.pk}/bookings">See the bookings for this event</a>' in page
