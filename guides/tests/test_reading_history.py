import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from guides.queries import HISTORY_PAGE_SIZE
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise
from guides.views.reading import history
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/guides/user-research/history"


@pytest.fixture
def research():
    return GuideFactory(title="Running a user research session", slug="user-research")


def numbers(response) -> list[int]:
    return [revision.number for revision in response.context["page"].object_list]


def test_it_is_public(client, research):
    assert history.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client, research):
    assert client.post(URL).status_code == 405


def test_it_does_not_find_the_history_of_a_guide_that_does_not_exist(client):
    assert client.get("/guides/no-such-guide/history").status_code == 404


def test_it_lists_the_revisions_newest_first_with_who_saved_each_and_why(client, research):
    revise(
        research,
        summary="Added how to pay participants",
        author_organisation=OrganisationFactory(name="Leeds City Council"),
        author_display_name="Sam K",
    )
    revise(research, summary="Fixed a typo", author_organisation=OrganisationFactory(name="Hackney Council"))

    response = client.get(URL)

    assert numbers(response) == [3, 2, 1]
    content = response.content.decode()
    assert "by Sam K, Leeds City Council" in content and "Added how to pay participants" in content
    assert "by Hackney Council" in content and "Fixed a typo" in content
    assert f'href="{reverse("guides:revision", args=["user-research", 2])}"' in content
    assert 'href="/guides/user-research/compare?from=2&amp;to=3"' in content


def test_it_leaves_out_hidden_revisions(client, research):
    revise(research, summary="Added spam links", hidden=True)
    revise(research, summary="Removed the spam")

    response = client.get(URL)

    assert numbers(response) == [3, 1]
    content = response.content.decode()
    assert "Added spam links" not in content
    assert 'href="/guides/user-research/revisions/2"' not in content
    # What changed in revision 3 is shown against the last visible revision before it.
    assert 'href="/guides/user-research/compare?from=1&amp;to=3"' in content


def test_it_offers_two_revisions_to_compare_the_newest_two_chosen(client, research):
    revise(research)
    revise(research)

    content = client.get(URL).content.decode()

    assert f'action="{reverse("guides:compare", args=["user-research"])}"' in content
    assert 'method="get"' in content
    assert 'name="to" type="radio" value="3" checked' in content
    assert 'name="from" type="radio" value="2" checked' in content
    assert 'name="from" type="radio" value="3">' in content
    assert "Compare from revision 1" in content and "Compare to revision 1" in content


def test_it_offers_no_comparison_for_a_single_revision(client, research):
    assert "Compare the chosen revisions" not in client.get(URL).content.decode()


def test_it_never_shows_an_authors_name_or_email(client, research):
    revise(research, author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_pages_through_a_long_history(client, research):
    for _ in range(HISTORY_PAGE_SIZE):
        revise(research)

    assert numbers(client.get(URL))[-1] == 2
    assert numbers(client.get(URL, {"page": 2})) == [1]


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_revisions(client, research, rows, django_assert_num_queries):
    for _ in range(rows):
        revise(research, author_organisation=OrganisationFactory())

    with django_assert_num_queries(3):
        client.get(URL)
