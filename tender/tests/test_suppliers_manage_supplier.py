import pytest

from accounts.tests.factories import UserFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import manage_supplier
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/manage/tender/suppliers/open-councils"


@pytest.fixture
def supplier():
    return SupplierFactory(
        name="Open Councils Ltd", slug="open-councils", members=[UserFactory(email="sam@opencouncils.example")]
    )


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def test_it_is_for_moderators(client, member, supplier):
    assert manage_supplier.access_rule == "staff"
    assert client.get(URL).status_code == 302
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_it_shows_the_supplier_its_people_and_a_way_to_suspend_it(staff, supplier):
    CaseStudyFactory(supplier=supplier, title="Swimming lessons booked online")
    page = staff.get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Open Councils Ltd</h1>' in page
    assert "<li>sam@opencouncils.example</li>" in page
    assert "Swimming lessons booked online" in page
    assert 'href="/manage/tender/suppliers/open-councils/suspend"' in page
    assert 'action="/manage/tender/suppliers/open-councils/reinstate"' not in page


def test_it_shows_why_a_suspended_supplier_was_suspended(staff, supplier):
    supplier.status, supplier.status_reason = SupplierStatus.SUSPENDED, "The website offers no services"
    supplier.save()
    page = staff.get(URL).content.decode()
    assert "The website offers no services" in page
    assert 'action="/manage/tender/suppliers/open-councils/reinstate"' in page
    assert 'href="/manage/tender/suppliers/open-councils/suspend"' not in page


def test_it_is_not_found_for_an_unknown_supplier(staff):
    assert staff.get("/manage/tender/suppliers/nobody").status_code == 404


def test_it_refuses_a_post(staff, supplier):
    assert staff.post(URL).status_code == 405
