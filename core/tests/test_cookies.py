import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_cookies_page(client):
    response = client.get("/cookies")

    assert response.status_code == 200
    assertContains(response, "<title>Cookies – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">Cookies</h1>', html=True)


def test_it_lists_the_cookies_the_service_sets(client):
    response = client.get("/cookies")

    assertContains(response, '<table class="govuk-table">')
    assertContains(response, f"<code>{settings.SESSION_COOKIE_NAME}</code>", html=True)
    assertContains(response, f"<code>{settings.CSRF_COOKIE_NAME}</code>", html=True)
    assertContains(response, "We do not use analytics cookies")


def test_it_states_the_lifetimes_the_settings_give(client):
    # The page states the defaults in words: a change to either setting must change it too.
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.CSRF_COOKIE_AGE == 52 * 7 * 24 * 60 * 60

    response = client.get("/cookies")

    assertContains(response, "After 8 hours, or when you sign out")
    assertContains(response, "1 year")


def test_it_refuses_a_post(client):
    assert client.post("/cookies").status_code == 405
