import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_govuk_page_not_found(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assertContains(response, "<title>Page not found – Local Digital – GOV.UK</title>", html=True, status_code=404)
    assertContains(response, '<h1 class="govuk-heading-l">Page not found</h1>', html=True, status_code=404)
    assertContains(response, "If you typed the web address, check it is correct.", status_code=404)


def test_it_answers_an_unknown_api_address_in_json(client):
    response = client.get("/api/v1/no-such-resource")

    assert response.status_code == 404
    assert response.json() == {"message": "The API has nothing at this address", "errors": []}
