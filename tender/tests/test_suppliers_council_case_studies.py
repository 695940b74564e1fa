import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import council_case_studies
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db

URL = "/tender/case-studies"


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def officer(client, council):
    officer = MembershipFactory(organisation=council).user
    client.force_login(officer)
    return officer


def titles_on(client) -> list[str]:
    return [case_study.title for case_study in client.get(URL).context["page"].object_list]


def test_it_needs_someone_signed_in(client):
    assert council_case_studies.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_lists_case_studies_naming_the_person_s_organisations_waiting_ones_first(client, officer, council):
    supplier = SupplierFactory(name="Open Councils Ltd")
    CaseStudyFactory(supplier=supplier, organisation=council, title="Confirmed", status=CaseStudyStatus.CONFIRMED)
    CaseStudyFactory(supplier=supplier, organisation=council, title="Waiting")
    CaseStudyFactory(title="Another council’s")
    assert titles_on(client) == ["Waiting", "Confirmed"]
    page = client.get(URL).content.decode()
    assert "Open Councils Ltd" in page
    assert "Another council’s" not in page


def test_it_lists_nothing_for_someone_whose_membership_is_not_approved(client, council):
    CaseStudyFactory(organisation=council, title="Waiting")
    for state in ("pending", "rejected", "revoked"):
        person = MembershipFactory(organisation=council, **{state: True}).user
        client.force_login(person)
        assert titles_on(client) == []
        assert "No supplier has named your organisation in a case study." in client.get(URL).content.decode()


def test_it_lists_nothing_for_a_supplier_s_people(client, council):
    person = UserFactory()
    SupplierFactory(members=[person])
    CaseStudyFactory(organisation=council)
    client.force_login(person)
    assert titles_on(client) == []


def test_it_runs_the_same_queries_however_many_case_studies(client, officer, council, django_assert_max_num_queries):
    CaseStudyFactory(organisation=council)
    with django_assert_max_num_queries(7):
        client.get(URL)
    CaseStudyFactory.create_batch(25, organisation=council)
    with django_assert_max_num_queries(7):
        assert len(client.get(URL).context["page"].object_list) == 20


def test_it_refuses_a_post(client, officer):
    assert client.post(URL).status_code == 405
