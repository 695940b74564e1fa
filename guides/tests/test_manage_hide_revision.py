import pytest

from core.models import AuditEvent
from guides.tests.factories import GuideFactory, RevisionFactory
from guides.views.manage import hide_revision

pytestmark = pytest.mark.django_db

URL = "/manage/guides/bins/revisions/2/hide"


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins")


@pytest.fixture
def revision(guide):
    revision = RevisionFactory(guide=guide, number=2, summary="Advert", body="Buy our bins")
    guide.current_revision = revision
    guide.save()
    return revision


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor, revision):
    assert hide_revision.access_rule == "staff"
    assert client.post(URL, {"reason": "Advertising"}).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(URL, {"reason": "Advertising"}).status_code == 403
    assert sign_in_verified(assessor).post(URL, {"reason": "Advertising"}).status_code == 403
    revision.refresh_from_db()
    assert not revision.is_hidden


def test_it_shows_the_revision_and_asks_why(sign_in_verified, moderator, revision):
    page = sign_in_verified(moderator).get(URL).content.decode()
    assert "Hide revision 2" in page
    assert "Buy our bins" in page
    assert 'name="reason"' in page and 'name="csrfmiddlewaretoken"' in page


def test_it_hides_the_revision_and_the_guide_shows_the_one_before(sign_in_verified, moderator, guide, revision):
    client = sign_in_verified(moderator)
    response = client.post(URL, {"reason": "Advertising"})

    assert response.status_code == 302 and response.url == "/manage/guides/bins"
    revision.refresh_from_db()
    guide.refresh_from_db()
    assert (revision.is_hidden, revision.hidden_reason) == (True, "Advertising")
    assert guide.current_revision.number == 1
    event = AuditEvent.objects.get(action="guides.revision_hidden")
    assert (event.actor, event.reason) == (moderator, "Advertising")
    assert "Revision 2 is hidden from the public" in client.get(response.url).content.decode()


def test_it_asks_for_a_reason(sign_in_verified, moderator, revision):
    page = sign_in_verified(moderator).post(URL, {"reason": " "}).content.decode()
    assert '<a href="#id_reason">Enter why you are hiding the revision</a>' in page
    revision.refresh_from_db()
    assert not revision.is_hidden


def test_it_says_why_it_cannot_hide_the_only_visible_revision(sign_in_verified, moderator, guide):
    page = sign_in_verified(moderator).post("/manage/guides/bins/revisions/1/hide", {"reason": "Spam"})
    assert "only visible revision, so it cannot be hidden" in page.content.decode()
    guide.current_revision.refresh_from_db()
    assert not guide.current_revision.is_hidden


def test_it_does_not_find_a_revision_of_another_guide(sign_in_verified, moderator, revision):
    GuideFactory(slug="other")
    assert sign_in_verified(moderator).get("/manage/guides/other/revisions/2/hide").status_code == 404


def test_it_refuses_other_methods(sign_in_verified, moderator, revision):
    assert sign_in_verified(moderator).put(URL).status_code == 405
