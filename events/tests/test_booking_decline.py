import pytest

from core.tokens import hash_token
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import decline
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db

URL = "/events/bookings/the-token/decline"


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=1, places_taken=1)


def test_it_is_public_and_post_only(client, event):
    BookingFactory(event=event, offered=True, token_hash=hash_token("the-token"))
    assert decline.access_rule == "public"
    assert client.get(URL).status_code == 405


def test_it_gives_up_the_place_to_the_next_person_waiting(client, event):
    offered = BookingFactory(event=event, offered=True, token_hash=hash_token("the-token"))
    next_person = BookingFactory(event=event, waiting=True)

    response = client.post(URL)

    assert response.status_code == 302
    assert response.url == "/events/booking-ended"
    assert "You have declined the place" in client.get(response.url).content.decode()
    assert Booking.objects.get(pk=offered.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(pk=next_person.pk).status == BookingStatus.OFFERED


def test_a_confirmed_booking_cannot_be_declined(client, event):
    booking = BookingFactory(event=event, token_hash=hash_token("the-token"))
    response = client.post(URL)
    assert "cannot be declined because the booking is confirmed" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_a_cancelled_booking_link_no_longer_works(client, event):
    BookingFactory(event=event, cancelled=True, token_hash=hash_token("the-token"))
    assert client.post(URL).status_code == 410
