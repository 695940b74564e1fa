import pytest

from events.models import Region, Topic
from organisations.tests.factories import OrganisationFactory
from tender.models import ServedRegion, SupplierSize
from tender.tests.factories import CaseStudyFactory, SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/tender/suppliers"


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [supplier["id"] for supplier in response.json()["results"]]


def test_it_lists_listed_suppliers_without_their_people_or_addresses(client):
    supplier = SupplierFactory(name="Civic Code Ltd", slug="civic-code", company_number="01234567")
    SupplierFactory(slug="suspended", status="suspended")

    [record] = client.get(URL).json()["results"]

    assert record["id"] == "civic-code"
    assert record["org_id"] == "GB-COH-01234567"
    assert record["charity_number"] is None
    assert "@" not in str(record)
    assert supplier.members.get().full_name not in str(record)


def test_it_shows_only_case_studies_the_council_confirmed(client):
    supplier = SupplierFactory()
    leeds = OrganisationFactory(slug="leeds")
    CaseStudyFactory(supplier=supplier, organisation=leeds, title="Confirmed work", status="confirmed")
    CaseStudyFactory(supplier=supplier, organisation=leeds, title="Claimed work")

    [record] = client.get(URL).json()["results"]

    assert [case["title"] for case in record["case_studies"]] == ["Confirmed work"]
    assert record["case_studies"][0]["organisation"]["id"] == "leeds"


def test_it_filters_as_the_directory_does(client):
    topic = Topic.objects.order_by("pk").last()
    large = SupplierFactory(slug="large", size=SupplierSize.LARGE, offers=[topic])
    ServedRegion.objects.create(supplier=large, region=Region.WALES)
    SupplierFactory(slug="small", name="Small Shop")

    assert ids(client.get(URL, {"size": "large"})) == ["large"]
    assert ids(client.get(URL, {"offer": topic.slug})) == ["large"]
    assert ids(client.get(URL, {"region": "wales"})) == ["large"]
    assert ids(client.get(URL, {"q": "small"})) == ["small"]
    assert client.get(URL, {"size": "huge"}).status_code == 422


def test_it_runs_the_same_queries_however_many_suppliers(client, django_assert_max_num_queries):
    def queries_for_a_page(count):
        for _ in range(count):
            CaseStudyFactory(supplier=SupplierFactory(), status="confirmed")
        with django_assert_max_num_queries(10) as captured:
            assert client.get(URL, {"page_size": 200}).status_code == 200
        return len(captured)

    assert queries_for_a_page(2) == queries_for_a_page(20)
