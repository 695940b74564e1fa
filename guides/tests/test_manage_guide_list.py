import pytest

from guides.tests.factories import GuideFactory
from guides.views.manage import guide_list

pytestmark = pytest.mark.django_db

URL = "/manage/guides"


def test_it_is_for_moderators_only(client, sign_in_verified, member, assessor):
    assert guide_list.access_rule == "staff"
    assert client.get(URL).url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert sign_in_verified(assessor).get(URL).status_code == 403


def test_it_lists_every_guide_with_whether_it_is_protected(sign_in_verified, moderator):
    GuideFactory(title="Bins", slug="bins", is_protected=True)
    GuideFactory(title="Accessibility", slug="accessibility")
    page = sign_in_verified(moderator).get(URL).content.decode()

    assert page.index("Accessibility") < page.index("Bins")
    assert 'href="/manage/guides/bins"' in page
    assert "Protected</strong>" in page and "Open to edit</strong>" in page
    assert 'href="/manage/guides/people/blocked"' in page


def test_a_programme_admin_may_see_it(sign_in_verified, programme_admin):
    assert sign_in_verified(programme_admin).get(URL).status_code == 200


def test_it_runs_the_same_queries_however_many_guides(sign_in_verified, moderator, django_assert_max_num_queries):
    client = sign_in_verified(moderator)
    GuideFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    GuideFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_refuses_a_post(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
