import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.queries import PAGE_SIZE
from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    response = client.get("/manage/memberships")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


def test_it_refuses_a_public_sector_user(client, member):
    client.force_login(member)
    assert client.get("/manage/memberships").status_code == 403


def test_it_refuses_an_assessor(sign_in_verified, assessor):
    assert sign_in_verified(assessor).get("/manage/memberships").status_code == 403


def test_it_asks_staff_who_gave_only_a_password_for_their_code(client, moderator):
    TOTPDeviceFactory(user=moderator)
    client.force_login(moderator)
    response = client.get("/manage/memberships")
    assert response.status_code == 302
    assert response.url == "/staff/verify"


@pytest.mark.parametrize("role", ["moderator", "programme_admin"])
def test_it_lists_requests_waiting_for_approval(sign_in_verified, request, role):
    client = sign_in_verified(request.getfixturevalue(role))
    waiting = MembershipFactory(pending=True, user__email="waiting@example.com", organisation__name="Waitingshire")
    MembershipFactory(user__email="approved@example.com")
    MembershipFactory(rejected=True, user__email="rejected@example.com")
    response = client.get("/manage/memberships")
    content = response.content.decode()
    assert response.status_code == 200
    assert "waiting@example.com" in content and "Waitingshire" in content
    assert "approved@example.com" not in content
    assert "rejected@example.com" not in content
    assert f'action="/manage/memberships/{waiting.pk}/approve"' in content
    assert f'href="/manage/memberships/{waiting.pk}/reject"' in content


def _queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/manage/memberships").status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_2_rows_as_for_20(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    MembershipFactory.create_batch(2, pending=True)
    with_two = _queries_for_page(client)
    MembershipFactory.create_batch(18, pending=True)
    assert _queries_for_page(client) == with_two


def test_it_shows_requests_a_page_at_a_time(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    MembershipFactory.create_batch(PAGE_SIZE + 1, pending=True)
    first = client.get("/manage/memberships").content.decode()
    assert first.count("/approve") == PAGE_SIZE
    assert 'href="?page=2"' in first
    assert client.get("/manage/memberships?page=2").content.decode().count("/approve") == 1


def test_it_refuses_other_methods(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/memberships").status_code == 405
