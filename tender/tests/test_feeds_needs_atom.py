import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from events.models import Topic
from tender.needs import ATOM_ENTRIES
from tender.tests.factories import NeedFactory
from tender.views.needs import needs_feed

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall("atom:entry", ATOM)  # noqa: S314 - the service's own feed


def entry_titles(response) -> list[str]:
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in entries(response)]


def test_it_is_a_public_atom_feed_of_published_needs_newest_first(client):
    assert needs_feed.access_rule == "public"
    now = timezone.now()
    NeedFactory(title="Older", published_at=now - datetime.timedelta(days=2))
    newer = NeedFactory(title="Newer", published_at=now)
    NeedFactory(title="Draft", draft=True)
    NeedFactory(title="Waiting", submitted=True)
    response = client.get("/tender/needs.atom")
    assert entry_titles(response) == ["Newer", "Older"]
    first = entries(response)[0]
    assert first.find("atom:link", ATOM).get("href") == f"http://testserver/tender/needs/{newer.slug}"
    assert first.findtext("atom:id", namespaces=ATOM).endswith(f":tender:need:{newer.pk}")


def test_it_describes_the_organisation_closing_date_and_topics(client):
    closes = timezone.localdate() + datetime.timedelta(days=10)
    NeedFactory(
        organisation__name="Leeds City Council",
        questions_close_on=closes,
        topics=[Topic.objects.get(slug="open-data")],
    )
    (entry,) = entries(client.get("/tender/needs.atom"))
    summary = entry.findtext("atom:summary", namespaces=ATOM)
    assert summary.startswith(f"Leeds City Council. Questions close on {closes.day} {closes:%B %Y}.")
    assert "Residents phone us" in summary
    assert [category.get("term") for category in entry.findall("atom:category", ATOM)] == ["Open data"]


def test_it_marks_a_closed_need_in_its_title(client):
    NeedFactory(title="Bins", closed=True)
    assert entry_titles(client.get("/tender/needs.atom")) == ["Closed: Bins"]


def test_it_carries_no_personal_data(client):
    NeedFactory(author__full_name="Priya Authorson", author__email="priya@council.example.gov.uk")
    body = client.get("/tender/needs.atom").content.decode()
    assert "Priya" not in body and "priya@" not in body and "Authorson" not in body


def test_it_takes_the_same_filters_as_the_list(client):
    NeedFactory(title="Open data", topics=[Topic.objects.get(slug="open-data")])
    NeedFactory(title="Accessibility", topics=[Topic.objects.get(slug="accessibility")])
    response = client.get("/tender/needs.atom?topic=open-data")
    assert entry_titles(response) == ["Open data"]
    alternate = ET.fromstring(response.content).find("atom:link[@rel='alternate']", ATOM)  # noqa: S314
    assert alternate.get("href") == "http://testserver/tender?topic=open-data"


def test_it_holds_a_bounded_number_of_entries(client, django_assert_max_num_queries):
    NeedFactory.create_batch(ATOM_ENTRIES + 5)
    with django_assert_max_num_queries(5):
        assert len(entries(client.get("/tender/needs.atom"))) == ATOM_ENTRIES


def test_it_answers_only_get(client):
    assert client.post("/tender/needs.atom").status_code == 405
