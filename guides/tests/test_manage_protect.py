import pytest

from core.models import AuditEvent
from guides.tests.factories import GuideFactory
from guides.views.manage import protect

pytestmark = pytest.mark.django_db

URL = "/manage/guides/bins/protect"


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins")


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor, guide):
    assert protect.access_rule == "staff"
    assert client.post(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(URL).status_code == 403
    assert sign_in_verified(assessor).post(URL).status_code == 403
    guide.refresh_from_db()
    assert not guide.is_protected


def test_it_protects_the_guide(sign_in_verified, moderator, guide):
    client = sign_in_verified(moderator)
    response = client.post(URL)

    assert response.status_code == 302 and response.url == "/manage/guides/bins"
    guide.refresh_from_db()
    assert guide.is_protected
    assert AuditEvent.objects.get(action="guides.guide_protected", object_id=str(guide.pk)).actor == moderator
    assert "The guide is protected. Only staff can edit it now" in client.get(response.url).content.decode()


def test_it_says_when_the_guide_is_protected_already(sign_in_verified, moderator, guide):
    guide.is_protected = True
    guide.save()
    page = sign_in_verified(moderator).post(URL).content.decode()
    assert '<a href="#main-content">This guide is already protected</a>' in page
    assert not AuditEvent.objects.filter(action="guides.guide_protected").exists()


def test_it_does_not_find_a_guide_that_does_not_exist(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/guides/no-such-guide/protect").status_code == 404


def test_it_refuses_a_get(sign_in_verified, moderator, guide):
    assert sign_in_verified(moderator).get(URL).status_code == 405
    guide.refresh_from_db()
    assert not guide.is_protected
