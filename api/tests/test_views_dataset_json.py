import pytest

from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_downloads_the_api_records_with_the_licence(client):
    OrganisationFactory(name="Ynys Môn", slug="anglesey")

    response = client.get("/data/organisations.json")
    api_record = client.get("/api/v1/organisations/anglesey").json()

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="organisations.json"'
    assert "Ynys Môn" in response.content.decode("utf-8")  # written as the character, not escaped
    body = response.json()
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert body["results"] == [api_record]


def test_it_answers_404_for_an_unknown_dataset(client):
    assert client.get("/data/secrets.json").status_code == 404
