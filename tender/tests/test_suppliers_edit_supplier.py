import re

import pytest

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from events.models import Region, Topic
from tender.models import ServedRegion, Supplier
from tender.tests.factories import SupplierFactory
from tender.tests.test_suppliers_register import supplier_form_data
from tender.views.suppliers import edit_supplier
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/open-councils/edit"


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def supplier(person):
    supplier = SupplierFactory(
        name="Open Councils Ltd",
        slug="open-councils",
        company_number="12345678",
        members=[person],
        offers=list(Topic.objects.filter(slug="open-source")),
    )
    ServedRegion.objects.bulk_create([ServedRegion(supplier=supplier, region=region) for region in Region.values])
    return supplier


@pytest.fixture
def signed_in(client, person, supplier):
    client.force_login(person)
    return client


def test_it_needs_someone_signed_in(client, supplier):
    assert edit_supplier.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_shows_the_supplier_s_details_to_change(signed_in):
    page = signed_in.get(URL).content.decode()
    assert 'value="Open Councils Ltd"' in page
    assert 'value="12345678"' in page
    assert re.search(r'<input (?=[^>]*value="all")(?=[^>]*data-behaviour="exclusive")[^>]*checked', page)
    assert not re.search(r'<input [^>]*value="wales"[^>]*checked>', page)


def test_it_saves_the_changes_keeping_the_address(signed_in, person, supplier):
    data = supplier_form_data(name="Open Councils Co-operative", company_number="12345678", regions=["wales"])
    response = signed_in.post(URL, data)
    assert response.status_code == 302
    assert response.url == "/tender/your-suppliers"
    supplier.refresh_from_db()
    assert (supplier.name, supplier.slug, supplier.size) == ("Open Councils Co-operative", "open-councils", "micro")
    assert list(supplier.regions.values_list("region", flat=True)) == ["wales"]
    assert sorted(supplier.offers.values_list("slug", flat=True)) == ["open-source", "service-design"]
    audit = AuditEvent.objects.get(action="tender.supplier_changed")
    assert audit.actor == person
    assert audit.changes["name"] == ["Open Councils Ltd", "Open Councils Co-operative"]
    assert audit.changes["regions"] == [sorted(Region.values), ["wales"]]
    assert audit.changes["contact_email"] == ["", ""]


def test_it_records_nothing_when_nothing_changed(signed_in, supplier):
    data = supplier_form_data(
        name="Open Councils Ltd",
        website=supplier.website,
        size=supplier.size,
        summary=supplier.summary,
        contact_email=supplier.contact_email,
        offers=[topic.pk for topic in supplier.offers.all()],
        open_standards=[],
        regions=["all"],
    )
    assert signed_in.post(URL, data).status_code == 302
    assert not AuditEvent.objects.filter(action="tender.supplier_changed").exists()


def test_it_keeps_a_suspended_supplier_suspended(signed_in, supplier):
    Supplier.objects.filter(pk=supplier.pk).update(status=SupplierStatus.SUSPENDED, status_reason="Not real")
    signed_in.post(URL, supplier_form_data())
    supplier.refresh_from_db()
    assert (supplier.name, supplier.status) == ("Open Councils Ltd", SupplierStatus.SUSPENDED)


def test_it_says_what_is_wrong_and_changes_nothing(signed_in, supplier):
    response = signed_in.post(URL, supplier_form_data(name="", company_number="", regions=[]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert '<a href="#id_name">Enter the supplier’s name</a>' in page
    assert '<a href="#id_company_number">Enter a Companies House number or a charity number</a>' in page
    assert '<a href="#id_regions_0">' in page
    supplier.refresh_from_db()
    assert supplier.name == "Open Councils Ltd"
    assert supplier.regions.count() == len(Region.values)


def test_it_refuses_another_supplier_s_number(signed_in, supplier):
    SupplierFactory(company_number="87654321")
    page = signed_in.post(URL, supplier_form_data(company_number="87654321")).content.decode()
    assert '<a href="#id_company_number">A supplier with this company number is already registered</a>' in page
    supplier.refresh_from_db()
    assert supplier.company_number == "12345678"


def test_it_is_not_found_for_another_supplier_s_people(client, supplier):
    other = UserFactory()
    SupplierFactory(members=[other])
    client.force_login(other)
    assert client.get(URL).status_code == 404
    assert client.post(URL, supplier_form_data(name="Taken over")).status_code == 404
    supplier.refresh_from_db()
    assert supplier.name == "Open Councils Ltd"


def test_it_refuses_other_methods(signed_in):
    assert signed_in.put(URL).status_code == 405
