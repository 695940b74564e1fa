import pytest

from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import booked

pytestmark = pytest.mark.django_db


def remember(client, booking) -> None:
    session = client.session
    session["event_booking"] = booking.pk
    session.save()


def test_it_is_public(client):
    assert booked.access_rule == "public"
    assert client.post("/events/1/book/confirmation").status_code == 405


def test_it_confirms_a_place_to_the_browser_that_booked_it(client):
    booking = BookingFactory(email="sam@testshire.gov.uk")
    remember(client, booking)

    response = client.get(f"/events/{booking.event_id}/book/confirmation")

    page = response.content.decode()
    assert '<h1 class="govuk-panel__title">Booking confirmed</h1>' in page
    assert (
        'We have sent an email to <span class="app-event-email">sam@testshire.gov.uk</span> with the details and a '
        "calendar invitation"
    ) in page


def test_it_says_when_the_person_is_on_the_waiting_list(client):
    booking = BookingFactory(waiting=True)
    remember(client, booking)

    page = client.get(f"/events/{booking.event_id}/book/confirmation").content.decode()

    assert '<h1 class="govuk-panel__title">You are on the waiting list</h1>' in page


def test_another_browser_is_sent_to_the_event_and_sees_nobodys_booking(client):
    booking = BookingFactory()

    response = client.get(f"/events/{booking.event_id}/book/confirmation")

    assert response.status_code == 302
    assert response.url == f"/events/{booking.event_id}"


def test_it_shows_a_booking_only_under_its_own_event(client):
    booking = BookingFactory()
    remember(client, booking)
    other = EventFactory(programme=True)

    response = client.get(f"/events/{other.pk}/book/confirmation")

    assert response.status_code == 302
