import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import decline_case_study
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
    return CaseStudyFactory(
        supplier=supplier,
        organisation=council,
        title="Swimming lessons booked online",
        status=CaseStudyStatus.CONFIRMED,
    )


@pytest.fixture
def url(case_study):
    return f"/tender/case-studies/{case_study.pk}/decline"


@pytest.fixture
def officer(client, council):
    officer = MembershipFactory(organisation=council).user
    client.force_login(officer)
    return officer


def test_it_needs_someone_signed_in(client, url):
    assert decline_case_study.access_rule == "signed_in"
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_declines_the_case_study_hides_it_and_tells_the_supplier(client, officer, case_study, url):
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/tender/case-studies", 302)]
    assert (
        "You declined the case study. It is not shown: ‘Swimming lessons booked online’ by Open Councils Ltd"
        in response.content.decode()
    )
    case_study.refresh_from_db()
    assert (case_study.status, case_study.decided_by) == (CaseStudyStatus.DECLINED, officer)
    audit = AuditEvent.objects.get(action="tender.case_study_declined")
    assert (audit.actor, audit.changes) == (officer, {"status": ["confirmed", "declined"]})
    (email,) = mail.outbox
    assert email.to == ["sam@opencouncils.example"]
    assert email.subject == "Testshire County Council declined your case study: Swimming lessons booked online"
    assert "Swimming lessons booked online" not in client.get("/tender/suppliers/open-councils").content.decode()


def test_it_says_so_when_someone_else_declined_it_first(client, officer, case_study, url):
    case_study.status = CaseStudyStatus.DECLINED
    case_study.save()
    response = client.post(url)
    assert response.status_code == 200
    assert "This case study cannot be declined because it is declined" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_it_is_not_found_for_another_council_s_people(client, case_study, url):
    client.force_login(MembershipFactory().user)
    assert client.post(url).status_code == 404
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.CONFIRMED


def test_it_is_not_found_for_the_supplier_s_people(client, case_study, url):
    client.force_login(case_study.supplier.members.get())
    assert client.post(url).status_code == 404


def test_it_refuses_a_get(client, officer, url):
    assert client.get(url).status_code == 405
