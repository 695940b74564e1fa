import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Topic
from events.tests.factories import BookingFactory, EventFactory
from events.workflow import EventStatus

pytestmark = pytest.mark.django_db


def url(id) -> str:
    return f"/api/v1/events/{id}"


def test_it_gives_the_event_as_the_list_does(client):
    event = EventFactory(title="Leeds open data meetup", description="Two talks.\n\n- **Bring** a laptop")
    event.topics.add(Topic.objects.get(slug="open-data"))

    response = client.get(url(event.pk))

    assert response.status_code == 200
    assert response.json() == client.get("/api/v1/events").json()["results"][0]
    assert response.json()["description"] == "Two talks.\n\n- **Bring** a laptop"
    assert response.json()["topics"] == [{"slug": "open-data", "name": "Open data"}]


def test_it_gives_an_event_that_has_ended(client):
    event = EventFactory(past=True)

    assert client.get(url(event.pk)).json()["id"] == event.pk


def test_it_gives_a_cancelled_event_marked_cancelled(client):
    event = EventFactory(programme=True, cancelled=True, cancellation_reason="The trainer is unwell")

    record = client.get(url(event.pk)).json()

    assert (record["status"], record["cancellation_reason"]) == ("cancelled", "The trainer is unwell")
    assert record["booking_url"] is None
    assert record["places"]["open"] is False


@pytest.mark.parametrize(
    "never_published",
    [
        {"submitted": True},
        {"rejected": True},
        {"submitted": True, "status": EventStatus.CANCELLED},
    ],
    ids=["submitted", "rejected", "cancelled before review"],
)
def test_it_does_not_find_an_event_never_published(client, never_published):
    event = EventFactory(**never_published)

    response = client.get(url(event.pk))

    assert response.status_code == 404
    assert response.json() == {"message": f"No event has the id {event.pk}", "errors": []}


def test_it_does_not_find_an_event_sent_back_for_review_after_a_change(client):
    event = EventFactory(status=EventStatus.SUBMITTED, published_at=timezone.now() - datetime.timedelta(days=3))

    assert client.get(url(event.pk)).status_code == 404


def test_it_does_not_find_an_id_no_event_has(client):
    response = client.get(url(999))

    assert response.status_code == 404
    assert response.json()["message"] == "No event has the id 999"


@pytest.mark.parametrize("id", ["0", "-1", "2147483648", "99999999999999999999", "leeds-meetup"])
def test_it_refuses_an_id_that_is_not_one(client, id):
    response = client.get(url(id))

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == ["id"]


def test_it_gives_places_but_never_who_booked(client, open_data):
    event = EventFactory(programme=True, capacity=20, places_taken=1)
    BookingFactory(event=event, name="Bea Bookerly", email="bea.bookerly@leeds.gov.uk", accessibility_needs="Ramp")

    response = client.get(url(event.pk))

    assert response.json()["places"] == {
        "capacity": 20,
        "left": 19,
        "full": False,
        "signatories_only": False,
        "open": True,
    }
    for personal in ["Bea Bookerly", "bea.bookerly@leeds.gov.uk", "Ramp"]:
        assert personal not in response.content.decode()


def test_it_shows_no_one_behind_the_event(client, open_data):
    event = open_data.objects["event"]

    text = client.get(url(event.pk)).content.decode()

    assert event.title in text
    for personal in open_data.names | open_data.emails:
        assert personal not in text


def test_it_asks_the_same_number_of_queries_for_ten_topics_as_for_one(client, django_assert_max_num_queries):
    one, ten = EventFactory(), EventFactory()
    one.topics.set(Topic.objects.all()[:1])
    ten.topics.set(Topic.objects.all()[:10])

    with CaptureQueriesContext(connection) as for_one:
        assert len(client.get(url(one.pk)).json()["topics"]) == 1
    with django_assert_max_num_queries(len(for_one)):
        assert len(client.get(url(ten.pk)).json()["topics"]) == 10
