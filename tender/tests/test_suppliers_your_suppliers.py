import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import your_suppliers
from tender.workflow import CaseStudyStatus, SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/tender/your-suppliers"


@pytest.fixture
def person(client):
    person = UserFactory(email="sam@opencouncils.example")
    client.force_login(person)
    return person


def test_it_needs_someone_signed_in(client):
    assert your_suppliers.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_lists_the_suppliers_the_person_acts_for_and_no_others(client, person):
    supplier = SupplierFactory(name="Open Councils Ltd", slug="open-councils", members=[person])
    CaseStudyFactory(supplier=supplier, status=CaseStudyStatus.CONFIRMED)
    CaseStudyFactory.create_batch(2, supplier=supplier)
    SupplierFactory(name="Rival Systems Ltd")
    page = client.get(URL).content.decode()
    assert "Open Councils Ltd" in page
    assert "Rival Systems Ltd" not in page
    assert 'href="/tender/suppliers/open-councils/edit"' in page
    assert 'href="/tender/suppliers/open-councils/case-studies"' in page
    assert "1 confirmed, 2 not confirmed yet" in page


def test_it_tells_the_people_of_a_suspended_supplier_why(client, person):
    SupplierFactory(members=[person], status=SupplierStatus.SUSPENDED, status_reason="The website offers no services")
    page = client.get(URL).content.decode()
    assert "Suspended" in page
    assert "A moderator took it out of the directory: The website offers no services" in page


def test_it_offers_registering_only_to_someone_who_may(client, person):
    assert 'href="/tender/suppliers/register"' in client.get(URL).content.decode()
    MembershipFactory(user=person)
    page = client.get(URL).content.decode()
    assert "You do not act for a supplier on this service." in page
    assert 'href="/tender/suppliers/register"' not in page


def test_it_runs_the_same_queries_however_many_suppliers(client, person, django_assert_max_num_queries):
    SupplierFactory(members=[person])
    with django_assert_max_num_queries(6):
        client.get(URL)
    SupplierFactory.create_batch(10, members=[person])
    with django_assert_max_num_queries(6):
        assert client.get(URL).content.decode().count("Change details") == 11


def test_it_refuses_a_post(client, person):
    assert client.post(URL).status_code == 405
