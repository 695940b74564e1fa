import pytest

pytestmark = pytest.mark.django_db


def test_it_explains_who_can_sign_and_where_suppliers_fit(client):
    response = client.get("/declaration/sign/who-can-sign")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your organisation cannot sign the declaration" in page
    assert "the Tender" in page


def test_it_accepts_only_get(client):
    assert client.post("/declaration/sign/who-can-sign").status_code == 405
