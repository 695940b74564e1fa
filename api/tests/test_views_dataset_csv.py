import csv
import io

import pytest

from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read it as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_it_downloads_a_dataset_as_csv(client):
    OrganisationFactory(name="Ynys Môn", slug="anglesey", start_date="1996-04-01")

    response = client.get("/data/organisations.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    [row] = rows(response)
    assert row["name"] == "Ynys Môn"
    assert row["start_date"] == "1996-04-01"
    assert row["signed_declaration"] == "no"


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1:A2)"])
def test_it_makes_formulas_safe(client, formula):
    OrganisationFactory(name=formula)

    [row] = rows(client.get("/data/organisations.csv"))

    assert row["name"] == "'" + formula


def test_it_answers_404_for_an_unknown_dataset(client):
    assert client.get("/data/secrets.csv").status_code == 404
