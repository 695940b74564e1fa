import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.tokens import hash_token
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import accept
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db

URL = "/events/bookings/the-token/accept"


@pytest.fixture
def offered():
    event = EventFactory(programme=True, capacity=1, places_taken=1)
    return BookingFactory(event=event, offered=True, token_hash=hash_token("the-token"))


def test_it_is_public_and_post_only(client, offered):
    assert accept.access_rule == "public"
    assert client.get(URL).status_code == 405
    assert Booking.objects.get(pk=offered.pk).status == BookingStatus.OFFERED


def test_it_confirms_the_place_and_shows_the_confirmation(client, offered):
    response = client.post(URL)

    assert response.status_code == 302
    assert response.url == f"/events/{offered.event_id}/book/confirmation"
    assert Booking.objects.get(pk=offered.pk).status == BookingStatus.CONFIRMED
    assert "Booking confirmed" in client.get(response.url).content.decode()
    assert mail.outbox[-1].subject.startswith("Booking confirmed")
    # The confirmation carries a new link, so the one just used stops working.
    assert client.get("/events/bookings/the-token").status_code == 404


def test_a_lapsed_offer_is_refused_on_the_page(client, offered):
    Booking.objects.filter(pk=offered.pk).update(offer_expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = client.post(URL)

    assert response.status_code == 200
    assert "This offer has expired" in response.content.decode()
    assert Booking.objects.get(pk=offered.pk).status == BookingStatus.OFFERED


def test_a_confirmed_booking_has_nothing_to_accept(client):
    BookingFactory(token_hash=hash_token("the-token"))
    response = client.post(URL)
    assert response.status_code == 200
    assert "cannot be accepted because the booking is confirmed" in response.content.decode()


def test_an_unknown_link_is_not_found(client):
    assert client.post(URL).status_code == 404
