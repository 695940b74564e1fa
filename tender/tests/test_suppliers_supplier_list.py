import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from events.models import Region, Topic
from tender.models import ServedRegion, SupplierSize
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import supplier_list
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers"


def listed_supplier(name: str, *, regions=("london",), topics=("open-source",), **fields):
    supplier = SupplierFactory(name=name, offers=list(Topic.objects.filter(slug__in=topics)), **fields)
    ServedRegion.objects.bulk_create([ServedRegion(supplier=supplier, region=region) for region in regions])
    return supplier


def names_on(client, query: str = "") -> list[str]:
    response = client.get(f"{URL}{query}")
    assert response.status_code == 200
    return [supplier.name for supplier in response.context["page"].object_list]


def test_it_is_public(client):
    assert supplier_list.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_lists_listed_suppliers_by_name_and_hides_suspended_ones(client):
    listed_supplier("Zebra Digital Ltd")
    listed_supplier("acorn Data Ltd")
    listed_supplier("Gone Away Ltd", status=SupplierStatus.SUSPENDED, status_reason="Not a real company")
    assert names_on(client) == ["acorn Data Ltd", "Zebra Digital Ltd"]
    page = client.get(URL).content.decode()
    assert "Gone Away Ltd" not in page
    assert "2 suppliers" in page


def test_it_shows_what_each_offers_and_where_it_works(client):
    listed_supplier("Open Councils Ltd", regions=Region.values, topics=["open-source", "user-research"])
    listed_supplier("North Code Ltd", regions=["north_east", "scotland"], size=SupplierSize.MEDIUM)
    page = client.get(URL).content.decode()
    assert "Works in All of the UK" in page
    assert "Medium (50 to 249 staff). Works in North East, Scotland" in page
    assert "Offers: Open source, User research" in page


def test_it_never_shows_who_acts_for_a_supplier(client):
    listed_supplier(
        "Open Councils Ltd", members=[UserFactory(full_name="Priya Shah", email="priya@opencouncils.example")]
    )
    page = client.get(URL).content.decode()
    assert "Priya Shah" not in page
    assert "priya@opencouncils.example" not in page


def test_it_filters_by_what_suppliers_offer_their_size_and_where_they_work(client):
    listed_supplier("Everywhere Ltd", regions=Region.values, topics=["accessibility"], size=SupplierSize.LARGE)
    listed_supplier("Leeds Code Ltd", regions=["yorkshire"], topics=["open-source"], size=SupplierSize.MICRO)
    listed_supplier("London Code Ltd", regions=["london"], topics=["open-source"], size=SupplierSize.SMALL)
    assert names_on(client, "?offer=open-source") == ["Leeds Code Ltd", "London Code Ltd"]
    assert names_on(client, "?size=micro") == ["Leeds Code Ltd"]
    assert names_on(client, "?region=yorkshire") == ["Everywhere Ltd", "Leeds Code Ltd"]
    assert names_on(client, "?offer=open-source&region=london") == ["London Code Ltd"]
    assert names_on(client, "?q=leeds") == ["Leeds Code Ltd"]
    assert names_on(client, "?q=nobody") == []
    assert "No suppliers match your search." in client.get(f"{URL}?q=nobody").content.decode()


def test_it_lists_everyone_and_says_so_when_a_filter_is_not_in_the_list(client):
    listed_supplier("Leeds Code Ltd")
    response = client.get(f"{URL}?region=atlantis&size=huge")
    page = response.content.decode()
    assert '<a href="#id_region">Select a region from the list</a>' in page
    assert '<a href="#id_size">Select a size from the list</a>' in page
    assert [supplier.name for supplier in response.context["page"].object_list] == ["Leeds Code Ltd"]


def test_it_shows_twenty_suppliers_a_page(client):
    for number in range(25):
        listed_supplier(f"Supplier {number:02d} Ltd")
    assert len(names_on(client)) == 20
    assert names_on(client, "?page=2") == [f"Supplier {number:02d} Ltd" for number in range(20, 25)]
    assert 'href="?page=2"' in client.get(URL).content.decode()


def queries_for(client, query: str = "") -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(f"{URL}{query}").status_code == 200
    return len(context)


@pytest.mark.parametrize("query", ["", "?offer=open-source&region=london&size=small&q=code"])
def test_it_runs_as_many_queries_for_many_suppliers_as_for_two(client, query, django_assert_num_queries):
    for number in range(2):
        listed_supplier(f"Code {number} Ltd", regions=["london", "wales"], topics=["open-source", "accessibility"])
    few = queries_for(client, query)
    for number in range(2, 40):
        listed_supplier(f"Code {number} Ltd", regions=["london", "wales"], topics=["open-source", "accessibility"])
    with django_assert_num_queries(few):
        response = client.get(f"{URL}{query}")
    assert len(response.context["page"].object_list) == 20


def test_it_refuses_a_post(client):
    assert client.post(URL).status_code == 405
