import csv
import io

import pytest

from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_it_downloads_public_needs_with_their_answers_counted(client):
    need = NeedFactory(slug="bins", title="=Bins")
    QuestionFactory(need=need, answered=True)
    NeedFactory(slug="draft", draft=True)

    [row] = rows(client.get("/data/tender-needs.csv"))
    records = client.get("/data/tender-needs.json").json()["results"]

    assert (row["id"], row["title"], row["answered_questions"]) == ("bins", "'=Bins", "1")
    assert records == [client.get("/api/v1/tender/needs/bins").json()]


def test_it_downloads_listed_suppliers_without_addresses(client):
    SupplierFactory(slug="civic-code", contact_email="hello@civiccode.example")
    SupplierFactory(slug="suspended", status="suspended")

    response = client.get("/data/tender-suppliers.csv")

    assert [row["id"] for row in rows(response)] == ["civic-code"]
    assert "@" not in response.content.decode()
    assert "@" not in client.get("/data/tender-suppliers.json").content.decode()
