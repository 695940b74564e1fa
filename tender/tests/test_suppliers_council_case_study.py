import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import council_case_study
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def case_study(council):
    supplier = SupplierFactory(name="Open Councils Ltd", members=[UserFactory(full_name="Priya Shah")])
    return CaseStudyFactory(
        supplier=supplier,
        organisation=council,
        title="Swimming lessons booked online",
        summary="We built the booking service.",
        link="https://www.opencouncils.example/testshire",
    )


@pytest.fixture
def url(case_study):
    return f"/tender/case-studies/{case_study.pk}"


@pytest.fixture
def officer(client, council):
    officer = MembershipFactory(organisation=council).user
    client.force_login(officer)
    return officer


def test_it_needs_someone_signed_in(client, url):
    assert council_case_study.access_rule == "signed_in"
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_shows_the_case_study_with_both_answers(client, officer, case_study, url):
    page = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Swimming lessons booked online</h1>' in page
    assert "Case study by Open Councils Ltd" in page
    assert "We built the booking service." in page
    assert 'href="https://www.opencouncils.example/testshire"' in page
    assert f'action="/tender/case-studies/{case_study.pk}/confirm"' in page
    assert f'action="/tender/case-studies/{case_study.pk}/decline"' in page
    assert "Priya Shah" not in page


def test_it_offers_only_the_other_answer_once_one_is_given(client, officer, case_study, url):
    case_study.status = CaseStudyStatus.CONFIRMED
    case_study.save()
    page = client.get(url).content.decode()
    assert f'action="/tender/case-studies/{case_study.pk}/confirm"' not in page
    assert f'action="/tender/case-studies/{case_study.pk}/decline"' in page


@pytest.mark.parametrize("state", ["pending", "rejected", "revoked"])
def test_it_is_not_found_for_someone_not_approved_at_the_council(client, council, url, state):
    client.force_login(MembershipFactory(organisation=council, **{state: True}).user)
    assert client.get(url).status_code == 404


def test_it_is_not_found_for_another_council_s_people(client, url):
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404


def test_it_is_not_found_for_the_supplier_s_people(client, case_study, url):
    client.force_login(case_study.supplier.members.get())
    assert client.get(url).status_code == 404


def test_it_refuses_a_post(client, officer, url):
    assert client.post(url).status_code == 405
