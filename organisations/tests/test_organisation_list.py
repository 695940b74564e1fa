import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Nation, OrganisationType
from organisations.queries import PAGE_SIZE
from organisations.tests.factories import OrganisationFactory
from organisations.views import organisation_list

pytestmark = pytest.mark.django_db

URL = reverse("organisations:list")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def test_it_is_public(client):
    OrganisationFactory(name="London Borough of Camden")

    response = client.get(URL)

    assert organisation_list.access_rule == "public"
    assert response.status_code == 200
    assert "London Borough of Camden" in response.content.decode()


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_shows_the_count(client):
    OrganisationFactory.create_batch(3)

    response = client.get(URL)

    assert "3 organisations" in response.content.decode()


def test_it_searches_names_whatever_the_case(client):
    OrganisationFactory(name="London Borough of Camden")
    OrganisationFactory(name="Leeds City Council")

    response = client.get(URL, {"q": "CAMDEN"})

    assert names(response) == ["London Borough of Camden"]


def test_it_searches_alternative_names(client):
    OrganisationFactory(name="City of Cardiff Council", alternative_names="Cardiff\nCaerdydd")
    OrganisationFactory(name="Leeds City Council")

    response = client.get(URL, {"q": "caerdydd"})

    assert names(response) == ["City of Cardiff Council"]


def test_it_filters_by_type(client):
    OrganisationFactory(name="Essex County Council", organisation_type=OrganisationType.COUNTY)
    OrganisationFactory(name="Harlow Council", organisation_type=OrganisationType.DISTRICT)
    OrganisationFactory(name="Camden", organisation_type=OrganisationType.LONDON_BOROUGH)

    response = client.get(URL, {"type": ["county", "district"]})

    assert names(response) == ["Essex County Council", "Harlow Council"]


def test_it_filters_by_nation_and_region(client):
    OrganisationFactory(name="Aberdeen City Council", nation=Nation.SCOTLAND, region="Scotland")
    OrganisationFactory(name="Leeds City Council", nation=Nation.ENGLAND, region="Yorkshire and The Humber")
    OrganisationFactory(name="Essex County Council", nation=Nation.ENGLAND, region="East of England")

    assert names(client.get(URL, {"nation": "scotland"})) == ["Aberdeen City Council"]
    assert names(client.get(URL, {"nation": "england", "region": "East of England"})) == ["Essex County Council"]


def test_it_leaves_out_ended_organisations_unless_asked(client):
    OrganisationFactory(name="Sedgemoor District Council", ended=True)
    OrganisationFactory(name="Somerset Council")

    assert names(client.get(URL)) == ["Somerset Council"]
    response = client.get(URL, {"include_ended": "on"})
    assert names(response) == ["Sedgemoor District Council", "Somerset Council"]
    assert '<strong class="govuk-tag govuk-tag--grey">Ended</strong>' in response.content.decode()


def test_it_shows_an_error_for_an_unknown_type(client):
    OrganisationFactory(name="Somerset Council")

    response = client.get(URL, {"type": "parish", "q": "somerset"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert '<a href="#id_type_0">Select types of organisation from the list</a>' in content
    assert 'class="govuk-error-message"' in content
    # The valid parts of the search still apply.
    assert names(response) == ["Somerset Council"]


def test_it_shows_an_error_for_an_unknown_region(client):
    response = client.get(URL, {"region": "Atlantis"})

    assert '<a href="#id_region">Select a region from the list</a>' in response.content.decode()


def test_it_pages_at_a_fixed_size(client):
    OrganisationFactory.create_batch(PAGE_SIZE + 10)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert len(second.context["page"].object_list) == 10
    assert "govuk-pagination" in first.content.decode()


def test_it_keeps_the_filters_in_page_links(client):
    OrganisationFactory.create_batch(PAGE_SIZE + 1, name="Testshire Council", nation=Nation.WALES)

    response = client.get(URL, {"q": "testshire", "nation": "wales"})

    links = re.findall(r'href="(\?[^"]+)"', response.content.decode())
    assert "?q=testshire&amp;nation=wales&amp;page=2" in links


def test_it_shows_the_last_page_for_a_page_past_the_end(client):
    OrganisationFactory.create_batch(3)

    response = client.get(URL, {"page": "99"})

    assert response.status_code == 200
    assert len(names(response)) == 3


def test_it_reads_the_same_number_of_queries_for_2_or_60_organisations(client):
    OrganisationFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "testshire"})
    OrganisationFactory.create_batch(58)
    with CaptureQueriesContext(connection) as many:
        client.get(URL, {"q": "testshire"})

    assert len(many) == len(few)
