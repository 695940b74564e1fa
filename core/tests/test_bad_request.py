import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_govuk_bad_request_page_for_an_unknown_host(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assertContains(response, "<h1", count=1, status_code=400)
    assertContains(
        response,
        '<h1 class="govuk-heading-l">Sorry, there is a problem with your request</h1>',
        html=True,
        status_code=400,
    )
