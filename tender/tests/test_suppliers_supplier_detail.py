import pytest

from accounts.tests.factories import UserFactory
from events.models import Region, Topic
from organisations.tests.factories import OrganisationFactory
from tender.models import OpenStandard, ServedRegion, SupplierSize
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import supplier_detail
from tender.workflow import CaseStudyStatus, SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/open-councils"


@pytest.fixture
def person():
    return UserFactory(full_name="Priya Shah", email="priya@opencouncils.example")


@pytest.fixture
def supplier(person):
    supplier = SupplierFactory(
        name="Open Councils Ltd",
        slug="open-councils",
        company_number="SC123456",
        charity_number="1098765",
        size=SupplierSize.MICRO,
        website="https://www.opencouncils.example",
        summary="Open source booking tools for leisure services.",
        contact_email="hello@opencouncils.example",
        members=[person],
        offers=list(Topic.objects.filter(slug__in=["open-source", "service-design"])),
    )
    supplier.open_standards.add(OpenStandard.objects.get(name="OpenAPI Specification"))
    ServedRegion.objects.create(supplier=supplier, region=Region.WALES)
    ServedRegion.objects.create(supplier=supplier, region=Region.NORTH_WEST)
    return supplier


def test_it_is_public(client, supplier):
    assert supplier_detail.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_shows_the_supplier(client, supplier):
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Open Councils Ltd</h1>' in page
    assert "Open source booking tools for leisure services." in page
    assert "GB-COH-SC123456" in page
    assert "https://find-and-update.company-information.service.gov.uk/company/SC123456" in page
    assert "1098765" in page
    assert "Micro (fewer than 10 staff)" in page
    assert 'href="https://www.opencouncils.example"' in page
    assert "<li>Open source</li><li>Service design</li>" in page
    assert ">OpenAPI Specification</a>" in page
    assert "<li>North West</li><li>Wales</li>" in page
    assert 'href="mailto:hello@opencouncils.example"' in page


def test_it_says_all_of_the_uk_for_a_supplier_that_works_everywhere(client, supplier):
    ServedRegion.objects.bulk_create(
        [
            ServedRegion(supplier=supplier, region=region)
            for region in Region.values
            if region not in ("wales", "north_west")
        ]
    )
    page = client.get(URL).content.decode()
    assert "<li>All of the UK</li>" in page
    assert "<li>Wales</li>" not in page


def test_it_shows_only_case_studies_their_council_confirmed(client, supplier):
    council = OrganisationFactory(name="Testshire County Council", slug="testshire")
    CaseStudyFactory(
        supplier=supplier,
        organisation=council,
        title="Swimming lessons booked online",
        status=CaseStudyStatus.CONFIRMED,
        decided_by=UserFactory(full_name="Chris Officer"),
    )
    CaseStudyFactory(supplier=supplier, title="Waiting for its council")
    CaseStudyFactory(supplier=supplier, title="Turned down by its council", status=CaseStudyStatus.DECLINED)
    CaseStudyFactory(title="Another supplier’s work", status=CaseStudyStatus.CONFIRMED)
    page = client.get(URL).content.decode()
    assert "Swimming lessons booked online" in page
    assert '<strong class="govuk-tag govuk-tag--green">Confirmed</strong>' in page
    assert 'href="/organisations/testshire"' in page
    for hidden in ("Waiting for its council", "Turned down by its council", "Another supplier’s work", "Chris Officer"):
        assert hidden not in page


def test_it_never_shows_who_acts_for_the_supplier(client, supplier, person):
    page = client.get(URL).content.decode()
    assert "Priya Shah" not in page
    assert "priya@opencouncils.example" not in page
    assert "Change the supplier’s details" not in page


def test_it_offers_the_supplier_s_people_a_way_to_change_it(client, supplier, person):
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert 'href="/tender/suppliers/open-councils/edit"' in page
    client.force_login(UserFactory())
    assert 'href="/tender/suppliers/open-councils/edit"' not in client.get(URL).content.decode()


def test_it_is_not_found_once_suspended(client, supplier):
    supplier.status = SupplierStatus.SUSPENDED
    supplier.save()
    assert client.get(URL).status_code == 404


def test_it_is_not_found_for_an_unknown_supplier(client):
    assert client.get("/tender/suppliers/nobody").status_code == 404


def test_it_runs_the_same_queries_however_many_case_studies(client, supplier, django_assert_max_num_queries):
    CaseStudyFactory(supplier=supplier, status=CaseStudyStatus.CONFIRMED)
    with django_assert_max_num_queries(7):
        client.get(URL)
    CaseStudyFactory.create_batch(15, supplier=supplier, status=CaseStudyStatus.CONFIRMED)
    with django_assert_max_num_queries(7):
        assert client.get(URL).content.decode().count("govuk-tag--green") == 16


def test_it_refuses_a_post(client, supplier):
    assert client.post(URL).status_code == 405
