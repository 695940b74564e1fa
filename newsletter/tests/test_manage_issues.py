import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter.queries import STAFF_PAGE_SIZE
from newsletter.tests.factories import IssueFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get("/manage/newsletter")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.get("/manage/newsletter").status_code == 403


def test_it_refuses_an_assessor(sign_in_verified, assessor):
    assert sign_in_verified(assessor).get("/manage/newsletter").status_code == 403


@pytest.mark.parametrize("role", ["moderator", "programme_admin"])
def test_it_lists_issues_with_their_progress(sign_in_verified, request, role):
    client = sign_in_verified(request.getfixturevalue(role))
    draft = IssueFactory(title="A draft")
    IssueFactory(sending=True, title="Going out", recipient_count=2000, sent_count=1200)
    content = client.get("/manage/newsletter").content.decode()
    assert '<h1 class="govuk-heading-l">Newsletter</h1>' in content
    assert f'href="/manage/newsletter/{draft.pk}">A draft</a>' in content
    assert "1,200 of 2,000" in content
    assert 'href="/manage/newsletter/new"' in content


def _queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/manage/newsletter").status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_2_rows_as_for_20(staff_client, moderator):
    IssueFactory.create_batch(2, created_by=moderator)
    with_two = _queries_for_page(staff_client)
    IssueFactory.create_batch(18, created_by=moderator)
    assert _queries_for_page(staff_client) == with_two


def test_it_shows_issues_a_page_at_a_time(staff_client):
    IssueFactory.create_batch(STAFF_PAGE_SIZE + 1)
    first = staff_client.get("/manage/newsletter").content.decode()
    assert first.count('href="/manage/newsletter/') - first.count('href="/manage/newsletter/new"') == STAFF_PAGE_SIZE
    assert "?page=2" in first


def test_it_refuses_other_methods(staff_client):
    assert staff_client.post("/manage/newsletter").status_code == 405
