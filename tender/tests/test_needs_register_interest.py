import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.models import Interest
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.views.needs import register_interest
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory()


@pytest.fixture
def supplier():
    return SupplierFactory(name="Civic Code Ltd")


def url(need) -> str:
    return f"/tender/needs/{need.slug}/interest"


def test_it_sends_someone_not_signed_in_to_sign_in(client, need):
    assert register_interest.access_rule == "signed_in"
    assert client.post(url(need)).url.startswith("/sign-in")


def test_a_supplier_registers_interest_once(client, need, supplier):
    person = supplier.members.get()
    client.force_login(person)
    response = client.post(url(need), {"supplier": supplier.pk})
    assert response.status_code == 302 and response.url == f"/tender/needs/{need.slug}"
    interest = Interest.objects.get()
    assert (interest.need, interest.supplier, interest.registered_by) == (need, supplier, person)
    assert AuditEvent.objects.get(action="tender.interest_registered").changes == {
        "suppliers": [None, "Civic Code Ltd"]
    }
    again = client.post(url(need), {"supplier": supplier.pk})
    assert "Civic Code Ltd has already registered interest" in again.content.decode()
    assert Interest.objects.count() == 1


def test_it_refuses_a_supplier_the_person_does_not_belong_to(client, need, supplier):
    client.force_login(SupplierFactory().members.get())
    response = client.post(url(need), {"supplier": supplier.pk})
    assert "Select a supplier you belong to" in response.content.decode()
    assert not Interest.objects.exists()


def test_it_refuses_a_suspended_supplier(client, need):
    suspended = SupplierFactory(status=SupplierStatus.SUSPENDED)
    client.force_login(suspended.members.get())
    client.post(url(need), {"supplier": suspended.pk})
    assert not Interest.objects.exists()


def test_a_council_member_cannot_register_interest(client, need, supplier):
    client.force_login(MembershipFactory().user)
    response = client.post(url(need), {"supplier": supplier.pk})
    assert response.status_code == 200
    assert not Interest.objects.exists()


def test_it_refuses_a_closed_need(client, supplier):
    need = NeedFactory(closed=True)
    client.force_login(supplier.members.get())
    response = client.post(url(need), {"supplier": supplier.pk})
    assert "Suppliers can register interest only while a need is open" in response.content.decode()
    assert not Interest.objects.exists()


def test_it_does_not_find_an_unpublished_need(client, supplier):
    need = NeedFactory(draft=True)
    client.force_login(supplier.members.get())
    assert client.post(url(need), {"supplier": supplier.pk}).status_code == 404


def test_it_answers_only_post(client, need, supplier):
    client.force_login(supplier.members.get())
    assert client.get(url(need)).status_code == 405
