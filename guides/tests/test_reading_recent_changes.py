import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from guides.queries import RECENT_CHANGES_PAGE_SIZE
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise, saved_days_ago
from guides.views.reading import recent_changes
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("guides:recent_changes")


def changes(response) -> list[tuple[str, int]]:
    return [(revision.guide.title, revision.number) for revision in response.context["page"].object_list]


def test_it_is_public(client):
    assert recent_changes.access_rule == "public"
    assert URL == "/guides/recent-changes"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_lists_every_guides_changes_newest_first(client):
    research = GuideFactory(title="User research", slug="user-research")
    saved_days_ago(research.current_revision, 9)
    forms = GuideFactory(title="Accessible forms")
    saved_days_ago(forms.current_revision, 5)
    saved_days_ago(
        revise(
            research,
            summary="Added how to pay participants",
            author_organisation=OrganisationFactory(name="Leeds City Council"),
            author_display_name="Sam K",
        ),
        1,
    )

    response = client.get(URL)

    assert changes(response) == [("User research", 2), ("Accessible forms", 1), ("User research", 1)]
    content = response.content.decode()
    assert "Added how to pay participants" in content and "by Sam K, Leeds City Council" in content
    assert 'href="/guides/user-research/compare?from=1&amp;to=2"' in content
    assert 'href="/guides/user-research/revisions/1"' in content
    assert f'href="{reverse("guides:recent_changes_atom")}"' in content


def test_it_leaves_out_hidden_revisions(client):
    research = GuideFactory(title="User research", slug="user-research")
    revise(research, summary="Added spam links", hidden=True)
    revise(research, summary="Removed the spam")

    response = client.get(URL)

    assert changes(response) == [("User research", 3), ("User research", 1)]
    content = response.content.decode()
    assert "Added spam links" not in content
    assert 'href="/guides/user-research/compare?from=1&amp;to=3"' in content


def test_it_never_shows_an_authors_name_or_email(client):
    revise(GuideFactory(), author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_pages_through_the_changes(client):
    guide = GuideFactory()
    for _ in range(RECENT_CHANGES_PAGE_SIZE):
        revise(guide)

    assert len(changes(client.get(URL))) == RECENT_CHANGES_PAGE_SIZE
    assert changes(client.get(URL, {"page": 2})) == [(guide.title, 1)]


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_changes(client, rows, django_assert_num_queries):
    for _ in range(rows):
        revise(GuideFactory(), author_organisation=OrganisationFactory())

    with django_assert_num_queries(2):
        client.get(URL)
