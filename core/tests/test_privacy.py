import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_privacy_notice(client):
    response = client.get("/privacy")

    assert response.status_code == 200
    assertContains(response, "<title>Privacy notice – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">Privacy notice</h1>', html=True)


def test_it_names_the_controller_the_processor_and_the_legal_basis(client):
    response = client.get("/privacy")

    assertContains(response, "MHCLG is the data controller")
    assertContains(response, "GOV.UK Notify")
    assertContains(response, "as a data processor")
    assertContains(response, "‘public task’")


def test_it_says_names_and_emails_are_never_published(client):
    response = client.get("/privacy")

    assertContains(response, "We never publish your name or email address")


def test_it_explains_how_to_complain_to_the_ico(client):
    response = client.get("/privacy")

    assertContains(response, "Information Commissioner’s Office (ICO)")
    assertContains(response, 'href="https://ico.org.uk/make-a-complaint/"')


def test_it_gives_the_feedback_email(client, settings):
    settings.FEEDBACK_EMAIL = "privacy@example.gov.uk"

    response = client.get("/privacy")

    assertContains(response, "mailto:privacy@example.gov.uk")


def test_it_refuses_a_post(client):
    assert client.post("/privacy").status_code == 405
