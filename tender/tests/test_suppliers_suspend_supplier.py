import pytest

from core.models import AuditEvent
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import suspend_supplier
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/manage/tender/suppliers/open-councils/suspend"


@pytest.fixture
def supplier():
    return SupplierFactory(name="Open Councils Ltd", slug="open-councils")


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def test_it_is_for_moderators(client, member, supplier):
    assert suspend_supplier.access_rule == "staff"
    assert client.post(URL, {"reason": "Not real"}).status_code == 302
    client.force_login(member)
    assert client.post(URL, {"reason": "Not real"}).status_code == 403
    supplier.refresh_from_db()
    assert supplier.status == SupplierStatus.LISTED


def test_it_asks_why(staff, supplier):
    page = staff.get(URL).content.decode()
    assert "Why are you suspending the supplier?" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_suspends_the_supplier_with_the_reason_and_hides_it(staff, moderator, supplier, client):
    response = staff.post(URL, {"reason": "The website offers no services"})
    assert response.status_code == 302
    assert response.url == "/manage/tender/suppliers/open-councils"
    supplier.refresh_from_db()
    assert (supplier.status, supplier.status_reason) == (SupplierStatus.SUSPENDED, "The website offers no services")
    audit = AuditEvent.objects.get(action="tender.supplier_suspended")
    assert (audit.actor, audit.reason) == (moderator, "The website offers no services")
    assert audit.changes == {"status": ["listed", "suspended"]}
    assert staff.get("/tender/suppliers/open-councils").status_code == 404
    assert "Open Councils Ltd" not in staff.get("/tender/suppliers").content.decode()


def test_it_needs_a_reason(staff, supplier):
    response = staff.post(URL, {"reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_reason">Enter why you are suspending the supplier</a>' in page
    supplier.refresh_from_db()
    assert supplier.status == SupplierStatus.LISTED
    assert not AuditEvent.objects.exists()


def test_it_says_so_when_the_supplier_is_already_suspended(staff, supplier):
    supplier.status = SupplierStatus.SUSPENDED
    supplier.save()
    page = staff.post(URL, {"reason": "Again"}).content.decode()
    assert "This supplier cannot be suspended because it is suspended" in page
    assert not AuditEvent.objects.exists()


def test_it_refuses_other_methods(staff, supplier):
    assert staff.put(URL).status_code == 405
