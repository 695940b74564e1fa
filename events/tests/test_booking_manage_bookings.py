import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import manage_bookings
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/manage/events/{event.pk}/bookings"


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=3, places_taken=3)


def test_it_is_for_moderators(client, event):
    assert manage_bookings.access_rule == "staff"
    response = client.get(url(event))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_else(request, sign_in_verified, event, person):
    BookingFactory(event=event, name="Private Person")
    response = sign_in_verified(request.getfixturevalue(person)).get(url(event))
    assert response.status_code == 403
    assert "Private Person" not in response.content.decode()


def test_it_refuses_post(sign_in_verified, moderator, event):
    assert sign_in_verified(moderator).post(url(event)).status_code == 405


def test_an_event_without_places_has_no_bookings_page(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get(url(EventFactory())).status_code == 404


def test_it_shows_the_counts_and_each_list_in_order(sign_in_verified, moderator, event):
    now = timezone.now()
    BookingFactory(event=event, name="Connie Confirmed", accessibility_needs="A hearing loop")
    BookingFactory(event=event, name="Carl Confirmed")
    BookingFactory(event=event, offered=True, name="Olive Offered")
    BookingFactory(event=event, waiting=True, name="Wendy Later", waiting_since=now)
    BookingFactory(event=event, waiting=True, name="Walter Sooner", waiting_since=now - datetime.timedelta(hours=1))
    BookingFactory(event=event, cancelled=True, name="Cathy Cancelled")

    response = sign_in_verified(moderator).get(url(event))

    page = response.content.decode()
    assert "3 (2 confirmed, 1 offered)" in page
    lists = response.context["lists"]
    assert [booking.name for booking in lists.confirmed] == ["Connie Confirmed", "Carl Confirmed"]
    assert [booking.name for booking in lists.offered] == ["Olive Offered"]
    assert [booking.name for booking in lists.waiting] == ["Walter Sooner", "Wendy Later"]
    assert page.index("Walter Sooner") < page.index("Wendy Later")
    assert "A hearing loop" in page
    assert "Cathy Cancelled" not in page
    assert f'href="/manage/events/{event.pk}/bookings.csv"' in page


def test_it_offers_attendance_only_once_the_event_has_started(sign_in_verified, moderator, event):
    BookingFactory(event=event)
    client = sign_in_verified(moderator)
    assert "You can mark who attended once the event has started" in client.get(url(event)).content.decode()

    started = EventFactory(programme=True, capacity=3, places_taken=1, past=True)
    BookingFactory(event=started, name="Connie Confirmed", attended=True)
    page = client.get(url(started)).content.decode()
    assert "Save attendance" in page
    assert 'name="attended"' in page and "checked" in page


def test_it_asks_the_same_number_of_queries_for_300_bookings_as_for_3(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    organisation = OrganisationFactory()

    def queries_for(count: int) -> int:
        event = EventFactory(programme=True, capacity=count, places_taken=count, past=True)
        BookingFactory.create_batch(count, event=event, organisation=organisation)
        BookingFactory.create_batch(count // 3, event=event, organisation=organisation, waiting=True)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(event)).status_code == 200
        return len(captured)

    assert queries_for(300) == queries_for(3)
