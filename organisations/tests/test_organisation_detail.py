import pytest
from django.urls import reverse

from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory
from organisations.views import organisation_detail

pytestmark = pytest.mark.django_db


def test_it_is_public(client):
    organisation = OrganisationFactory()

    assert organisation_detail.access_rule == "public"
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_it_refuses_post(client):
    assert client.post(OrganisationFactory().get_absolute_url()).status_code == 405


def test_it_shows_404_for_an_unknown_slug(client):
    assert client.get(reverse("organisations:detail", args=["nowhere"])).status_code == 404


def test_it_shows_the_organisation_and_its_identifiers(client):
    camden = OrganisationFactory(
        name="London Borough of Camden",
        organisation_type=OrganisationType.LONDON_BOROUGH,
        region="London",
        register_code="CMD",
        gss_code="E09000007",
        org_id="GB-LAE-CMD",
        website="https://www.camden.gov.uk/",
        start_date="1965-04-01",
    )
    OrganisationDomainFactory(organisation=camden, domain="camden.gov.uk")

    content = client.get(camden.get_absolute_url()).content.decode()

    assert '<h1 class="govuk-heading-xl">\n      London Borough of Camden' in content
    for shown in ["London borough", "England", "London", "GB-LAE-CMD", "E09000007", "CMD", "camden.gov.uk"]:
        assert f'<dd class="govuk-summary-list__value">{shown}</dd>' in content or f"<li>{shown}</li>" in content
    assert 'href="https://www.camden.gov.uk/"' in content
    assert "1 April 1965" in content
    assert "Ended" not in content


def test_it_says_an_ended_organisation_was_replaced(client):
    successor = OrganisationFactory(name="Somerset Council")
    ended = OrganisationFactory(name="Sedgemoor District Council", ended=True)
    ended.replaced_by.add(successor)

    content = client.get(ended.get_absolute_url()).content.decode()

    assert "This organisation no longer exists." in content
    link = f'<a class="govuk-link" href="{successor.get_absolute_url()}">Somerset Council</a>'
    assert f"It was replaced by\n      {link}." in content
    assert '<strong class="govuk-tag govuk-tag--grey">Ended</strong>' in content
    assert "31 March 2020" in content


def test_it_names_every_successor(client):
    cumbria = OrganisationFactory(ended=True)
    cumbria.replaced_by.add(
        OrganisationFactory(name="Cumberland Council"), OrganisationFactory(name="Westmorland and Furness Council")
    )

    content = client.get(cumbria.get_absolute_url()).content.decode()

    assert "Cumberland Council</a> and <a" in content
    assert "Westmorland and Furness Council</a>." in content


def test_it_links_a_successor_back_to_what_it_replaced(client):
    successor = OrganisationFactory(name="Somerset Council")
    ended = OrganisationFactory(name="Sedgemoor District Council", ended=True)
    ended.replaced_by.add(successor)

    content = client.get(successor.get_absolute_url()).content.decode()

    assert f'<a class="govuk-link" href="{ended.get_absolute_url()}">Sedgemoor District Council</a>' in content


def test_it_says_whether_it_co_published_the_declaration(client):
    harrow = OrganisationFactory(
        name="London Borough of Harrow", co_publisher_number=18, co_publisher_name="Harrow Council"
    )
    other = OrganisationFactory()

    content = client.get(harrow.get_absolute_url()).content.decode()
    assert "Yes, number 18 in the" in content
    assert "(as Harrow Council)" in content
    assert 'href="/declaration#co-publishers"' in content
    assert "Yes, number" not in client.get(other.get_absolute_url()).content.decode()


def test_it_shows_none_for_identifiers_it_does_not_have(client):
    organisation = OrganisationFactory(organisation_type=OrganisationType.SECTOR_BODY)

    content = client.get(organisation.get_absolute_url()).content.decode()

    assert content.count('<dd class="govuk-summary-list__value">None</dd>') == 3
