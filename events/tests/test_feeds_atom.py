import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from events.models import Event, EventType, Topic
from events.queries import ATOM_ENTRIES
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall("atom:entry", ATOM)  # noqa: S314 - the service's own feed


def entry_titles(response) -> list[str]:
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in entries(response)]


def test_it_is_an_atom_feed_of_upcoming_events_latest_changes_first(client):
    older = EventFactory(title="LocalGov Camp")
    newer = EventFactory(title="Show and tell")
    EventFactory(title="Over", past=True)
    EventFactory(title="Waiting", submitted=True)
    Event.objects.filter(pk=older.pk).update(updated_at=timezone.now() - datetime.timedelta(days=2))
    response = client.get("/events.atom")
    assert entry_titles(response) == ["Show and tell", "LocalGov Camp"]
    (first, _) = entries(response)
    assert first.find("atom:link", ATOM).get("href") == f"http://testserver/events/{newer.pk}"
    assert first.findtext("atom:id", namespaces=ATOM).endswith(f":event:{newer.uid}")


def test_it_describes_when_and_where_each_event_is(client):
    EventFactory(online=True, event_type=EventType.WEBINAR).topics.add(Topic.objects.get(slug="open-data"))
    (entry,) = entries(client.get("/events.atom"))
    assert "Online." in entry.findtext("atom:summary", namespaces=ATOM)
    assert {category.get("term") for category in entry.findall("atom:category", ATOM)} == {"Webinar", "Open data"}


def test_it_marks_a_cancelled_event_in_its_title(client):
    EventFactory(title="Roadshow", cancelled=True)
    assert entry_titles(client.get("/events.atom")) == ["Cancelled: Roadshow"]


def test_it_takes_the_same_filters_as_the_lists(client):
    EventFactory(title="Webinar", online=True)
    EventFactory(title="Meetup")
    response = client.get("/events.atom?mode=online")
    assert entry_titles(response) == ["Webinar"]
    alternate = ET.fromstring(response.content).find("atom:link[@rel='alternate']", ATOM)  # noqa: S314
    assert alternate.get("href") == "http://testserver/events?mode=online"


def test_it_holds_a_bounded_number_of_entries(client, django_assert_max_num_queries):
    EventFactory.create_batch(ATOM_ENTRIES + 5)
    with django_assert_max_num_queries(3):
        assert len(entries(client.get("/events.atom"))) == ATOM_ENTRIES


def test_it_answers_only_get(client):
    assert client.post("/events.atom").status_code == 405
