import datetime
import zoneinfo

import pytest

from events.models import Event, EventType, Region, Topic
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_it_groups_the_months_events_by_day(client):
    EventFactory(title="Camp", starts_at=london(2026, 10, 3, 9), ends_at=london(2026, 10, 3, 17))
    EventFactory(title="Meetup", starts_at=london(2026, 10, 14, 18), ends_at=london(2026, 10, 14, 20))
    EventFactory(title="Webinar", starts_at=london(2026, 10, 14, 12), ends_at=london(2026, 10, 14, 13))
    EventFactory(title="November", starts_at=london(2026, 11, 1, 10), ends_at=london(2026, 11, 1, 12))
    response = client.get("/events/2026/10")
    assert response.status_code == 200
    days = [(day.day.day, [event.title for event in day.events]) for day in response.context["days"]]
    assert days == [(3, ["Camp"]), (14, ["Webinar", "Meetup"])]
    page = response.content.decode()
    assert "<title>Events in October 2026" in page
    assert ">Wednesday 14 October</time></h2>" in page


def test_it_puts_an_event_on_its_london_day(client):
    # 00:30 on 1 August in London is 23:30 on 31 July in UTC.
    EventFactory(title="Early", starts_at=london(2026, 8, 1, 0, 30), ends_at=london(2026, 8, 1, 2))
    assert [day.day for day in client.get("/events/2026/8").context["days"]] == [datetime.date(2026, 8, 1)]
    assert client.get("/events/2026/7").context["days"] == []


def test_it_shows_past_and_cancelled_events_but_not_unpublished_ones(client):
    EventFactory(title="Held", starts_at=london(2020, 5, 4, 10), ends_at=london(2020, 5, 4, 12))
    EventFactory(title="Off", cancelled=True, starts_at=london(2020, 5, 5, 10), ends_at=london(2020, 5, 5, 12))
    EventFactory(title="Waiting", submitted=True, starts_at=london(2020, 5, 6, 10), ends_at=london(2020, 5, 6, 12))
    titles = [event.title for day in client.get("/events/2020/5").context["days"] for event in day.events]
    assert titles == ["Held", "Off"]


def test_it_takes_the_same_filters_as_the_lists(client):
    EventFactory(
        title="Roadshow",
        event_type=EventType.ROADSHOW,
        region=Region.NORTH_WEST,
        starts_at=london(2026, 10, 3, 10),
        ends_at=london(2026, 10, 3, 16),
    )
    EventFactory(title="Meetup", starts_at=london(2026, 10, 4, 10), ends_at=london(2026, 10, 4, 12))
    response = client.get("/events/2026/10?type=roadshow&region=north_west")
    assert [event.title for day in response.context["days"] for event in day.events] == ["Roadshow"]


def test_it_links_to_the_months_either_side_keeping_the_filters(client):
    page = client.get("/events/2026/1?region=london").content.decode()
    assert 'href="/events/2025/12?region=london" rel="prev"' in page
    assert 'href="/events/2026/2?region=london" rel="next"' in page


def test_it_says_when_no_events_start_in_the_month(client):
    assert "No events start in March 2027." in client.get("/events/2027/3").content.decode()


@pytest.mark.parametrize("path", ["/events/2026/13", "/events/2026/0", "/events/1900/1", "/events/9999/1"])
def test_it_does_not_find_months_outside_the_calendar(client, path):
    assert client.get(path).status_code == 404


def test_it_runs_the_same_queries_for_many_events_with_topics(client, django_assert_max_num_queries):
    events = [
        EventFactory(starts_at=london(2026, 10, 1 + n % 28, 10), ends_at=london(2026, 10, 1 + n % 28, 12))
        for n in range(200)
    ]
    topic = Topic.objects.first()
    Event.topics.through.objects.bulk_create(Event.topics.through(event=event, topic=topic) for event in events)
    with django_assert_max_num_queries(3):
        response = client.get("/events/2026/10")
    assert sum(len(day.events) for day in response.context["days"]) == 200


def test_it_answers_only_get(client):
    assert client.post("/events/2026/10").status_code == 405
