import pytest

from accounts.tests.factories import UserFactory
from projects.tests.factories import OutputFactory

pytestmark = pytest.mark.django_db


def test_it_returns_an_output_as_the_list_does(client):
    output = OutputFactory(title="Repairs report")

    response = client.get(f"/api/v1/projects/outputs/{output.pk}")

    assert response.status_code == 200
    assert response.json() == client.get("/api/v1/projects/outputs").json()["results"][0]
    assert response.json()["id"] == output.pk


def test_it_answers_404_for_an_id_no_output_has(client):
    output = OutputFactory()

    response = client.get(f"/api/v1/projects/outputs/{output.pk + 1}")

    assert response.status_code == 404
    assert response.json() == {"message": f"No output has the id {output.pk + 1}", "errors": []}


@pytest.mark.parametrize("id", ["0", "-1", "2147483648", "99999999999999999999", "report"])
def test_it_refuses_an_id_that_cannot_be_an_output_id(client, id):
    response = client.get(f"/api/v1/projects/outputs/{id}")

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == ["id"]


def test_it_never_says_who_added_it(client):
    output = OutputFactory(created_by=UserFactory(full_name="Uma Uploaderson", email="uma@camden.gov.uk"))

    text = client.get(f"/api/v1/projects/outputs/{output.pk}").content.decode()

    assert "Uploaderson" not in text and "uma@camden.gov.uk" not in text
    assert "@" not in text


def test_it_carries_no_personal_data_from_around_the_output(client, open_data):
    response = client.get(f"/api/v1/projects/outputs/{open_data.objects['output'].pk}")

    assert response.status_code == 200
    text = response.content.decode()
    for private in open_data.names | open_data.emails:
        assert private not in text
