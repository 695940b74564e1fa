import pytest

from events.tests.factories import EventFactory
from events.views.booking import booking_ended

pytestmark = pytest.mark.django_db

URL = "/events/booking-ended"


def ended(client, event, action) -> None:
    session = client.session
    session["event_booking_ended"] = {"event": event.pk, "action": action}
    session.save()


def test_it_is_public(client):
    assert booking_ended.access_rule == "public"
    assert client.post(URL).status_code == 405


def test_it_confirms_a_cancellation(client):
    event = EventFactory(programme=True, title="Agile basics")
    ended(client, event, "cancel")
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-panel__title">Your booking has been cancelled</h1>' in page
    assert "Agile basics" in page


def test_it_confirms_a_declined_offer(client):
    ended(client, EventFactory(programme=True), "decline")
    assert "You have declined the place" in client.get(URL).content.decode()


def test_without_a_booking_just_ended_it_sends_people_to_the_events(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/events"
