import pytest

from accounts.tests.factories import UserFactory
from guides.models import EditingBlock
from guides.views.manage import blocked_people

pytestmark = pytest.mark.django_db

URL = "/manage/guides/people/blocked"


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor):
    assert blocked_people.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert sign_in_verified(assessor).get(URL).status_code == 403


def test_it_lists_everyone_blocked_with_why(sign_in_verified, moderator):
    block = EditingBlock.objects.create(
        user=UserFactory(email="spam@example.com"), reason="Advertising", blocked_by=moderator
    )
    page = sign_in_verified(moderator).get(URL).content.decode()

    assert "spam@example.com" in page and "Advertising" in page
    assert f'action="/manage/guides/people/blocked/{block.pk}/unblock"' in page
    assert 'href="/manage/guides/people/block"' in page


def test_it_says_when_no_one_is_blocked(sign_in_verified, moderator):
    assert "No one is blocked from editing guides." in sign_in_verified(moderator).get(URL).content.decode()


def test_it_runs_the_same_queries_however_many_people(sign_in_verified, moderator, django_assert_max_num_queries):
    client = sign_in_verified(moderator)
    for _ in range(2):
        EditingBlock.objects.create(user=UserFactory(), reason="Spam", blocked_by=moderator)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for _ in range(30):
        EditingBlock.objects.create(user=UserFactory(), reason="Spam", blocked_by=UserFactory(moderator=True))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_refuses_a_post(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
