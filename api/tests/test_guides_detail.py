import pytest

from guides.models import Guide, Revision
from guides.tests.factories import GuideFactory, RevisionFactory

pytestmark = pytest.mark.django_db


def test_it_finds_a_guide_by_its_id_as_the_list_shows_it(client):
    GuideFactory(title="Writing weeknotes", slug="writing-weeknotes", body="Write every **Friday**.")

    response = client.get("/api/v1/guides/writing-weeknotes")

    assert response.status_code == 200
    assert response.json() == client.get("/api/v1/guides").json()["results"][0]
    assert response.json()["text"] == "Write every **Friday**."


def test_it_shows_the_newest_visible_revision_and_never_a_hidden_one(client):
    guide = GuideFactory(slug="cyber-playbook", body="Call the duty officer.")
    hidden = RevisionFactory(guide=guide, number=2, body="Call Jo on 07700 900123.", summary="Added Jo's mobile")
    Revision.objects.filter(pk=hidden.pk).update(is_hidden=True, hidden_reason="A personal phone number")

    record = client.get("/api/v1/guides/cyber-playbook").json()

    assert record["text"] == "Call the duty officer."
    assert record["revision"] == 1
    assert [revision["number"] for revision in record["revisions"]] == [1]
    assert "07700" not in str(record) and "mobile" not in str(record) and "personal" not in str(record)


def test_it_answers_404_for_a_guide_with_no_visible_revision_or_none_at_all(client):
    guide = GuideFactory(slug="hidden-away")
    Revision.objects.filter(pk=guide.current_revision_id).update(is_hidden=True)
    Guide.objects.create(title="Empty", slug="empty", category="how_tos")

    hidden = client.get("/api/v1/guides/hidden-away")
    empty = client.get("/api/v1/guides/empty")

    assert (hidden.status_code, empty.status_code) == (404, 404)
    assert hidden.json()["message"] == "No guide has the id hidden-away"
    assert client.get("/api/v1/guides/no-such-guide").status_code == 404


def test_it_refuses_an_id_that_cannot_be_a_slug(client):
    response = client.get("/api/v1/guides/not%20a%20slug")

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "id"
