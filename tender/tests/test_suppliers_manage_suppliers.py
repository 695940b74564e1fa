import pytest

from accounts.tests.factories import UserFactory
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import manage_suppliers
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db

URL = "/manage/tender/suppliers"


@pytest.fixture
def staff(sign_in_verified, moderator):
    return sign_in_verified(moderator)


def names_on(client, query: str = "") -> list[str]:
    return [supplier.name for supplier in client.get(f"{URL}{query}").context["page"].object_list]


def test_it_is_for_moderators(client, member, assessor, sign_in_verified):
    assert manage_suppliers.access_rule == "staff"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in")
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert sign_in_verified(assessor).get(URL).status_code == 403


def test_it_lists_listed_suppliers_and_suspended_ones_apart(staff):
    SupplierFactory(name="Open Councils Ltd", members=[UserFactory(), UserFactory()])
    SupplierFactory(name="Gone Away Ltd", status=SupplierStatus.SUSPENDED, status_reason="Not real")
    assert names_on(staff) == ["Open Councils Ltd"]
    assert names_on(staff, "?show=suspended") == ["Gone Away Ltd"]
    assert names_on(staff, "?show=nonsense") == ["Open Councils Ltd"]
    page = staff.get(URL).content.decode()
    assert "Listed (1)" in page
    assert 'href="?show=suspended">Suspended (1)</a>' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page


def test_it_runs_the_same_queries_however_many_suppliers(staff, django_assert_max_num_queries):
    SupplierFactory()
    with django_assert_max_num_queries(9):
        staff.get(URL)
    SupplierFactory.create_batch(25)
    with django_assert_max_num_queries(9):
        assert len(staff.get(URL).context["page"].object_list) == 20


def test_it_refuses_a_post(staff):
    assert staff.post(URL).status_code == 405
