import json

from pytest_django.asserts import assertContains

from core.views import server_error


def test_it_shows_the_govuk_service_problem_page(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assertContains(response, "<h1", count=1, status_code=500)
    assertContains(
        response,
        '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>',
        html=True,
        status_code=500,
    )
    assertContains(response, "Nothing you entered on the page that failed has been saved.", status_code=500)


def test_it_renders_without_the_database(rf):
    # Whatever broke the request may have been the database. This module has no django_db
    # mark, so pytest-django fails any query the page tries to make.
    assert server_error(rf.get("/")).status_code == 500


def test_it_answers_the_api_in_json(rf):
    response = server_error(rf.get("/api/v1/events"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "message": "Something went wrong on our side; try again later",
        "errors": [],
    }
