import pytest

from accounts.tests.factories import UserFactory
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def supplier(person):
    return SupplierFactory(name="Open Councils Ltd", slug="open-councils", company_number="12345678", members=[person])


URL = "/tender/suppliers/open-councils/registered"


def test_it_needs_someone_signed_in(client, supplier):
    assert registered.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_confirms_the_registration_and_says_what_happens_next(client, person, supplier):
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert '<h1 class="govuk-panel__title">Supplier registered</h1>' in page
    assert "Open Councils Ltd<br>GB-COH-12345678" in page
    assert 'href="/tender/suppliers/open-councils"' in page
    assert 'href="/tender/suppliers/open-councils/case-studies/add"' in page


def test_it_is_not_found_for_someone_who_does_not_act_for_the_supplier(client, supplier):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_it_refuses_a_post(client, person, supplier):
    client.force_login(person)
    assert client.post(URL).status_code == 405
