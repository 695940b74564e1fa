import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def test_it_shows_the_roadmap(client):
    response = client.get("/about/roadmap")

    assert response.status_code == 200
    assertContains(response, "<title>Collaboration Unit roadmap – Local Digital – GOV.UK</title>", html=True)
    assertContains(response, "<h1", count=1)
    assertContains(response, '<h1 class="govuk-heading-xl">Collaboration Unit roadmap</h1>', html=True)


def test_it_lists_each_period_as_a_timeline_item(client):
    response = client.get("/about/roadmap")

    assertContains(response, '<ol class="app-timeline">')
    periods = [
        "January 2018",
        "May 2018",
        "July 2018",
        "August 2018",
        "September 2018",
        "October to November 2018",
        "December 2018",
        "Early 2019",
    ]
    assertContains(response, 'class="app-timeline__item"', count=len(periods))
    for period in periods:
        assertContains(response, f'<h2 class="app-timeline__date govuk-heading-m">{period}</h2>', html=True)


def test_it_gives_the_fund_stage_dates(client):
    response = client.get("/about/roadmap")

    for dates in (
        "24 September to 5 October 2018",
        "6 to 12 October 2018",
        "16 October to 15 November 2018",
        "by 3 December 2018",
        "13 December 2018",
        "April 2019",
        "May 2019",
    ):
        assertContains(response, dates)


def test_it_refuses_a_post(client):
    assert client.post("/about/roadmap").status_code == 405
