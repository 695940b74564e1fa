import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from guides.models import Category
from guides.queries import PAGE_SIZE
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise
from guides.views.reading import category
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("guides:category", args=[Category.DATA_STANDARDS])


def titles(response) -> list[str]:
    return [guide.title for guide in response.context["page"].object_list]


def test_it_is_public_at_an_address_with_hyphens(client):
    assert category.access_rule == "public"
    assert URL == "/guides/category/data-standards"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("address", ["/guides/category/gardening", "/guides/category/data_standards"])
def test_it_does_not_find_a_category_that_does_not_exist(client, address):
    assert client.get(address).status_code == 404


def test_it_lists_the_categorys_guides_by_title_with_when_each_changed(client):
    GuideFactory(title="Publishing open data", category=Category.DATA_STANDARDS)
    naming = GuideFactory(title="Naming datasets", category=Category.DATA_STANDARDS)
    GuideFactory(title="Buying a case management system", category=Category.PROCUREMENT)
    revise(naming, author_organisation=OrganisationFactory(name="Hackney Council"))

    response = client.get(URL)

    assert titles(response) == ["Naming datasets", "Publishing open data"]
    content = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Data standards</h1>' in content
    assert "2 guides" in content
    assert f'href="{naming.get_absolute_url()}"' in content
    assert "by Hackney Council" in content


def test_it_says_when_the_category_has_no_guides(client):
    assert "There are no guides in this category yet." in client.get(URL).content.decode()


def test_it_never_shows_an_authors_name_or_email(client):
    revise(
        GuideFactory(category=Category.DATA_STANDARDS),
        author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"),
    )

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_pages_through_a_long_category(client):
    for n in range(PAGE_SIZE + 1):
        GuideFactory(title=f"Data guide {n:03}", category=Category.DATA_STANDARDS)

    assert len(titles(client.get(URL))) == PAGE_SIZE
    assert titles(client.get(URL, {"page": 2})) == [f"Data guide {PAGE_SIZE:03}"]


@pytest.mark.parametrize("rows", [2, 20])
def test_it_runs_the_same_queries_however_many_guides(client, rows, django_assert_num_queries):
    for _ in range(rows):
        revise(GuideFactory(category=Category.DATA_STANDARDS), author_organisation=OrganisationFactory())

    with django_assert_num_queries(2):
        client.get(URL)
