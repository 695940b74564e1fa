import datetime

import pytest
from django.utils import timezone

from tender.needs import PAGE_SIZE
from tender.tests.factories import NeedFactory
from tender.views.manage import needs_queue

pytestmark = pytest.mark.django_db

URL = "/manage/tender/needs"


def titles(response) -> list[str]:
    return [need.title for need in response.context["page"].object_list]


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    assert needs_queue.access_rule == "staff"
    assert client.get(URL).status_code == 302
    assert sign_in_verified(member).get(URL).status_code == 403


def test_it_lists_needs_waiting_for_review_longest_waiting_first(sign_in_verified, moderator):
    now = timezone.now()
    NeedFactory(title="Newer", submitted=True, submitted_at=now)
    NeedFactory(title="Older", submitted=True, submitted_at=now - datetime.timedelta(days=2))
    NeedFactory(title="Published")
    NeedFactory(title="Draft", draft=True)
    response = sign_in_verified(moderator).get(URL)
    assert titles(response) == ["Older", "Newer"]
    body = response.content.decode()
    assert "Waiting for review (2)" in body and "Published (1)" in body


def test_it_shows_the_other_lists(sign_in_verified, moderator):
    NeedFactory(title="Closed", closed=True)
    NeedFactory(title="Published")
    client = sign_in_verified(moderator)
    assert titles(client.get(URL + "?show=closed")) == ["Closed"]
    assert titles(client.get(URL + "?show=nonsense")) == []


def test_it_never_lists_drafts(sign_in_verified, moderator):
    NeedFactory(title="Draft", draft=True)
    assert titles(sign_in_verified(moderator).get(URL + "?show=draft")) == []


def test_it_runs_a_bounded_number_of_queries(sign_in_verified, moderator, django_assert_max_num_queries):
    client = sign_in_verified(moderator)
    NeedFactory.create_batch(2, submitted=True)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    NeedFactory.create_batch(PAGE_SIZE, submitted=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(titles(client.get(URL))) == PAGE_SIZE
