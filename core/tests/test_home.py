import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_home_page(client):
    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, "<title>Home – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">Local Digital</h1>', html=True)


def test_it_explains_local_digital(client):
    response = client.get("/")

    assertContains(response, "45 organisations")
    assertContains(response, "Local Digital Collaboration Unit")


def test_it_starts_the_declaration_with_a_start_button(client):
    response = client.get("/")

    assertContains(response, 'href="/declaration" role="button" draggable="false"')
    assertContains(response, "govuk-button--start")
    assertContains(response, 'href="/declaration#sign"')


def test_it_links_each_card_to_its_service(client):
    response = client.get("/")

    assertContains(response, '<a class="govuk-link" href="/organisations">Find organisations</a>', html=True)
    assertContains(response, '<a class="govuk-link" href="/events">Events</a>', html=True)
    assertContains(response, '<a class="govuk-link" href="/fund">The Local Digital Fund</a>', html=True)


def test_it_refuses_a_post(client):
    assert client.post("/").status_code == 405


def test_it_answers_a_head_request_as_link_checkers_send(client):
    assert client.head("/").status_code == 200
