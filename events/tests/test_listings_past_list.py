import datetime

import pytest
from django.utils import timezone

from events.models import Event, Region, Topic
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_it_lists_events_that_have_ended_most_recent_first(client):
    EventFactory(title="Long ago", starts_at=days_ago(200))
    EventFactory(title="Last week", starts_at=days_ago(7))
    EventFactory(title="Upcoming")
    response = client.get("/events/past")
    assert response.status_code == 200
    assert titles(response) == ["Last week", "Long ago"]


def test_it_leaves_out_past_events_that_were_never_published(client):
    EventFactory(title="Refused", rejected=True, starts_at=days_ago(7))
    EventFactory(title="Held", starts_at=days_ago(7))
    assert titles(client.get("/events/past")) == ["Held"]


def test_it_takes_the_same_filters_as_the_upcoming_list(client):
    EventFactory(title="Leeds", starts_at=days_ago(7))
    EventFactory(title="Bristol", starts_at=days_ago(7), region=Region.SOUTH_WEST)
    assert titles(client.get("/events/past?region=south_west")) == ["Bristol"]


def test_it_runs_the_same_queries_for_many_events_with_topics(client, django_assert_max_num_queries):
    events = EventFactory.create_batch(205, past=True)
    topic = Topic.objects.first()
    Event.topics.through.objects.bulk_create(Event.topics.through(event=event, topic=topic) for event in events)
    with django_assert_max_num_queries(4):
        response = client.get("/events/past?page=3")
    assert len(response.context["page"].object_list) == 20


def test_it_answers_only_get(client):
    assert client.post("/events/past").status_code == 405
