import pytest

from accounts.tests.factories import UserFactory
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise
from guides.views.reading import compare
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/guides/user-research/compare"


@pytest.fixture
def research():
    guide = GuideFactory(
        title="Running a user research session",
        slug="user-research",
        body="## Before\n\nBook a room.\n\nRecruit five people.",
    )
    revise(
        guide,
        body="## Before\n\nBook a quiet room.\n\nRecruit five people.\n\nPay them for their time.",
        summary="Quieter rooms and paying people",
        author_organisation=OrganisationFactory(name="Leeds City Council"),
        author_display_name="Sam K",
    )
    return guide


def error_summary(response) -> list[tuple[str, str]]:
    return response.context["form"].error_summary()


def test_it_is_public(client, research):
    assert compare.access_rule == "public"
    assert client.get(URL, {"from": 1, "to": 2}).status_code == 200


def test_it_refuses_post(client, research):
    assert client.post(URL, {"from": 1, "to": 2}).status_code == 405


def test_it_shows_the_lines_added_and_removed_in_words_as_well_as_marks(client, research):
    response = client.get(URL, {"from": 1, "to": 2})

    content = response.content.decode()
    assert "Changes from revision 1 to revision 2" in content
    assert "3 lines added, 1 line removed." in content
    assert (
        '<del class="app-guide-diff__text"><span class="govuk-visually-hidden">Removed: </span>Book a room.</del>'
        in content
    )
    assert (
        '<ins class="app-guide-diff__text"><span class="govuk-visually-hidden">Added: </span>Book a quiet room.</ins>'
        in content
    )
    assert "Pay them for their time.</ins>" in content
    assert '<span class="app-guide-diff__text">Recruit five people.</span>' in content
    assert "by Sam K, Leeds City Council" in content and "Quieter rooms and paying people" in content
    assert 'href="/guides/user-research/revisions/1"' in content


def test_it_compares_in_the_order_asked(client, research):
    content = client.get(URL, {"from": 2, "to": 1}).content.decode()

    assert "Changes from revision 2 to revision 1" in content
    assert '<span class="govuk-visually-hidden">Removed: </span>Pay them for their time.</del>' in content


def test_it_shows_a_change_of_title(client, research):
    revise(research, title="Running user research", body=research.current_revision.body)

    content = client.get(URL, {"from": 2, "to": 3}).content.decode()

    assert "Changed from “Running a user research session” to “Running user research”" in content
    assert "The text of these revisions is the same." in content


def test_it_asks_for_two_revisions_when_given_none(client, research):
    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Compare revisions</h1>' in content
    assert 'name="from"' in content and 'name="to"' in content
    assert "There is a problem" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"from": 1}, [("#id_to", "Enter the number of the revision to compare to")]),
        ({"from": "one", "to": 2}, [("#id_from", "The revision to compare from must be a whole number, like 3")]),
        ({"from": 0, "to": 2}, [("#id_from", "Enter the number of a revision in this guide’s history")]),
        ({"from": 1, "to": 10**30}, [("#id_to", "Enter the number of a revision in this guide’s history")]),
        ({"from": 1, "to": 7}, [("#id_to", "There is no revision 7 in this guide’s history")]),
        ({"from": 2, "to": 2}, [("#id_to", "Choose a different revision to compare with")]),
    ],
)
def test_it_explains_what_is_wrong_with_the_revisions_asked_for(client, research, query, expected):
    response = client.get(URL, query)

    assert response.status_code == 200
    assert error_summary(response) == expected
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert 'id="diff"' not in content


def test_it_treats_a_hidden_revision_as_one_that_does_not_exist(client, research):
    revise(research, body="Spam from a vandal", hidden=True)

    response = client.get(URL, {"from": 2, "to": 3})

    assert error_summary(response) == [("#id_to", "There is no revision 3 in this guide’s history")]
    assert "Spam from a vandal" not in response.content.decode()


def test_it_does_not_compare_another_guides_revisions(client, research):
    other = GuideFactory(slug="other-guide", body="Another guide’s words")

    response = client.get(f"/guides/{other.slug}/compare", {"from": 1, "to": 2})

    assert error_summary(response) == [("#id_to", "There is no revision 2 in this guide’s history")]


def test_it_does_not_find_a_guide_that_does_not_exist(client):
    assert client.get("/guides/no-such-guide/compare", {"from": 1, "to": 2}).status_code == 404


def test_it_never_shows_an_authors_name_or_email(client, research):
    revise(research, author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(URL, {"from": 2, "to": 3}).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_runs_a_bounded_number_of_queries(client, research, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(URL, {"from": 1, "to": 2})
