import pytest

from core.models import AuditEvent
from guides.tests.factories import GuideFactory
from guides.views.manage import unprotect

pytestmark = pytest.mark.django_db

URL = "/manage/guides/bins/unprotect"


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins", is_protected=True)


def test_it_is_for_moderators_only(client, member, guide):
    assert unprotect.access_rule == "staff"
    assert client.post(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(URL).status_code == 403
    guide.refresh_from_db()
    assert guide.is_protected


def test_it_stops_protecting_the_guide(sign_in_verified, moderator, guide):
    client = sign_in_verified(moderator)
    response = client.post(URL)

    assert response.url == "/manage/guides/bins"
    guide.refresh_from_db()
    assert not guide.is_protected
    assert AuditEvent.objects.get(action="guides.guide_unprotected", object_id=str(guide.pk)).actor == moderator
    assert "Members can edit it again" in client.get(response.url).content.decode()


def test_it_refuses_a_get(sign_in_verified, moderator, guide):
    assert sign_in_verified(moderator).get(URL).status_code == 405
