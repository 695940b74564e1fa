import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import confirm_case_study
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def case_study(council):
    supplier = SupplierFactory(
        name="Open Councils Ltd", slug="open-councils", members=[UserFactory(email="sam@opencouncils.example")]
    )
    return CaseStudyFactory(supplier=supplier, organisation=council, title="Swimming lessons booked online")


@pytest.fixture
def url(case_study):
    return f"/tender/case-studies/{case_study.pk}/confirm"


@pytest.fixture
def officer(client, council):
    officer = MembershipFactory(organisation=council, user__email="chris@testshire.example.gov.uk").user
    client.force_login(officer)
    return officer


def test_it_needs_someone_signed_in(client, url):
    assert confirm_case_study.access_rule == "signed_in"
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_confirms_the_case_study_shows_it_and_tells_the_supplier(client, officer, case_study, url):
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/tender/case-studies", 302)]
    assert (
        "You confirmed the case study: ‘Swimming lessons booked online’ by Open Councils Ltd"
        in response.content.decode()
    )
    case_study.refresh_from_db()
    assert (case_study.status, case_study.decided_by) == (CaseStudyStatus.CONFIRMED, officer)
    assert case_study.decided_at is not None
    audit = AuditEvent.objects.get(action="tender.case_study_confirmed")
    assert (audit.actor, audit.changes) == (officer, {"status": ["unconfirmed", "confirmed"]})
    (email,) = mail.outbox
    assert email.to == ["sam@opencouncils.example"]
    assert email.subject == "Testshire County Council confirmed your case study: Swimming lessons booked online"
    assert "chris@testshire.example.gov.uk" not in email.body
    page = client.get("/tender/suppliers/open-councils").content.decode()
    assert "Swimming lessons booked online" in page
    assert "Confirmed</strong>" in page


def test_it_confirms_a_case_study_declined_before(client, officer, case_study, url):
    case_study.status = CaseStudyStatus.DECLINED
    case_study.save()
    client.post(url)
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.CONFIRMED


def test_it_says_so_when_someone_else_confirmed_it_first(client, officer, case_study, url):
    case_study.status = CaseStudyStatus.CONFIRMED
    case_study.save()
    response = client.post(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "This case study cannot be confirmed because it is confirmed" in page
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("state", ["pending", "rejected", "revoked"])
def test_it_is_not_found_for_someone_not_approved_at_the_council(client, council, case_study, url, state):
    client.force_login(MembershipFactory(organisation=council, **{state: True}).user)
    assert client.post(url).status_code == 404
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.UNCONFIRMED


def test_it_is_not_found_for_another_council_s_people(client, case_study, url):
    client.force_login(MembershipFactory().user)
    assert client.post(url).status_code == 404
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.UNCONFIRMED


def test_the_supplier_cannot_confirm_its_own_case_study(client, case_study, url):
    client.force_login(case_study.supplier.members.get())
    assert client.post(url).status_code == 404
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.UNCONFIRMED


def test_it_refuses_a_get(client, officer, url):
    assert client.get(url).status_code == 405
