import pytest

from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory
from tender.views.manage import dashboard
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/manage/tender"


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    assert dashboard.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in")
    assert sign_in_verified(member).get(URL).status_code == 403


def test_it_counts_what_waits_and_links_to_each_queue(sign_in_verified, moderator):
    NeedFactory.create_batch(2, submitted=True)
    NeedFactory()
    QuestionFactory(held=True)
    SupplierFactory(status=SupplierStatus.SUSPENDED)
    response = sign_in_verified(moderator).get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 needs waiting for review" in body
    assert "1 question held for a moderator" in body
    # The question's supplier and the one listed at first: the suspended one is not counted.
    assert "1 supplier listed" in body
    for link in ('href="/manage/tender/needs"', 'href="/manage/tender/questions"', 'href="/manage/tender/suppliers"'):
        assert link in body


def test_it_answers_only_get(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
