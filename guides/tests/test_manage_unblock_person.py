import pytest

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from guides.models import EditingBlock
from guides.views.manage import unblock_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def block():
    return EditingBlock.objects.create(user=UserFactory(email="spam@example.com"), reason="Advertising")


def url(block) -> str:
    return f"/manage/guides/people/blocked/{block.pk}/unblock"


def test_it_is_for_moderators_only(client, sign_in_verified, member, block):
    assert unblock_person.access_rule == "staff"
    assert client.post(url(block)).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(url(block)).status_code == 403
    assert EditingBlock.objects.exists()


def test_it_unblocks_the_person(sign_in_verified, moderator, block):
    client = sign_in_verified(moderator)
    response = client.post(url(block))

    assert response.status_code == 302 and response.url == "/manage/guides/people/blocked"
    assert not EditingBlock.objects.exists()
    assert AuditEvent.objects.get(action="guides.editor_unblocked").actor == moderator
    assert "spam@example.com can edit guides again" in client.get(response.url).content.decode()


def test_it_does_not_find_a_block_that_has_gone(sign_in_verified, moderator, block):
    client = sign_in_verified(moderator)
    client.post(url(block))
    assert client.post(url(block)).status_code == 404


def test_it_refuses_a_get(sign_in_verified, moderator, block):
    assert sign_in_verified(moderator).get(url(block)).status_code == 405
    assert EditingBlock.objects.exists()
