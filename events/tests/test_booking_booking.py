import datetime

import pytest
from django.utils import timezone

from core.tokens import hash_token
from events.models import Booking
from events.tests.factories import BookingFactory
from events.views.booking import booking as booking_view
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db

URL = "/events/bookings/the-token"


def with_link(**fields):
    return BookingFactory(token_hash=hash_token("the-token"), **fields)


def test_it_is_opened_by_the_link_alone(client):
    assert booking_view.access_rule == "public"
    assert client.post(URL).status_code == 405


def test_it_shows_the_person_their_booking_and_how_to_cancel_it(client):
    booking = with_link(name="Sam Booker", accessibility_needs="A hearing loop", event__title="Agile basics")

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Agile basics" in page and "Sam Booker" in page and "A hearing loop" in page
    assert 'href="/events/bookings/the-token/cancel">Cancel your booking</a>' in page
    assert f'href="/events/{booking.event_id}.ics"' in page
    assert "Accept the place" not in page


def test_it_offers_someone_on_the_waiting_list_the_way_to_leave_it(client):
    with_link(waiting=True)
    page = client.get(URL).content.decode()
    assert "Your place on the waiting list" in page
    assert ">Leave the waiting list</a>" in page


def test_it_lets_someone_offered_a_place_accept_or_decline_it(client):
    with_link(offered=True)
    page = client.get(URL).content.decode()
    assert "A place is available for you" in page
    assert 'action="/events/bookings/the-token/accept"' in page
    assert 'action="/events/bookings/the-token/decline"' in page


def test_it_says_when_an_offer_has_lapsed_and_offers_no_button(client):
    with_link(offered=True, offer_expires_at=timezone.now() - datetime.timedelta(minutes=5))
    page = client.get(URL).content.decode()
    assert "This offer expired at" in page
    assert "Accept the place" not in page


def test_opening_the_link_changes_nothing(client):
    booking = with_link(offered=True)
    client.get(URL)
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.OFFERED


@pytest.mark.parametrize(
    ("fields", "status", "heading"),
    [
        ({"cancelled": True}, 410, "This booking has been cancelled"),
        ({"event__past": True}, 410, "This event has ended"),
    ],
    ids=["cancelled", "ended"],
)
def test_it_refuses_a_link_that_no_longer_works(client, fields, status, heading):
    with_link(**fields)
    response = client.get(URL)
    assert response.status_code == status
    assert heading in response.content.decode()


def test_an_unknown_or_replaced_link_is_not_found(client):
    BookingFactory(token_hash=hash_token("a-newer-token"))
    response = client.get(URL)
    assert response.status_code == 404
    assert "Use the link in our latest email" in response.content.decode()
