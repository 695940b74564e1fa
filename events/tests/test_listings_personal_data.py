"""No page or feed anyone can see names the people behind an event: who submitted it, who
moderated it, or who booked on it."""

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from events import services
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "Priya Submitter",
    "priya.submitter@leeds.example.gov.uk",
    "Morgan Moderator",
    "morgan@localdigital.example",
    "Bo Booker",
    "bo.booker@bristol.example.gov.uk",
    "Wren Waiting",
    "wren@bristol.example.gov.uk",
]


@pytest.fixture
def events():
    submitter = UserFactory(full_name="Priya Submitter", email="priya.submitter@leeds.example.gov.uk")
    moderator = UserFactory(moderator=True, full_name="Morgan Moderator", email="morgan@localdigital.example")
    membership = MembershipFactory(user=submitter)
    community = EventFactory(submitted=True, submitted_by=submitter, organisation=membership.organisation)
    services.publish(community, by=moderator)
    programme = EventFactory(programme=True, capacity=1, places_taken=1)
    BookingFactory(event=programme, name="Bo Booker", email="bo.booker@bristol.example.gov.uk")
    BookingFactory(event=programme, waiting=True, name="Wren Waiting", email="wren@bristol.example.gov.uk")
    cancelled = EventFactory(submitted_by=submitter, organisation=membership.organisation)
    services.cancel(cancelled, by=moderator, reason="Low numbers")
    past = EventFactory(past=True, submitted_by=submitter)
    return [community, programme, cancelled, past]


def test_no_public_page_or_feed_names_a_person(client, events):
    month = timezone.localdate() + datetime.timedelta(days=14)
    paths = [
        "/events",
        "/events/past",
        f"/events/{month.year}/{month.month}",
        "/events.ics",
        "/events.atom",
        *(f"/events/{event.pk}" for event in events),
        *(f"/events/{event.pk}.ics" for event in events),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        for personal in PEOPLE:
            assert personal not in body, f"{personal} appears on {path}"
    # The sweep looked at the events themselves, not empty pages.
    assert events[0].title in client.get("/events").content.decode()
    assert events[1].title in client.get("/events.ics").content.decode()
