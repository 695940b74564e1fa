import pytest

from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_finds_an_organisation_by_its_id_or_its_org_id(client):
    OrganisationFactory(name="London Borough of Camden", slug="camden", org_id="GB-LAE-CMD")

    by_id = client.get("/api/v1/organisations/camden")
    by_org_id = client.get("/api/v1/organisations/GB-LAE-CMD")

    assert by_id.status_code == 200
    assert by_id.json()["name"] == "London Borough of Camden"
    assert by_org_id.json() == by_id.json()


def test_it_names_the_organisations_that_replaced_one_that_ended(client):
    successor = OrganisationFactory(name="Cumberland Council", slug="cumberland", org_id="GB-LAE-CBD")
    ended = OrganisationFactory(name="Allerdale Borough Council", slug="allerdale", ended=True)
    ended.replaced_by.add(successor)

    body = client.get("/api/v1/organisations/allerdale").json()

    assert body["end_date"] == "2020-03-31"
    assert body["replaced_by"] == [
        {
            "id": "cumberland",
            "name": "Cumberland Council",
            "org_id": "GB-LAE-CBD",
            "url": "http://testserver/api/v1/organisations/cumberland",
        }
    ]


def test_it_answers_404_for_an_unknown_id(client):
    response = client.get("/api/v1/organisations/atlantis")

    assert response.status_code == 404
    assert response.json() == {"message": "No organisation has the id atlantis", "errors": []}


def test_it_refuses_an_id_that_cannot_be_one(client):
    response = client.get("/api/v1/organisations/camden%20town")

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "id"
