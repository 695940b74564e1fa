import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_shows_a_gov_uk_page_when_a_form_has_no_valid_csrf_token():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/sign-in", {"email": "person@example.com"})

    assert response.status_code == 403
    content = response.content.decode()
    assert "Sorry, this page has expired" in content
    assert "govuk-header" in content
