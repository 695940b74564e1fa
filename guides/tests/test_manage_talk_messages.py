import pytest

from accounts.tests.factories import UserFactory
from guides.tests.factories import CommentFactory, GuideFactory
from guides.views.manage import talk_messages
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/manage/guides/bins/talk"


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins")


def test_it_is_for_moderators_only(client, member, guide):
    assert talk_messages.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_it_shows_every_message_newest_first_with_hidden_ones_marked(sign_in_verified, moderator, guide):
    hidden = CommentFactory(guide=guide, body="Buy our bins", is_hidden=True)
    shown = CommentFactory(guide=guide, body="Collection days?", author=UserFactory(email="priya@example.gov.uk"))
    CommentFactory(body="On another guide")
    page = sign_in_verified(moderator).get(URL).content.decode()

    assert page.index("Collection days?") < page.index("Buy our bins")
    assert "On another guide" not in page
    assert "priya@example.gov.uk" in page
    assert f'href="/manage/guides/bins/talk/{shown.pk}/hide"' in page
    assert f'href="/manage/guides/bins/talk/{hidden.pk}/hide"' not in page


def test_it_runs_the_same_queries_however_many_messages(
    sign_in_verified, moderator, guide, django_assert_max_num_queries
):
    client = sign_in_verified(moderator)
    CommentFactory.create_batch(2, guide=guide, author_organisation=OrganisationFactory())
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    CommentFactory.create_batch(30, guide=guide, author_organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_refuses_a_post(sign_in_verified, moderator, guide):
    assert sign_in_verified(moderator).post(URL).status_code == 405
