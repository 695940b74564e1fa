import pytest
from django.http import Http404

from organisations import queries
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_lists_co_publishers_in_the_declarations_order():
    third = OrganisationFactory(co_publisher_number=3)
    first = OrganisationFactory(co_publisher_number=1)
    OrganisationFactory()

    assert list(queries.co_publishers()) == [first, third]


def test_it_sorts_names_whatever_their_case():
    OrganisationFactory(name="iStand UK")
    OrganisationFactory(name="Innovate UK")
    OrganisationFactory(name="Islington")

    assert [org.name for org in queries.search_organisations().object_list] == ["Innovate UK", "Islington", "iStand UK"]


def test_it_searches_the_name_the_declaration_uses():
    OrganisationFactory(name="London Borough of Harrow", co_publisher_name="Harrow Council")

    assert [org.name for org in queries.search_organisations(q="harrow council").object_list] == [
        "London Borough of Harrow"
    ]


def test_it_lists_each_region_once():
    OrganisationFactory(region="London")
    OrganisationFactory(region="London")
    OrganisationFactory(region="Wales")
    OrganisationFactory(region="")

    assert queries.regions() == ["London", "Wales"]


def test_it_raises_404_for_an_unknown_slug():
    with pytest.raises(Http404):
        queries.get_organisation("nowhere")
