"""The links at the top of every page: each role sees the way to its own work."""

import pytest

pytestmark = pytest.mark.django_db


def links(client) -> str:
    return client.get("/").content.decode()


def test_it_shows_a_visitor_the_way_to_sign_in(client):
    assert 'href="/sign-in"' in links(client)


def test_it_shows_programme_staff_their_queues(sign_in_verified, moderator):
    page = links(sign_in_verified(moderator))
    for href in ("/manage/events", "/manage/fund", "/manage/projects", "/manage/newsletter", "/manage/emails"):
        assert f'href="{href}"' in page


def test_it_shows_an_assessor_their_assessments_and_no_staff_queues(sign_in_verified, assessor):
    page = links(sign_in_verified(assessor))
    assert ">Your assessments</a>" in page
    assert 'href="/manage/fund"' not in page


def test_it_shows_a_fund_approver_the_awards_to_approve(sign_in_verified, fund_approver):
    page = links(sign_in_verified(fund_approver))
    assert ">Decisions to approve</a>" in page
    assert ">Your assessments</a>" not in page
