from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter.queries import ARCHIVE_PAGE_SIZE
from newsletter.tests.factories import DeliveryFactory, IssueFactory


def test_it_lists_sent_issues_newest_first(client):
    now = timezone.now()
    IssueFactory(sent=True, title="Older", sent_at=now - timedelta(days=30))
    IssueFactory(sent=True, title="Newer", sent_at=now - timedelta(days=1))
    IssueFactory(title="A draft")
    IssueFactory(sending=True, title="Going out")
    IssueFactory(paused=True, title="On hold")
    response = client.get("/newsletter/archive")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Past updates</h1>' in content
    assert content.index("Newer") < content.index("Older")
    for unsent in ["A draft", "Going out", "On hold"]:
        assert unsent not in content


def test_it_shows_no_personal_data(client):
    delivery = DeliveryFactory(subscriber__email="private@example.com", issue__created_by=None)
    content = client.get("/newsletter/archive").content.decode()
    assert delivery.issue.title in content
    assert "private@example.com" not in content


def test_it_shows_issues_a_page_at_a_time(client):
    IssueFactory.create_batch(ARCHIVE_PAGE_SIZE + 1, sent=True)
    first = client.get("/newsletter/archive").content.decode()
    assert first.count('href="/newsletter/archive/') == ARCHIVE_PAGE_SIZE
    assert 'href="?page=2"' in first
    assert client.get("/newsletter/archive?page=2").content.decode().count('href="/newsletter/archive/') == 1


def _queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/newsletter/archive").status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_2_rows_as_for_20(client):
    IssueFactory.create_batch(2, sent=True)
    with_two = _queries_for_page(client)
    IssueFactory.create_batch(18, sent=True)
    assert _queries_for_page(client) == with_two


def test_it_says_when_nothing_has_been_sent(client):
    assert b"We have not sent any updates yet" in client.get("/newsletter/archive").content


def test_it_refuses_other_methods(client):
    assert client.post("/newsletter/archive").status_code == 405
