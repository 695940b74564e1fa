import pytest

from accounts.tests.factories import UserFactory
from guides.models import LICENCE_NAME
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise
from guides.views.reading import revision
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def research():
    guide = GuideFactory(
        title="Running a user research session", slug="user-research", body="## Before\n\nBook a room."
    )
    revise(guide, title="Running user research", body="## Before\n\nBook a quiet room.", summary="Quieter rooms")
    return guide


def test_it_is_public(client, research):
    assert revision.access_rule == "public"
    assert client.get("/guides/user-research/revisions/1").status_code == 200


def test_it_refuses_post(client, research):
    assert client.post("/guides/user-research/revisions/1").status_code == 405


def test_it_shows_an_old_revisions_text_and_title_as_they_were(client, research):
    content = client.get("/guides/user-research/revisions/1").content.decode()

    assert '<h1 class="govuk-heading-xl">Running a user research session</h1>' in content
    assert "Book a room." in content and "Book a quiet room." not in content
    assert "This is an old version of the guide." in content
    assert 'href="/guides/user-research"' in content
    assert 'href="/guides/user-research/compare?from=1&amp;to=2"' in content
    assert 'href="/guides/user-research/revisions/1/revert"' in content
    assert '<meta name="robots" content="noindex">' in content
    assert LICENCE_NAME in content


def test_it_says_when_a_revision_is_the_current_one(client, research):
    content = client.get("/guides/user-research/revisions/2").content.decode()

    assert "This is the current version of the guide." in content
    assert "This is an old version" not in content
    assert "/revert" not in content


def test_it_offers_putting_a_protected_guide_back_to_staff_only(client, research, sign_in_verified, moderator):
    research.is_protected = True
    research.save()
    revert = 'href="/guides/user-research/revisions/1/revert"'

    assert revert not in client.get("/guides/user-research/revisions/1").content.decode()

    sign_in_verified(moderator)
    assert revert in client.get("/guides/user-research/revisions/1").content.decode()


def test_it_says_who_saved_it_as_the_public_sees_them(client, research):
    revise(
        research,
        author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"),
        author_organisation=OrganisationFactory(name="Bristol City Council"),
        author_display_name="Zeb Q",
    )

    content = client.get("/guides/user-research/revisions/3").content.decode()

    assert "by Zeb Q, Bristol City Council" in content
    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_does_not_find_a_hidden_revision(client, research):
    revise(research, body="Spam from a vandal", hidden=True)

    response = client.get("/guides/user-research/revisions/3")

    assert response.status_code == 404
    assert "Spam from a vandal" not in response.content.decode()


@pytest.mark.parametrize("number", [4, 99, 2_147_483_648, 10**30])
def test_it_does_not_find_a_revision_that_does_not_exist(client, research, number):
    assert client.get(f"/guides/user-research/revisions/{number}").status_code == 404


def test_it_does_not_find_another_guides_revision(client, research):
    GuideFactory(slug="other-guide")

    assert client.get("/guides/other-guide/revisions/2").status_code == 404


def test_it_runs_a_bounded_number_of_queries(client, research, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get("/guides/user-research/revisions/1")
