import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventType, Region, Topic
from events.tests.factories import BookingFactory, EventFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [event["title"] for event in response.json()["results"]]


def test_it_lists_upcoming_events_soonest_first(client):
    EventFactory(title="Later", starts_at=in_days(20))
    EventFactory(title="Sooner", starts_at=in_days(3))
    EventFactory(title="Under way", starts_at=in_days(-1), ends_at=in_days(1))
    EventFactory(title="Over", past=True)

    response = client.get(URL)

    assert titles(response) == ["Under way", "Sooner", "Later"]
    assert response.json()["count"] == 3


def test_it_describes_each_event_as_its_page_does(client):
    organisation = OrganisationFactory(name="Leeds City Council", slug="leeds", org_id="GB-LDS")
    event = EventFactory(
        title="Leeds open data meetup",
        summary="Talks on open data.",
        description="Two talks.\n\n- **Bring** a laptop",
        event_type=EventType.SHOW_AND_TELL,
        venue="Leeds Central Library",
        town="Leeds",
        region=Region.YORKSHIRE,
        organiser="Leeds City Council",
        organisation=organisation,
        booking_url="https://tickets.example.org/leeds",
    )
    event.topics.add(Topic.objects.get(slug="open-data"), Topic.objects.get(slug="accessibility"))

    (record,) = client.get(URL).json()["results"]

    assert record == {
        "id": event.pk,
        "uid": f"{event.uid}@testserver",
        "title": "Leeds open data meetup",
        "summary": "Talks on open data.",
        "description": "Two talks.\n\n- **Bring** a laptop",
        "type": "show_and_tell",
        "type_label": "Show and tell",
        "topics": [{"slug": "accessibility", "name": "Accessibility"}, {"slug": "open-data", "name": "Open data"}],
        "starts_at": timezone.localtime(event.starts_at).isoformat(),
        "ends_at": timezone.localtime(event.ends_at).isoformat(),
        "online": False,
        "venue": "Leeds Central Library",
        "town": "Leeds",
        "region": "yorkshire",
        "region_label": "Yorkshire and the Humber",
        "organiser": "Leeds City Council",
        "organisation": {
            "id": "leeds",
            "name": "Leeds City Council",
            "org_id": "GB-LDS",
            "url": "http://testserver/api/v1/organisations/leeds",
        },
        "free": True,
        "cost": None,
        "booking_url": "https://tickets.example.org/leeds",
        "programme_event": False,
        "places": None,
        "status": "scheduled",
        "cancellation_reason": None,
        "updated_at": timezone.localtime(event.updated_at).isoformat(),
        "url": f"http://testserver/events/{event.pk}",
        "ics_url": f"http://testserver/events/{event.pk}.ics",
    }


def test_it_gives_the_uid_the_calendar_file_gives(client):
    event = EventFactory()

    (record,) = client.get(URL).json()["results"]

    assert f"UID:{record['uid']}" in client.get(f"/events/{event.pk}.ics").content.decode()


def test_it_says_where_an_online_event_is_and_what_a_paid_one_costs(client):
    EventFactory(online=True, is_free=False, cost="£25 a person", organisation=None)

    (record,) = client.get(URL).json()["results"]

    assert (record["online"], record["venue"], record["town"], record["region"]) == (True, None, None, None)
    assert (record["free"], record["cost"]) == (False, "£25 a person")
    assert record["organisation"] is None


def test_it_leaves_out_events_never_published(client):
    EventFactory(title="Waiting", submitted=True)
    EventFactory(title="Refused", rejected=True)
    EventFactory(title="Withdrawn before review", submitted=True, status="cancelled")
    EventFactory(title="Listed")

    assert titles(client.get(URL)) == ["Listed"]


def test_it_keeps_a_cancelled_event_marked_cancelled_with_no_way_to_book(client):
    EventFactory(title="Called off", cancelled=True, cancellation_reason="The venue flooded")

    (record,) = client.get(URL).json()["results"]

    assert (record["title"], record["status"]) == ("Called off", "cancelled")
    assert record["cancellation_reason"] == "The venue flooded"
    assert record["booking_url"] is None


def test_it_lists_past_events_most_recent_first(client):
    EventFactory(title="Long ago", starts_at=in_days(-60))
    EventFactory(title="Last week", starts_at=in_days(-7))
    EventFactory(title="Under way", starts_at=in_days(-1), ends_at=in_days(1))
    EventFactory(title="Coming up")

    assert titles(client.get(URL, {"past": "true"})) == ["Last week", "Long ago"]


def test_it_filters_by_dates_counting_events_still_running_on_the_first_day(client):
    EventFactory(title="Before", starts_at=in_days(5))
    EventFactory(title="Running into it", starts_at=in_days(9), ends_at=in_days(10, hour=12))
    EventFactory(title="Within", starts_at=in_days(12))
    EventFactory(title="After", starts_at=in_days(16))
    first, last = timezone.localdate() + datetime.timedelta(days=10), timezone.localdate() + datetime.timedelta(days=15)

    assert titles(client.get(URL, {"from": first.isoformat(), "to": last.isoformat()})) == ["Running into it", "Within"]
    assert titles(client.get(URL, {"to": first.isoformat()})) == ["Before", "Running into it"]


def test_it_filters_by_region(client):
    EventFactory(title="Manchester", region=Region.NORTH_WEST, town="Manchester")
    EventFactory(title="Leeds", region=Region.YORKSHIRE)

    assert titles(client.get(URL, {"region": "north_west"})) == ["Manchester"]


def test_it_filters_online_or_in_person(client):
    EventFactory(title="Webinar", online=True)
    EventFactory(title="Meetup")

    assert titles(client.get(URL, {"mode": "online"})) == ["Webinar"]
    assert titles(client.get(URL, {"mode": "in_person"})) == ["Meetup"]


def test_it_filters_by_type(client):
    EventFactory(title="Camp", event_type=EventType.UNCONFERENCE)
    EventFactory(title="Meetup")

    assert titles(client.get(URL, {"type": "unconference"})) == ["Camp"]


def test_it_filters_by_topic(client):
    EventFactory(title="Open data day").topics.add(
        Topic.objects.get(slug="open-data"), Topic.objects.get(slug="accessibility")
    )
    EventFactory(title="Something else").topics.add(Topic.objects.get(slug="procurement"))

    assert titles(client.get(URL, {"topic": "open-data"})) == ["Open data day"]


def test_it_finds_nothing_for_a_topic_no_event_has(client):
    EventFactory().topics.add(Topic.objects.get(slug="procurement"))

    assert titles(client.get(URL, {"topic": "no-such-topic"})) == []


def test_it_filters_free_events(client):
    EventFactory(title="Free")
    EventFactory(title="Paid", is_free=False, cost="£50")

    assert titles(client.get(URL, {"free": "true"})) == ["Free"]


def test_it_filters_past_events_too(client):
    EventFactory(title="Past webinar", online=True, starts_at=in_days(-7))
    EventFactory(title="Past meetup", starts_at=in_days(-7))

    assert titles(client.get(URL, {"past": "true", "mode": "online"})) == ["Past webinar"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_it_answers_for_the_first_and_last_days_there_are(client, day):
    EventFactory(title="Meetup")

    assert client.get(URL, {"from": day}).status_code == 200
    assert client.get(URL, {"to": day}).status_code == 200
    assert titles(client.get(URL, {"from": "0001-01-01", "to": "9999-12-31"})) == ["Meetup"]


@pytest.mark.parametrize(
    ("parameters", "parameter"),
    [
        ({"from": "31/12/2026"}, "from"),
        ({"to": "2026-02-30"}, "to"),
        ({"to": "10000-01-01"}, "to"),
        ({"from": "0"}, "from"),
        ({"to": "1767225600"}, "to"),
        ({"from": "2026-06-02", "to": "2026-06-01"}, "to"),
        ({"region": "atlantis"}, "region"),
        ({"mode": "hybrid"}, "mode"),
        ({"type": "party"}, "type"),
        ({"topic": "open data"}, "topic"),
        ({"free": "perhaps"}, "free"),
        ({"past": "perhaps"}, "past"),
        ({"page_size": "201"}, "page_size"),
    ],
)
def test_it_refuses_a_bad_parameter(client, parameters, parameter):
    response = client.get(URL, parameters)

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_it_says_when_the_to_date_comes_before_the_from_date(client):
    response = client.get(URL, {"from": "2026-06-02", "to": "2026-06-01"})

    assert response.json()["errors"] == [
        {"parameter": "to", "message": "The to date must be the same as or after the from date"}
    ]


def test_it_gives_the_uk_offset_in_force_at_each_time(client):
    year = timezone.localdate().year + 1
    london = timezone.get_current_timezone()
    EventFactory(
        title="Summer",
        starts_at=datetime.datetime(year, 7, 1, 10, tzinfo=london),
        ends_at=datetime.datetime(year, 7, 1, 12, tzinfo=london),
    )
    EventFactory(
        title="Winter",
        starts_at=datetime.datetime(year, 1, 15, 10, tzinfo=london),
        ends_at=datetime.datetime(year, 1, 15, 12, tzinfo=london),
    )
    # The clocks go back at 2am on the last Sunday of October.
    last_sunday = max(
        datetime.date(year, 10, day) for day in range(25, 32) if datetime.date(year, 10, day).weekday() == 6
    )
    EventFactory(
        title="Through the night the clocks go back",
        starts_at=datetime.datetime.combine(last_sunday, datetime.time(0), london) - datetime.timedelta(hours=1),
        ends_at=datetime.datetime.combine(last_sunday, datetime.time(3), london),
    )

    times = {record["title"]: (record["starts_at"], record["ends_at"]) for record in client.get(URL).json()["results"]}

    assert times["Summer"] == (f"{year}-07-01T10:00:00+01:00", f"{year}-07-01T12:00:00+01:00")
    assert times["Winter"] == (f"{year}-01-15T10:00:00+00:00", f"{year}-01-15T12:00:00+00:00")
    night_before = last_sunday - datetime.timedelta(days=1)
    assert times["Through the night the clocks go back"] == (
        f"{night_before}T23:00:00+01:00",
        f"{last_sunday}T03:00:00+00:00",
    )


def test_it_gives_places_on_an_event_booked_here_as_counts_only(client):
    event = EventFactory(title="Agile training", programme=True, capacity=20, places_taken=2, signatories_only=True)
    BookingFactory(event=event, name="Bea Bookerly", email="bea.bookerly@leeds.gov.uk")
    EventFactory(title="Full training", programme=True, capacity=5, places_taken=5)

    records = {record["title"]: record for record in client.get(URL).json()["results"]}

    assert records["Agile training"]["places"] == {
        "capacity": 20,
        "left": 18,
        "full": False,
        "signatories_only": True,
        "open": True,
    }
    assert records["Agile training"]["booking_url"] == f"http://testserver/events/{event.pk}/book"
    assert records["Agile training"]["programme_event"] is True
    assert records["Full training"]["places"]["full"] is True
    assert "Bea Bookerly" not in client.get(URL).content.decode()


def test_it_says_booking_has_closed_once_an_event_has_started(client):
    EventFactory(programme=True, capacity=20, starts_at=in_days(-1), ends_at=in_days(1))

    (record,) = client.get(URL).json()["results"]

    assert record["places"]["open"] is False


def test_it_shows_no_one_behind_the_events(client, open_data):
    text = client.get(URL, {"page_size": 200}).content.decode() + client.get(URL, {"past": "true"}).content.decode()

    assert client.get(URL).json()["count"] == 3
    for personal in open_data.names | open_data.emails:
        assert personal not in text
    assert "submitted_by" not in text and "review_note" not in text


def test_it_pages_through_the_events(client):
    EventFactory.create_batch(3)

    response = client.get(URL, {"page_size": 2, "page": 2})

    assert response.json()["count"] == 3
    assert len(response.json()["results"]) == 1
    assert response.json()["previous"] == "http://testserver/api/v1/events?page_size=2&page=1"


@pytest.mark.parametrize("past", [False, True])
def test_it_asks_the_same_number_of_queries_for_30_events_as_for_3(client, django_assert_max_num_queries, past):
    topics = list(Topic.objects.all()[:2])
    parameters = {"past": past, "topic": topics[0].slug, "page_size": 200}

    def make(count: int) -> None:
        organisation = OrganisationFactory()
        for event in EventFactory.create_batch(
            count, starts_at=in_days(-10 if past else 10), organisation=organisation
        ):
            event.topics.set(topics)

    make(3)
    with CaptureQueriesContext(connection) as for_3:
        assert client.get(URL, parameters).json()["count"] == 3
    make(27)
    with django_assert_max_num_queries(len(for_3)):
        assert len(client.get(URL, parameters).json()["results"]) == 30
