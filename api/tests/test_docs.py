import pytest
from pytest_django.asserts import assertContains

from api.api import api

pytestmark = pytest.mark.django_db


def test_it_documents_every_operation_on_a_govuk_page(client):
    document = api.get_openapi_schema()

    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assertContains(response, '<h1 class="govuk-heading-xl">Local Digital API</h1>', html=True)
    for path, methods in document["paths"].items():
        for operation in methods.values():
            assertContains(response, f"GET {path}")
            assertContains(response, operation["summary"])
    assertContains(response, 'href="/api/v1/openapi.json"')


def test_it_loads_no_third_party_script(client):
    response = client.get("/api/v1/docs")

    assert "cdn" not in response.content.decode().lower()
    assert "swagger" not in response.content.decode().lower()
