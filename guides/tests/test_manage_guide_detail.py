import pytest

from accounts.tests.factories import UserFactory
from guides.tests.factories import GuideFactory, RevisionFactory
from guides.views.manage import guide_detail
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/manage/guides/bins"


@pytest.fixture
def guide():
    return GuideFactory(title="Bins", slug="bins")


def test_it_is_for_moderators_only(client, sign_in_verified, member, guide):
    assert guide_detail.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_it_shows_every_revision_with_who_saved_it_and_what_is_hidden(sign_in_verified, moderator, guide):
    RevisionFactory(
        guide=guide,
        number=2,
        summary="Advert",
        is_hidden=True,
        hidden_reason="Advertising",
        author=UserFactory(email="spam@example.com"),
    )
    RevisionFactory(
        guide=guide,
        number=3,
        summary="Added collection days",
        author=UserFactory(email="priya@testshire.example.gov.uk"),
        author_organisation=OrganisationFactory(name="Testshire County Council"),
        author_display_name="Priya",
    )
    page = sign_in_verified(moderator).get(URL).content.decode()

    assert page.index('id="revision-3"') < page.index('id="revision-2"') < page.index('id="revision-1"')
    assert "Advertising" in page and "Hidden</strong>" in page
    assert "priya@testshire.example.gov.uk" in page and "Priya, Testshire County Council" in page
    assert 'href="/manage/guides/bins/revisions/3/hide"' in page
    assert 'href="/manage/guides/bins/revisions/2/hide"' not in page
    assert 'action="/manage/guides/bins/protect"' in page
    assert 'href="/manage/guides/bins/talk"' in page


def test_it_offers_to_stop_protecting_a_protected_guide(sign_in_verified, moderator, guide):
    guide.is_protected = True
    guide.save()
    page = sign_in_verified(moderator).get(URL).content.decode()
    assert 'action="/manage/guides/bins/unprotect"' in page
    assert 'action="/manage/guides/bins/protect"' not in page


def test_it_runs_the_same_queries_however_many_revisions(
    sign_in_verified, moderator, guide, django_assert_max_num_queries
):
    client = sign_in_verified(moderator)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for number in range(2, 40):
        RevisionFactory(guide=guide, number=number, author_organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_does_not_find_a_guide_that_does_not_exist(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/guides/no-such-guide").status_code == 404


def test_it_refuses_a_post(sign_in_verified, moderator, guide):
    assert sign_in_verified(moderator).post(URL).status_code == 405
