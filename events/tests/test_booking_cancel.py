import pytest
from django.core import mail

from core.tokens import hash_token
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import cancel
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db

URL = "/events/bookings/the-token/cancel"


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=2, places_taken=1, title="Agile basics")


def test_it_is_public(client, event):
    BookingFactory(event=event, token_hash=hash_token("the-token"))
    assert cancel.access_rule == "public"
    assert client.put(URL).status_code == 405


def test_it_asks_first_and_changes_nothing_on_opening(client, event):
    booking = BookingFactory(event=event, token_hash=hash_token("the-token"))

    page = client.get(URL).content.decode()

    assert "Are you sure you want to cancel your booking?" in page
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_it_cancels_the_booking_and_gives_the_place_back(client, event):
    booking = BookingFactory(event=event, token_hash=hash_token("the-token"))

    response = client.post(URL)

    assert response.status_code == 302
    assert response.url == "/events/booking-ended"
    assert "Your booking has been cancelled" in client.get(response.url).content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    assert Event.objects.get(pk=event.pk).places_taken == 0
    assert mail.outbox[-1].subject == "Booking cancelled: Agile basics"
    assert client.get("/events/bookings/the-token").status_code == 410


def test_someone_on_the_waiting_list_can_leave_it(client, event):
    booking = BookingFactory(event=event, waiting=True, token_hash=hash_token("the-token"))

    assert "Are you sure you want to leave the waiting list?" in client.get(URL).content.decode()
    client.post(URL)

    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    assert Event.objects.get(pk=event.pk).places_taken == 1


def test_a_cancelled_booking_link_no_longer_works(client, event):
    BookingFactory(event=event, cancelled=True, token_hash=hash_token("the-token"))
    assert client.get(URL).status_code == 410
    assert client.post(URL).status_code == 410


def test_an_unknown_link_is_not_found(client):
    assert client.post(URL).status_code == 404
