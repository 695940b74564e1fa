import pytest

from tender.tests.factories import NeedFactory
from tender.views.manage import need_review

pytestmark = pytest.mark.django_db


def url(need) -> str:
    return f"/manage/tender/needs/{need.pk}"


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    need = NeedFactory(submitted=True)
    assert need_review.access_rule == "staff"
    assert client.get(url(need)).status_code == 302
    assert sign_in_verified(member).get(url(need)).status_code == 403


def test_it_shows_the_need_with_its_author_and_the_decisions(sign_in_verified, moderator):
    need = NeedFactory(submitted=True, author__email="priya@leeds.example.gov.uk", problem="Residents *phone*.")
    body = sign_in_verified(moderator).get(url(need)).content.decode()
    assert "priya@leeds.example.gov.uk" in body
    assert "<em>phone</em>" in body
    assert f'action="/manage/tender/needs/{need.pk}/publish"' in body
    assert f'href="/manage/tender/needs/{need.pk}/reject"' in body


def test_it_offers_no_decision_on_a_published_need(sign_in_verified, moderator):
    need = NeedFactory()
    body = sign_in_verified(moderator).get(url(need)).content.decode()
    assert "/publish" not in body and "/reject" not in body
    assert f'href="/tender/needs/{need.slug}"' in body


def test_it_does_not_find_a_need_that_does_not_exist(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/tender/needs/999").status_code == 404
