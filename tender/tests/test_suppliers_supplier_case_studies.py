import pytest

from accounts.tests.factories import UserFactory
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import supplier_case_studies
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/open-councils/case-studies"


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def supplier(person):
    return SupplierFactory(name="Open Councils Ltd", slug="open-councils", members=[person])


@pytest.fixture
def signed_in(client, person, supplier):
    client.force_login(person)
    return client


def test_it_needs_someone_signed_in(client, supplier):
    assert supplier_case_studies.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_lists_the_supplier_s_case_studies_with_how_each_stands(signed_in, supplier):
    council = OrganisationFactory(name="Testshire County Council")
    CaseStudyFactory(supplier=supplier, organisation=council, title="Confirmed work", status=CaseStudyStatus.CONFIRMED)
    waiting = CaseStudyFactory(supplier=supplier, organisation=council, title="Waiting work")
    CaseStudyFactory(supplier=supplier, organisation=council, title="Declined work", status=CaseStudyStatus.DECLINED)
    CaseStudyFactory(title="Another supplier’s work")
    page = signed_in.get(URL).content.decode()
    for title in ("Confirmed work", "Waiting work", "Declined work"):
        assert title in page
    assert "Another supplier’s work" not in page
    assert "Testshire County Council" in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Not confirmed yet</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Declined</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--green">Confirmed</strong>' in page
    assert f'href="/tender/suppliers/open-councils/case-studies/{waiting.pk}/edit"' in page
    assert 'href="/tender/suppliers/open-councils/case-studies/add"' in page


def test_it_is_not_found_for_another_supplier_s_people(client, supplier):
    other = UserFactory()
    SupplierFactory(members=[other])
    client.force_login(other)
    assert client.get(URL).status_code == 404


def test_it_runs_the_same_queries_however_many_case_studies(signed_in, supplier, django_assert_max_num_queries):
    CaseStudyFactory(supplier=supplier)
    with django_assert_max_num_queries(8):
        signed_in.get(URL)
    CaseStudyFactory.create_batch(25, supplier=supplier)
    with django_assert_max_num_queries(8):
        response = signed_in.get(URL)
    assert len(response.context["page"].object_list) == 20


def test_it_refuses_a_post(signed_in):
    assert signed_in.post(URL).status_code == 405
