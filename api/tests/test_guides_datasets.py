import csv
import io

import pytest

from events.models import Topic
from guides.models import Category, Revision
from guides.tests.factories import GuideFactory, RevisionFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def guide():
    guide = GuideFactory(
        title="=Buying with the Digital Marketplace",
        slug="digital-marketplace",
        category=Category.PROCUREMENT,
        body="## Before you buy\n\nWrite down the problem.",
    )
    guide.topics.set(Topic.objects.filter(slug="procurement"))
    Revision.objects.filter(pk=guide.current_revision_id).update(
        author_organisation=OrganisationFactory(name="Essex County Council")
    )
    guide.current_revision = RevisionFactory(
        guide=guide, number=2, body="Write down the problem, then the outcome.", author_organisation=None
    )
    guide.save(update_fields=["current_revision"])
    RevisionFactory(
        guide=guide,
        number=3,
        body="Call Jo on 07700 900123.",
        summary="Added Jo's mobile",
        is_hidden=True,
        author_organisation=OrganisationFactory(name="Kent County Council"),
    )
    hidden_only = GuideFactory(slug="hidden-only")
    Revision.objects.filter(pk=hidden_only.current_revision_id).update(is_hidden=True)
    return guide


def test_it_downloads_a_row_for_each_guide_with_its_current_text(client, guide):
    [row] = rows(client.get("/data/guides.csv"))

    assert row["id"] == "digital-marketplace"
    assert row["title"] == "'=Buying with the Digital Marketplace"
    assert (row["category"], row["topics"]) == ("Procurement", "Procurement")
    assert row["text"] == "Write down the problem, then the outcome."
    assert (row["revision"], row["revisions"]) == ("2", "2")
    assert row["written_by"] == "Essex County Council"
    assert row["url"] == f"http://testserver{guide.get_absolute_url()}"


def test_it_downloads_the_api_records_as_json_without_hidden_revisions(client, guide):
    response = client.get("/data/guides.json")

    assert response.status_code == 200
    assert response.json()["results"] == [client.get("/api/v1/guides/digital-marketplace").json()]
    content = response.content.decode()
    assert "07700" not in content and "Kent County Council" not in content and "hidden-only" not in content
    assert "07700" not in client.get("/data/guides.csv").content.decode()
