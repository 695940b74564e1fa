import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_accessibility_statement(client):
    response = client.get("/accessibility")

    assert response.status_code == 200
    assertContains(response, "<title>Accessibility statement – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">Accessibility statement for Local Digital</h1>', html=True)


def test_it_follows_the_model_statement(client):
    response = client.get("/accessibility")

    for heading in (
        "Using this website",
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Preparation of this accessibility statement",
    ):
        assertContains(response, f'<h2 class="govuk-heading-l">{heading}</h2>', html=True)
    assertContains(response, "Equality and Human Rights Commission (EHRC)")
    assertContains(response, "Equality Commission for Northern Ireland (ECNI)")
    assertContains(response, "This statement was prepared on 24 November 2026.")


def test_it_claims_only_what_automated_checks_show(client):
    response = client.get("/accessibility")

    assertContains(response, "aims to meet")
    assertContains(response, "axe-core")
    assertNotContains(response, "is fully compliant")


def test_it_gives_the_feedback_email(client, settings):
    settings.FEEDBACK_EMAIL = "access@example.gov.uk"

    response = client.get("/accessibility")

    assertContains(
        response, '<a class="govuk-link" href="mailto:access@example.gov.uk">access@example.gov.uk</a>', html=True
    )


def test_it_refuses_a_post(client):
    assert client.post("/accessibility").status_code == 405
