import pytest

from core.models import AuditEvent
from guides.tests.factories import CommentFactory, GuideFactory
from guides.views.manage import hide_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins")


@pytest.fixture
def comment(guide):
    return CommentFactory(guide=guide, body="Buy our bins")


def url(comment) -> str:
    return f"/manage/guides/bins/talk/{comment.pk}/hide"


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor, comment):
    assert hide_comment.access_rule == "staff"
    assert client.post(url(comment), {"reason": "Advertising"}).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(url(comment), {"reason": "Advertising"}).status_code == 403
    assert sign_in_verified(assessor).post(url(comment), {"reason": "Advertising"}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_it_hides_the_message_from_the_talk_page(client, sign_in_verified, moderator, comment):
    staff = sign_in_verified(moderator)
    assert "Buy our bins" in staff.get(url(comment)).content.decode()
    response = staff.post(url(comment), {"reason": "Advertising"})

    assert response.status_code == 302 and response.url == "/manage/guides/bins/talk"
    comment.refresh_from_db()
    assert comment.is_hidden
    event = AuditEvent.objects.get(action="guides.comment_hidden")
    assert (event.actor, event.reason) == (moderator, "Advertising")
    assert "The message is hidden from the talk page" in staff.get(response.url).content.decode()
    staff.logout()
    assert "Buy our bins" not in client.get("/guides/bins/talk").content.decode()


def test_it_asks_for_a_reason(sign_in_verified, moderator, comment):
    page = sign_in_verified(moderator).post(url(comment), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why you are hiding the message</a>' in page
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_it_says_a_hidden_message_is_hidden_already(sign_in_verified, moderator, comment):
    comment.is_hidden = True
    comment.save()
    page = sign_in_verified(moderator).post(url(comment), {"reason": "Advertising"}).content.decode()
    assert "This message is hidden already" in page
    assert not AuditEvent.objects.filter(action="guides.comment_hidden").exists()


def test_it_does_not_find_a_message_on_another_guide(sign_in_verified, moderator, comment):
    GuideFactory(slug="other")
    assert sign_in_verified(moderator).get(f"/manage/guides/other/talk/{comment.pk}/hide").status_code == 404


def test_it_refuses_other_methods(sign_in_verified, moderator, comment):
    assert sign_in_verified(moderator).put(url(comment)).status_code == 405
