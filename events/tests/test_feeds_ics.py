import datetime
import zoneinfo

import ics
import pytest
from django.utils import timezone

from events import services
from events.models import EventType, Region
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def parse(response) -> ics.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return ics.Calendar(response.content.decode())


def by_name(calendar: ics.Calendar) -> dict:
    return {event.name: event for event in calendar.events}


@pytest.fixture
def clock_changes(monkeypatch):
    # Seen from September 2026, every one of these is still to come.
    monkeypatch.setattr(timezone, "now", lambda: london(2026, 9, 1, 9).astimezone(datetime.UTC))
    return [
        EventFactory(title=title, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3))
        for title, starts_at in [
            ("Before the clocks go back", london(2026, 10, 24, 10)),
            ("After the clocks go back", london(2026, 10, 25, 10)),
            ("Before the clocks go forward", london(2027, 3, 27, 10)),
            ("After the clocks go forward", london(2027, 3, 28, 10)),
            ("Across the hour that happens twice", london(2026, 10, 25, 0, 30)),
        ]
    ]


def test_it_round_trips_times_across_the_clock_changes_in_an_independent_parser(client, clock_changes):
    parsed = by_name(parse(client.get("/events.ics")))
    assert len(parsed) == len(clock_changes)
    for event in clock_changes:
        assert parsed[event.title].begin.datetime == event.starts_at, event.title
        assert parsed[event.title].end.datetime == event.ends_at, event.title
    summer, winter = parsed["Before the clocks go back"], parsed["After the clocks go back"]
    assert summer.begin.datetime.astimezone(datetime.UTC).hour == 9
    assert winter.begin.datetime.astimezone(datetime.UTC).hour == 10
    assert parsed["After the clocks go forward"].begin.datetime.astimezone(datetime.UTC).hour == 9


def test_it_keeps_each_events_uid_from_one_fetch_to_the_next(client):
    EventFactory.create_batch(3)
    first = {event.name: event.uid for event in parse(client.get("/events.ics")).events}
    second = {event.name: event.uid for event in parse(client.get("/events.ics")).events}
    assert first == second and len(set(first.values())) == 3


def test_it_sends_a_cancellation_as_a_cancelled_event_with_a_higher_sequence(client, moderator):
    event = EventFactory(title="Roadshow")
    before = client.get("/events.ics").content.decode()
    services.cancel(event, by=moderator, reason="Venue closed")
    after = client.get("/events.ics").content.decode()
    (parsed,) = ics.Calendar(after).events
    assert parsed.status == "CANCELLED"
    assert parsed.uid == ics.Calendar(before).events.pop().uid
    assert "SEQUENCE:0" in before and "SEQUENCE:1" in after


def test_it_keeps_events_that_ended_in_the_last_90_days(client):
    now = timezone.now()
    EventFactory(title="Upcoming")
    EventFactory(title="Last month", starts_at=now - datetime.timedelta(days=30))
    EventFactory(title="Cancelled last month", cancelled=True, starts_at=now - datetime.timedelta(days=30))
    EventFactory(title="Long ago", starts_at=now - datetime.timedelta(days=120))
    names = set(by_name(parse(client.get("/events.ics"))))
    assert names == {"Upcoming", "Last month", "Cancelled last month"}


def test_it_leaves_out_events_not_published(client):
    EventFactory(title="Waiting", submitted=True)
    EventFactory(title="Refused", rejected=True)
    assert parse(client.get("/events.ics")).events == set()


def test_it_takes_the_same_filters_as_the_lists(client):
    EventFactory(title="Roadshow", event_type=EventType.ROADSHOW, region=Region.NORTH_WEST)
    EventFactory(title="Meetup", region=Region.NORTH_WEST)
    EventFactory(title="Webinar", online=True, event_type=EventType.WEBINAR)
    assert set(by_name(parse(client.get("/events.ics?region=north_west&type=roadshow")))) == {"Roadshow"}
    assert set(by_name(parse(client.get("/events.ics?mode=online")))) == {"Webinar"}


def test_it_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    EventFactory.create_batch(60)
    with django_assert_max_num_queries(3):
        client.get("/events.ics")


def test_it_answers_only_get(client):
    assert client.post("/events.ics").status_code == 405
