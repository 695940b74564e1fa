import pytest

from core.models import AuditEvent
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import reinstate_supplier
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/manage/tender/suppliers/open-councils/reinstate"


@pytest.fixture
def supplier():
    return SupplierFactory(
        name="Open Councils Ltd", slug="open-councils", status=SupplierStatus.SUSPENDED, status_reason="Not real"
    )


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def test_it_is_for_moderators(client, member, supplier):
    assert reinstate_supplier.access_rule == "staff"
    assert client.post(URL).status_code == 302
    client.force_login(member)
    assert client.post(URL).status_code == 403
    supplier.refresh_from_db()
    assert supplier.status == SupplierStatus.SUSPENDED


def test_it_lists_the_supplier_again(staff, moderator, supplier):
    response = staff.post(URL)
    assert response.status_code == 302
    assert response.url == "/manage/tender/suppliers/open-councils"
    supplier.refresh_from_db()
    assert (supplier.status, supplier.status_reason) == (SupplierStatus.LISTED, "")
    audit = AuditEvent.objects.get(action="tender.supplier_reinstated")
    assert (audit.actor, audit.changes) == (moderator, {"status": ["suspended", "listed"]})
    assert staff.get("/tender/suppliers/open-councils").status_code == 200


def test_it_says_so_when_the_supplier_is_already_listed(staff, supplier):
    supplier.status = SupplierStatus.LISTED
    supplier.save()
    response = staff.post(URL)
    assert response.status_code == 200
    assert "This supplier cannot be listed again because it is listed" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_get(staff, supplier):
    assert staff.get(URL).status_code == 405
