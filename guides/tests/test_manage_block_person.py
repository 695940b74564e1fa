import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from guides.models import EditingBlock
from guides.tests.factories import GuideFactory
from guides.views.manage import block_person

pytestmark = pytest.mark.django_db

URL = "/manage/guides/people/block"


@pytest.fixture
def editor():
    return MembershipFactory(user__email="spam@testshire.example.gov.uk").user


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor, editor):
    assert block_person.access_rule == "staff"
    data = {"email": editor.email, "reason": "Advertising"}
    assert client.post(URL, data).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.post(URL, data).status_code == 403
    assert sign_in_verified(assessor).post(URL, data).status_code == 403
    assert not EditingBlock.objects.exists()


def test_it_blocks_the_person_from_editing_and_talk_pages(client, sign_in_verified, moderator, editor):
    staff = sign_in_verified(moderator)
    response = staff.post(URL, {"email": " Spam@Testshire.example.gov.uk ", "reason": "Advertising"})

    assert response.status_code == 302 and response.url == "/manage/guides/people/blocked"
    block = EditingBlock.objects.get()
    assert (block.user, block.reason, block.blocked_by) == (editor, "Advertising", moderator)
    assert AuditEvent.objects.get(action="guides.editor_blocked").reason == "Advertising"
    assert "cannot edit guides or write on talk pages now" in staff.get(response.url).content.decode()
    GuideFactory(slug="bins")
    staff.logout()
    client.force_login(editor)
    assert 'id="add-message"' not in client.get("/guides/bins/talk").content.decode()


def test_it_asks_for_an_email_address_and_a_reason(sign_in_verified, moderator):
    page = sign_in_verified(moderator).post(URL, {"email": "", "reason": ""}).content.decode()
    assert '<a href="#id_email">Enter the email address of the person to block</a>' in page
    assert '<a href="#id_reason">Enter why you are blocking them</a>' in page
    assert not EditingBlock.objects.exists()


def test_it_says_when_there_is_no_such_account(sign_in_verified, moderator):
    page = sign_in_verified(moderator).post(URL, {"email": "nobody@example.com", "reason": "Spam"}).content.decode()
    assert "There is no account with this email address" in page
    assert not EditingBlock.objects.exists()


def test_it_says_when_they_are_blocked_already(sign_in_verified, moderator, editor):
    EditingBlock.objects.create(user=editor, reason="Spam")
    page = sign_in_verified(moderator).post(URL, {"email": editor.email, "reason": "Again"}).content.decode()
    assert "They are already blocked from editing" in page
    assert EditingBlock.objects.get().reason == "Spam"


def test_it_refuses_to_block_staff(sign_in_verified, moderator):
    other = UserFactory(moderator=True, email="mo2@localdigital.example")
    page = sign_in_verified(moderator).post(URL, {"email": other.email, "reason": "Spam"}).content.decode()
    assert "Programme staff cannot be blocked from editing" in page
    assert not EditingBlock.objects.exists()


def test_it_refuses_other_methods(sign_in_verified, moderator):
    assert sign_in_verified(moderator).put(URL).status_code == 405
