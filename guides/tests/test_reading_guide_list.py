import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from guides.models import LICENCE_NAME, Category, GuideLink
from guides.queries import GUIDES_PER_CATEGORY, RECENTLY_CHANGED
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise, saved_days_ago
from guides.views.reading import guide_list
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("guides:list")


def test_it_is_public(client):
    assert guide_list.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_says_what_guides_are_who_may_write_them_and_their_licence(client):
    content = client.get(URL).content.decode()

    assert "Anyone who works at a public sector organisation can write a new guide" in content
    assert LICENCE_NAME in content
    assert f'href="{reverse("guides:new")}"' in content
    assert f'href="{reverse("guides:recent_changes")}"' in content
    assert f'href="{reverse("guides:recent_changes_atom")}"' in content


def test_it_lists_guides_under_each_category_by_title(client):
    GuideFactory(title="Writing a data standard", slug="data-standard", category=Category.DATA_STANDARDS)
    GuideFactory(title="Accessible forms", slug="accessible-forms", category=Category.SERVICE_PATTERNS)
    GuideFactory(title="Address lookups", slug="address-lookups", category=Category.SERVICE_PATTERNS)

    response = client.get(URL)

    summaries = {summary.category: summary for summary in response.context["categories"]}
    assert list(summaries) == list(Category)
    assert [guide.title for guide in summaries[Category.SERVICE_PATTERNS].guides] == [
        "Accessible forms",
        "Address lookups",
    ]
    assert summaries[Category.PROCUREMENT].count == 0
    content = response.content.decode()
    assert 'href="/guides/category/service-patterns"' in content
    assert 'href="/guides/data-standard"' in content
    assert "There are no guides in this category yet." in content


def test_it_shows_the_first_few_of_a_big_category_and_links_to_the_rest(client):
    for n in range(GUIDES_PER_CATEGORY + 2):
        GuideFactory(title=f"Procurement guide {n:02}", category=Category.PROCUREMENT)

    response = client.get(URL)

    procurement = next(s for s in response.context["categories"] if s.category == Category.PROCUREMENT)
    assert [guide.title for guide in procurement.guides] == [
        f"Procurement guide {n:02}" for n in range(GUIDES_PER_CATEGORY)
    ]
    assert f"See all {GUIDES_PER_CATEGORY + 2} guides in Procurement" in response.content.decode()


def test_it_lists_the_most_recently_changed_guides_with_who_changed_them(client):
    older = GuideFactory(title="Older guide")
    saved_days_ago(older.current_revision, 10)
    newer = GuideFactory(title="Newer guide")
    saved_days_ago(newer.current_revision, 5)
    saved_days_ago(
        revise(older, author_organisation=OrganisationFactory(name="Leeds City Council"), author_display_name="Sam K"),
        1,
    )
    for _ in range(RECENTLY_CHANGED):
        saved_days_ago(GuideFactory().current_revision, 20)

    response = client.get(URL)

    recent = response.context["recently_changed"]
    assert len(recent) == RECENTLY_CHANGED
    assert [guide.title for guide in recent[:2]] == ["Older guide", "Newer guide"]
    assert "by Sam K, Leeds City Council" in response.content.decode()


def test_it_lists_the_guides_linked_to_most(client):
    popular, useful, unlinked = GuideFactory(title="Popular"), GuideFactory(title="Useful"), GuideFactory()
    others = GuideFactory.create_batch(3)
    for other in others:
        GuideLink.objects.create(from_guide=other, to_guide=popular)
    GuideLink.objects.create(from_guide=others[0], to_guide=useful)

    response = client.get(URL)

    assert [(guide.title, guide.link_count) for guide in response.context["most_linked"]] == [
        ("Popular", 3),
        ("Useful", 1),
    ]
    assert "linked from 3 guides" in response.content.decode()
    assert unlinked not in response.context["most_linked"]


def test_it_leaves_out_a_guide_whose_every_revision_is_hidden(client):
    guide = GuideFactory(title="Withdrawn guide")
    guide.current_revision.is_hidden = True
    guide.current_revision.save()
    guide.current_revision = None
    guide.save()

    assert "Withdrawn guide" not in client.get(URL).content.decode()


def test_it_never_shows_an_authors_name_or_email(client):
    guide = GuideFactory()
    revise(guide, author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"))

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_guides(client, rows, django_assert_num_queries):
    for n in range(rows):
        guide = GuideFactory(category=list(Category)[n % len(Category)])
        revise(guide, author_organisation=OrganisationFactory())
        GuideLink.objects.create(from_guide=guide, to_guide=GuideFactory())

    with django_assert_num_queries(4):
        client.get(URL)
