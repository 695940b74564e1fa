import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from api import datasets
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_lists_every_dataset_with_both_formats_and_when_it_changed(client):
    organisation = OrganisationFactory()

    response = client.get("/data")

    assert response.status_code == 200
    for dataset in datasets.all_datasets():
        assertContains(response, f'href="/data/{dataset.slug}.csv"')
        assertContains(response, f'href="/data/{dataset.slug}.json"')
        assertContains(response, dataset.title)
    updated = timezone.localtime(organisation.updated_at).date()
    assertContains(response, f"{updated.day} {updated:%B %Y}</time>")


def test_it_lists_the_datasets_the_open_data_standards_cover(client):
    slugs = [dataset.slug for dataset in datasets.all_datasets()]

    assert {"organisations", "signatories", "events", "grants", "projects", "outputs"} <= set(slugs)


def test_it_states_the_licence_and_the_other_formats(client):
    response = client.get("/data")

    assertContains(
        response,
        '<a class="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">'
        "Open Government Licence v3.0</a>",
        html=True,
    )
    assertContains(response, 'href="/fund/grants.json"')
    assertContains(response, 'href="/events.ics"')
    assertContains(response, 'href="/api/v1/docs"')
    assertContains(response, 'href="/api/v1/openapi.json"')


def test_it_says_when_a_dataset_has_no_records_yet(client):
    assertContains(client.get("/data"), "No records yet")
