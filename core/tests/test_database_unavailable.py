from unittest.mock import patch

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

FAILURE_DETAIL = "could not connect to server at db.internal port 5432"


def database_down():
    # Every connection a request tries to open fails, as when the database is unreachable.
    return patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError(FAILURE_DETAIL),
    )


def assert_service_problem_page(response):
    page = response.content.decode()
    assert response.status_code == 500
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in page
    assert FAILURE_DETAIL not in page
    assert "Traceback" not in page
    assert "OperationalError" not in page
    assert "public" not in response.headers["Cache-Control"]


def test_it_shows_the_service_problem_page_on_a_page_that_needs_the_database():
    with database_down():
        response = Client(raise_request_exception=False).get("/signatories")

    assert_service_problem_page(response)
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_it_shows_a_signed_in_person_the_service_problem_page_on_the_home_page(member):
    # Their session and account are in the database, and every page names them.
    client = Client(raise_request_exception=False)
    client.force_login(member)

    with database_down():
        response = client.get("/")

    assert_service_problem_page(response)
    assert "no-store" in response.headers["Cache-Control"]
    # An outage does not sign anyone out.
    assert "sessionid" not in response.cookies


def test_it_still_serves_the_home_page_to_an_anonymous_visitor():
    # The home page reads nothing from the database, so an outage need not take it down.
    with database_down():
        response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]
