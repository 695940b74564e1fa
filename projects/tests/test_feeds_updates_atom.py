import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from projects.catalogue import FEED_SIZE
from projects.models import Update
from projects.tests.factories import ProjectFactory, UpdateFactory
from projects.views.catalogue import updates_atom

pytestmark = pytest.mark.django_db

URL = reverse("projects:updates_atom")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[ET.Element]:
    return ET.fromstring(response.content).findall("atom:entry", ATOM)  # noqa: S314 - the service's own feed


def published(update: Update, days_ago: int) -> Update:
    Update.objects.filter(pk=update.pk).update(published_at=timezone.now() - datetime.timedelta(days=days_ago))
    return update


def test_it_is_public(client):
    assert updates_atom.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_is_an_atom_feed_of_every_projects_updates_newest_first(client):
    repairs = ProjectFactory(title="Housing repairs", slug="housing-repairs")
    parking = ProjectFactory(title="Parking permits")
    older = published(UpdateFactory(project=repairs, title="Sprint 1"), days_ago=14)
    published(UpdateFactory(project=parking, title="Show and tell"), days_ago=2)

    response = client.get(URL)

    assert response["Content-Type"].startswith("application/atom+xml")
    found = entries(response)
    assert [entry.find("atom:title", ATOM).text for entry in found] == [
        "Parking permits: Show and tell",
        "Housing repairs: Sprint 1",
    ]
    last = found[1]
    assert last.find("atom:id", ATOM).text.endswith(f":project-update:{older.pk}")
    assert last.find("atom:link", ATOM).get("href").endswith("/projects/housing-repairs#updates")


def test_it_summarises_the_sanitised_markdown_as_text(client):
    UpdateFactory(
        body="We spoke to **twelve** tenants & staff. <script>alert('x')</script>[Notes](https://example.org)"
    )

    summary = entries(client.get(URL))[0].find("atom:summary", ATOM)

    # The summary is HTML-typed: its text, once unescaped, reads as plain words.
    assert summary.get("type") == "html"
    assert summary.text == "We spoke to twelve tenants &amp; staff. Notes"


def test_it_names_no_author(client):
    UpdateFactory(author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@example.com" not in content
    assert "<author><name>Local Digital</name></author>" in content


def test_it_holds_a_bounded_number_of_entries_in_few_queries(client, django_assert_max_num_queries):
    UpdateFactory.create_batch(FEED_SIZE + 5)

    with django_assert_max_num_queries(1):
        response = client.get(URL)

    assert len(entries(response)) == FEED_SIZE
