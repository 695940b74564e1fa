import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from events.models import Booking, Event, Topic
from events.tests.factories import BookingFactory, EventFactory
from events.workflow import EventStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LONDON = timezone.get_current_timezone()


def csv_records(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_lists_the_events_dataset_on_the_data_page(client):
    EventFactory()

    text = client.get("/data").content.decode()

    assert "Events" in text
    assert "/data/events.csv" in text and "/data/events.json" in text


def test_it_gives_every_public_event_past_and_future_in_date_order(client):
    EventFactory(title="Next month", starts_at=timezone.now() + datetime.timedelta(days=30))
    EventFactory(title="Last year", starts_at=timezone.now() - datetime.timedelta(days=365))
    EventFactory(title="Called off", cancelled=True)
    EventFactory(title="Waiting", submitted=True)
    EventFactory(title="Refused", rejected=True)
    EventFactory(title="Withdrawn before review", submitted=True, status=EventStatus.CANCELLED)

    from_csv = [record["title"] for record in csv_records(client.get("/data/events.csv"))]
    from_json = [record["title"] for record in client.get("/data/events.json").json()["results"]]

    assert from_csv == from_json == ["Last year", "Called off", "Next month"]


def test_it_writes_one_flat_row_an_event(client):
    london = OrganisationFactory(name="Greater London Authority", slug="gla")
    event = EventFactory(
        title="Roadshow: London",
        starts_at=datetime.datetime(2027, 7, 1, 10, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 7, 1, 16, tzinfo=LONDON),
        is_free=False,
        cost="£10",
        organisation=london,
        programme=True,
        capacity=30,
        places_taken=4,
    )
    event.topics.add(Topic.objects.get(slug="open-data"), Topic.objects.get(slug="accessibility"))

    (record,) = csv_records(client.get("/data/events.csv"))

    assert record["id"] == str(event.pk)
    assert record["uid"] == f"{event.uid}@testserver"
    assert record["type"] == "Training"
    assert record["topics"] == "Accessibility; Open data"
    assert (record["starts_at"], record["ends_at"]) == ("2027-07-01T10:00:00+01:00", "2027-07-01T16:00:00+01:00")
    assert (record["online"], record["region"]) == ("no", "Yorkshire and the Humber")
    assert (record["free"], record["cost"]) == ("no", "£10")
    assert record["organisation_id"] == "gla"
    assert (record["programme_event"], record["places"], record["places_left"]) == ("yes", "30", "26")
    assert record["signatories_only"] == "no"
    assert record["booking_url"] == f"http://testserver/events/{event.pk}/book"
    assert record["status"] == "scheduled"
    assert record["url"] == f"http://testserver/events/{event.pk}"
    assert record["ics_url"] == f"http://testserver/events/{event.pk}.ics"


def test_it_leaves_places_blank_where_booking_is_elsewhere(client):
    EventFactory(booking_url="https://tickets.example.org/1")

    (record,) = csv_records(client.get("/data/events.csv"))

    assert (record["places"], record["places_left"], record["signatories_only"]) == ("", "", "")
    assert record["booking_url"] == "https://tickets.example.org/1"


def test_it_writes_winter_times_with_no_offset(client):
    EventFactory(
        starts_at=datetime.datetime(2027, 1, 15, 18, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 1, 15, 20, tzinfo=LONDON),
    )

    (record,) = csv_records(client.get("/data/events.csv"))

    assert record["starts_at"] == "2027-01-15T18:00:00+00:00"


def test_it_neutralises_cells_a_spreadsheet_would_run(client):
    EventFactory(title='=HYPERLINK("http://evil.example")', summary="+1 for open data")

    (record,) = csv_records(client.get("/data/events.csv"))

    assert record["title"] == '\'=HYPERLINK("http://evil.example")'
    assert record["summary"] == "'+1 for open data"


def test_it_gives_the_api_records_as_json(client):
    EventFactory(title="Coming up").topics.add(Topic.objects.get(slug="open-data"))
    EventFactory(title="Over", past=True)
    EventFactory(title="Called off", programme=True, cancelled=True)

    results = client.get("/data/events.json").json()["results"]

    assert results == [client.get(f"/api/v1/events/{record['id']}").json() for record in results]
    assert len(results) == 3


def test_it_shows_no_one_behind_the_events(client, open_data):
    text = client.get("/data/events.csv").content.decode("utf-8-sig") + client.get("/data/events.json").content.decode()

    assert "Online show and tell" in text
    assert "Waiting for review" not in text
    for personal in open_data.names | open_data.emails:
        assert personal not in text


def test_it_was_last_modified_when_a_place_was_last_booked(client):
    event = EventFactory(programme=True, capacity=10)
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - datetime.timedelta(days=2))
    booked = timezone.now() - datetime.timedelta(hours=1)
    BookingFactory(event=event, confirmed_at=booked)
    Booking.objects.update(created_at=booked)

    response = client.get("/data/events.csv")

    assert response["Last-Modified"] == http_date(booked.timestamp())


@pytest.mark.parametrize("download", ["/data/events.csv", "/data/events.json"])
def test_it_asks_the_same_number_of_queries_for_30_events_as_for_3(client, django_assert_max_num_queries, download):
    topics = list(Topic.objects.all()[:2])
    organisation = OrganisationFactory()

    def make(count: int) -> None:
        for event in EventFactory.create_batch(count, organisation=organisation):
            event.topics.set(topics)

    make(3)
    with CaptureQueriesContext(connection) as for_3:
        client.get(download)
    make(27)
    with django_assert_max_num_queries(len(for_3)):
        assert client.get(download).status_code == 200
