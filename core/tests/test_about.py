import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_about_page(client):
    response = client.get("/about")

    assert response.status_code == 200
    assertContains(response, "<title>About Local Digital – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">About Local Digital</h1>', html=True)


def test_it_has_the_sections_the_home_page_links_to(client):
    response = client.get("/about")

    assertContains(response, '<h2 class="govuk-heading-l" id="events">Events</h2>', html=True)
    assertContains(response, '<h2 class="govuk-heading-l" id="fund">The Local Digital Fund</h2>', html=True)
    assertContains(response, "August 2018")
    assertContains(response, "£7.5 million")


def test_it_describes_the_collaboration_unit_goals(client):
    response = client.get("/about")

    for goal in ("Build capacity", "Deliver reusable tools", "Support a wiki-style community"):
        assertContains(response, f"<strong>{goal}</strong>", html=True)


def test_it_links_to_the_roadmap(client):
    response = client.get("/about")

    assertContains(response, 'href="/about/roadmap"')


def test_it_refuses_a_post(client):
    assert client.post("/about").status_code == 405
