import pytest

from tender.tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_it_finds_a_published_or_closed_need(client):
    NeedFactory(slug="bins")
    NeedFactory(slug="done", closed=True, procurement_reference="031847-2026", outcome="We bought a service.")

    done = client.get("/api/v1/tender/needs/done").json()

    assert client.get("/api/v1/tender/needs/bins").status_code == 200
    assert done["status"] == "closed"
    assert done["procurement_reference"] == "031847-2026"
    assert done["procurement_notice_url"] == "https://www.find-tender.service.gov.uk/Notice/031847-2026"


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_it_answers_404_for_a_need_not_public(client, state):
    NeedFactory(slug="hidden", **{state: True})

    response = client.get("/api/v1/tender/needs/hidden")

    assert response.status_code == 404
    assert response.json()["message"] == "No need has the id hidden"
