import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from events.models import Region
from tender.models import Supplier
from tender.tests.factories import SupplierFactory
from tender.tests.test_suppliers_register import supplier_form_data
from tender.views.suppliers import REGISTRATION_SESSION_KEY, register_check
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/register/check"


@pytest.fixture
def person(client):
    person = UserFactory(email="sam@opencouncils.example")
    client.force_login(person)
    return person


@pytest.fixture
def answered(client, person):
    def answer(**changes):
        assert client.post("/tender/suppliers/register", supplier_form_data(**changes)).status_code == 302

    return answer


def test_it_needs_someone_signed_in(client):
    assert register_check.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_sends_someone_without_answers_to_the_questions(client, person):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/tender/suppliers/register"


def test_it_shows_the_answers_with_links_to_change_each(client, answered):
    answered()
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Check your answers before registering the supplier</h1>' in page
    assert "Open Councils Ltd" in page
    assert "Micro (fewer than 10 staff)" in page
    assert "<li>Open source</li><li>Service design</li>" in page
    assert "<li>OpenAPI Specification</li>" in page
    assert "<li>North West</li><li>Yorkshire and the Humber</li>" in page
    assert 'href="/tender/suppliers/register#id_name"' in page
    assert 'href="/tender/suppliers/register#id_size_0"' in page
    assert 'href="/tender/suppliers/register#id_regions_0"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Supplier.objects.exists()


def test_it_says_all_of_the_uk_when_that_was_chosen(client, answered):
    answered(regions=["all"], open_standards=[])
    page = client.get(URL).content.decode()
    assert "<li>All of the UK</li>" in page
    assert "North West" not in page


def test_it_registers_the_supplier_with_its_person_as_a_member(client, person, answered):
    answered()
    response = client.post(URL)
    supplier = Supplier.objects.get()
    assert response.status_code == 302
    assert response.url == "/tender/suppliers/open-councils-ltd/registered"
    assert (supplier.name, supplier.slug, supplier.org_id) == (
        "Open Councils Ltd",
        "open-councils-ltd",
        "GB-COH-12345678",
    )
    assert (supplier.size, supplier.status) == ("micro", SupplierStatus.LISTED)
    assert supplier.contact_email == "hello@opencouncils.example"
    assert list(supplier.members.all()) == [person]
    assert sorted(supplier.offers.values_list("slug", flat=True)) == ["open-source", "service-design"]
    assert list(supplier.open_standards.values_list("name", flat=True)) == ["OpenAPI Specification"]
    assert sorted(supplier.regions.values_list("region", flat=True)) == ["north_west", "yorkshire"]
    audit = AuditEvent.objects.get(action="tender.supplier_registered")
    assert audit.actor == person
    assert audit.changes["company_number"] == [None, "12345678"]
    assert audit.changes["regions"] == [None, ["north_west", "yorkshire"]]
    assert "contact_email" not in audit.changes
    assert REGISTRATION_SESSION_KEY not in client.session


def test_it_records_all_of_the_uk_as_every_region(client, answered):
    answered(regions=["all", "london"])
    client.post(URL)
    assert set(Supplier.objects.get().regions.values_list("region", flat=True)) == set(Region.values)


def test_it_gives_a_supplier_with_a_name_already_taken_an_address_of_its_own(client, answered):
    SupplierFactory(name="Open Councils Ltd", slug="open-councils-ltd")
    answered()
    response = client.post(URL)
    assert response.url == "/tender/suppliers/open-councils-ltd-2/registered"


def test_it_never_gives_a_supplier_the_address_of_the_registration_page(client, answered):
    answered(name="Register")
    assert client.post(URL).url == "/tender/suppliers/register-2/registered"


def test_it_registers_once_however_often_the_button_is_pressed(client, answered):
    answered()
    client.post(URL)
    response = client.post(URL)
    assert response.url == "/tender/suppliers/register"
    assert Supplier.objects.count() == 1


def test_it_goes_back_to_the_questions_if_the_number_was_registered_meanwhile(client, answered):
    answered()
    SupplierFactory(company_number="12345678")
    response = client.post(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_company_number">A supplier with this company number is already registered</a>' in page
    assert Supplier.objects.count() == 1


def test_it_refuses_someone_who_joined_an_organisation_since_answering(client, person, answered):
    answered()
    MembershipFactory(user=person, organisation__name="Testshire County Council")
    response = client.post(URL)
    assert response.status_code == 403
    assert "You are a member of Testshire County Council on this service." in response.content.decode()
    assert not Supplier.objects.exists()


def test_it_refuses_other_methods(client, person):
    assert client.put(URL).status_code == 405
