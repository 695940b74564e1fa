import datetime

import pytest
from django.utils import timezone

from events.models import Event, EventType, Region, Topic
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def test_it_lists_upcoming_published_events_soonest_first(client):
    later = EventFactory(title="Later", starts_at=in_days(20))
    sooner = EventFactory(title="Sooner", starts_at=in_days(3))
    response = client.get("/events")
    assert response.status_code == 200
    assert titles(response) == [sooner.title, later.title]
    assert "2 upcoming events" in response.content.decode()


def test_it_leaves_out_events_not_yet_published_rejected_or_over(client):
    EventFactory(title="Waiting", submitted=True)
    EventFactory(title="Refused", rejected=True)
    EventFactory(title="Over", past=True)
    EventFactory(title="Listed")
    assert titles(client.get("/events")) == ["Listed"]


def test_it_keeps_an_event_listed_while_it_is_still_running(client):
    EventFactory(title="Under way", starts_at=in_days(-1), ends_at=in_days(1))
    assert titles(client.get("/events")) == ["Under way"]


def test_it_lists_a_cancelled_event_marked_cancelled(client):
    EventFactory(title="Called off", cancelled=True)
    response = client.get("/events")
    assert titles(response) == ["Called off"]
    assert '<strong class="govuk-tag govuk-tag--red">Cancelled</strong>' in response.content.decode()


def test_it_leaves_out_an_event_cancelled_before_anyone_reviewed_it(client):
    EventFactory(title="Never reviewed", submitted=True, status="cancelled", cancelled_at=timezone.now())

    assert titles(client.get("/events")) == []


def test_it_filters_by_region(client):
    EventFactory(title="Manchester", region=Region.NORTH_WEST, town="Manchester")
    EventFactory(title="Leeds", region=Region.YORKSHIRE)
    assert titles(client.get("/events?region=north_west")) == ["Manchester"]


def test_it_filters_online_or_in_person(client):
    EventFactory(title="Webinar", online=True)
    EventFactory(title="Meetup")
    assert titles(client.get("/events?mode=online")) == ["Webinar"]
    assert titles(client.get("/events?mode=in_person")) == ["Meetup"]


def test_it_filters_by_type(client):
    EventFactory(title="Camp", event_type=EventType.UNCONFERENCE)
    EventFactory(title="Meetup")
    assert titles(client.get("/events?type=unconference")) == ["Camp"]


def test_it_filters_by_topic(client):
    open_data = Topic.objects.get(slug="open-data")
    EventFactory(title="Open data day").topics.add(open_data, Topic.objects.get(slug="accessibility"))
    EventFactory(title="Something else").topics.add(Topic.objects.get(slug="procurement"))
    assert titles(client.get("/events?topic=open-data")) == ["Open data day"]


def test_it_filters_free_events(client):
    EventFactory(title="Free")
    EventFactory(title="Paid", is_free=False, cost="£50")
    assert titles(client.get("/events?free=1")) == ["Free"]


def test_it_filters_by_dates_entered_in_the_date_boxes(client):
    EventFactory(title="Soon", starts_at=in_days(2))
    EventFactory(title="Next month", starts_at=in_days(40))
    day = timezone.localdate() + datetime.timedelta(days=30)
    query = f"from_day={day.day}&from_month={day.month}&from_year={day.year}"
    assert titles(client.get(f"/events?{query}")) == ["Next month"]
    to = timezone.localdate() + datetime.timedelta(days=10)
    query = f"to_day={to.day}&to_month={to.month}&to_year={to.year}"
    assert titles(client.get(f"/events?{query}")) == ["Soon"]


def test_it_filters_by_whole_dates_in_the_address(client):
    EventFactory(title="Soon", starts_at=in_days(2))
    EventFactory(title="Next month", starts_at=in_days(40))
    day = timezone.localdate() + datetime.timedelta(days=30)
    assert titles(client.get(f"/events?from={day.isoformat()}")) == ["Next month"]


def test_it_combines_filters(client):
    EventFactory(title="Match", region=Region.NORTH_WEST, event_type=EventType.ROADSHOW)
    EventFactory(title="Wrong type", region=Region.NORTH_WEST)
    EventFactory(title="Wrong region", event_type=EventType.ROADSHOW)
    assert titles(client.get("/events?region=north_west&type=roadshow")) == ["Match"]


def test_it_shows_an_error_for_a_filter_it_cannot_use_and_lists_events_anyway(client):
    EventFactory(title="Listed")
    response = client.get("/events?region=atlantis&from_day=31&from_month=2&from_year=2026")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_region">Select a region from the list</a>' in page
    assert '<a href="#id_from">The from date must be a real date</a>' in page
    # Each of the from date's boxes is marked in error, the to date's are not.
    assert page.count("govuk-date-input__input govuk-input--width-2 govuk-input--error") == 2
    assert page.count("govuk-date-input__input govuk-input--width-4 govuk-input--error") == 1
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: Events" in page
    assert titles(response) == ["Listed"]


def test_it_refuses_a_to_date_before_the_from_date(client):
    response = client.get("/events?from=2026-10-10&to=2026-10-01")
    assert "The to date must be the same as or after the from date" in response.content.decode()


def test_it_links_to_the_feeds_and_other_lists_for_the_current_filters(client):
    page = client.get("/events?region=london&page=1").content.decode()
    assert 'href="http://testserver/events.ics?region=london"' in page
    assert 'href="/events.atom?region=london"' in page
    assert 'href="/events/past?region=london"' in page


def test_it_pages_through_many_events(client):
    EventFactory.create_batch(25)
    first, second = client.get("/events"), client.get("/events?page=2")
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert 'href="?page=2"' in first.content.decode()


def test_it_runs_the_same_queries_for_many_events_with_topics(client, django_assert_max_num_queries):
    topics = list(Topic.objects.all()[:3])
    events = EventFactory.create_batch(210)
    Event.topics.through.objects.bulk_create(
        Event.topics.through(event=event, topic=topic) for event in events for topic in topics
    )
    # Count, one page, and the page's topics.
    with django_assert_max_num_queries(4):
        response = client.get("/events?topic=" + topics[0].slug)
    assert response.context["page"].paginator.count == 210


def test_it_answers_only_get(client):
    assert client.post("/events").status_code == 405
