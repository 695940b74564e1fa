import pytest

from accounts.tests.factories import UserFactory
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.workflow import ProjectStatus

pytestmark = pytest.mark.django_db


def test_it_returns_a_project_as_the_list_does(client):
    project = ProjectFactory(slug="housing-repairs", title="Housing repairs")
    project.partner_organisations.add(OrganisationFactory())
    grant = FundedProjectFactory(bid__round=RoundFactory(past=True), bid__lead_organisation=project.lead_organisation)
    ProjectPhaseFactory(project=project, grant=grant, decision_note="")
    UpdateFactory(project=project)

    response = client.get("/api/v1/projects/housing-repairs")

    assert response.status_code == 200
    assert response.json() == client.get("/api/v1/projects").json()["results"][0]
    assert response.json()["title"] == "Housing repairs"
    assert response.json()["phases"][0]["grant"]["id"] == grant.slug
    # The grant it points to is there to follow.
    followed = client.get(response.json()["phases"][0]["grant"]["url"].removeprefix("http://testserver"))
    assert followed.status_code == 200
    assert followed.json()["id"] == grant.slug


def test_it_shows_a_stopped_project_with_the_reason_its_page_gives(client):
    ProjectFactory(slug="parking", status=ProjectStatus.STOPPED, status_reason="The partners bought a product.")

    record = client.get("/api/v1/projects/parking").json()

    assert (record["status"], record["status_reason"]) == ("stopped", "The partners bought a product.")


def test_it_answers_404_for_an_id_no_project_has(client):
    ProjectFactory(slug="housing-repairs")

    response = client.get("/api/v1/projects/housing-repair")

    assert response.status_code == 404
    assert response.json() == {"message": "No project has the id housing-repair", "errors": []}


def test_it_refuses_an_id_that_cannot_be_a_project_id(client):
    response = client.get("/api/v1/projects/housing%20repairs")

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == ["id"]


def test_it_carries_no_contact_address_author_or_staff_decision(client):
    project = ProjectFactory(slug="housing-repairs", contact_email="repairs@camden.gov.uk")
    ProjectPhaseFactory(project=project, decision_note="Agreed by Dana Decider", decided_by=UserFactory())
    UpdateFactory(project=project, author=UserFactory(full_name="Wren Weeknoter", email="wren@camden.gov.uk"))

    text = client.get("/api/v1/projects/housing-repairs").content.decode()

    for private in ("repairs@camden.gov.uk", "Wren Weeknoter", "wren@camden.gov.uk", "Dana Decider"):
        assert private not in text
    assert "@" not in text


def test_it_carries_no_personal_data_from_around_the_project(client, open_data):
    response = client.get(f"/api/v1/projects/{open_data.objects['project'].slug}")

    assert response.status_code == 200
    text = response.content.decode()
    for private in open_data.names | open_data.emails:
        assert private not in text
