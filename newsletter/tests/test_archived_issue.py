import pytest

from newsletter.tests.factories import IssueFactory


def test_it_shows_a_sent_issue_as_html(client):
    IssueFactory(sent=True, slug="spring-update", title="Spring update", body="## Dates\n\nOpens in **March**.")
    response = client.get("/newsletter/archive/spring-update")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Spring update</h1>' in content
    assert '<h2 class="govuk-heading-m">Dates</h2>' in content
    assert '<p class="govuk-body">Opens in <strong>March</strong>.</p>' in content


def test_it_sanitises_the_html(client):
    body = '<script>alert("x")</script>\n\n<img src="x" onerror="steal()">\n\n[Read](https://example.com)'
    IssueFactory(sent=True, slug="unsafe", body=body)
    content = client.get("/newsletter/archive/unsafe").content.decode()
    main = content.split('id="main-content"')[1]
    assert "alert(" not in main
    assert "onerror" not in main and "<img" not in main
    assert '<a href="https://example.com" class="govuk-link" rel="noopener noreferrer">Read</a>' in main


@pytest.mark.parametrize("state", [{}, {"sending": True}, {"paused": True}])
def test_it_hides_issues_not_yet_sent(client, state):
    IssueFactory(slug="not-yet", **state)
    assert client.get("/newsletter/archive/not-yet").status_code == 404


def test_it_answers_404_for_an_issue_that_does_not_exist(client):
    assert client.get("/newsletter/archive/nothing-here").status_code == 404


def test_it_refuses_other_methods(client):
    IssueFactory(sent=True, slug="spring-update")
    assert client.post("/newsletter/archive/spring-update").status_code == 405
