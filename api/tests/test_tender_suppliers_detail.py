import pytest

from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


def test_it_finds_a_listed_supplier(client):
    SupplierFactory(slug="civic-code", name="Civic Code Ltd")

    assert client.get("/api/v1/tender/suppliers/civic-code").json()["name"] == "Civic Code Ltd"


def test_it_answers_404_for_a_suspended_supplier(client):
    SupplierFactory(slug="suspended", status="suspended")

    assert client.get("/api/v1/tender/suppliers/suspended").status_code == 404
