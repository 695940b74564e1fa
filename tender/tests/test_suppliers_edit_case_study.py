import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.views.suppliers import edit_case_study
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def supplier(person):
    return SupplierFactory(name="Open Councils Ltd", slug="open-councils", members=[person])


@pytest.fixture
def case_study(supplier):
    return CaseStudyFactory(
        supplier=supplier,
        organisation=OrganisationFactory(name="Testshire County Council"),
        title="Swimming lessons booked online",
        status=CaseStudyStatus.CONFIRMED,
        decided_by=UserFactory(),
        decided_at=timezone.now(),
    )


@pytest.fixture
def url(case_study):
    return f"/tender/suppliers/open-councils/case-studies/{case_study.pk}/edit"


@pytest.fixture
def signed_in(client, person, supplier):
    client.force_login(person)
    return client


def data(case_study, **changes) -> dict:
    return {"title": case_study.title, "summary": case_study.summary, "link": case_study.link} | changes


def test_it_needs_someone_signed_in(client, url):
    assert edit_case_study.access_rule == "signed_in"
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_shows_the_text_to_change_but_not_the_council(signed_in, url):
    page = signed_in.get(url).content.decode()
    assert 'value="Swimming lessons booked online"' in page
    assert 'name="organisation"' not in page
    assert "This case study is about work for <strong>Testshire County Council</strong>." in page
    assert "needs to confirm it again" in page


def test_changing_a_confirmed_case_study_sends_it_back_to_its_council(signed_in, person, case_study, url):
    response = signed_in.post(url, data(case_study, title="Swimming and gym sessions booked online"), follow=True)
    assert "Your changes are saved. Testshire County Council needs to confirm the case study again" in (
        response.content.decode()
    )
    case_study.refresh_from_db()
    assert case_study.title == "Swimming and gym sessions booked online"
    assert (case_study.status, case_study.decided_by, case_study.decided_at) == (
        CaseStudyStatus.UNCONFIRMED,
        None,
        None,
    )
    audit = AuditEvent.objects.get(action="tender.case_study_changed")
    assert audit.actor == person
    assert audit.changes == {
        "title": ["Swimming lessons booked online", "Swimming and gym sessions booked online"],
        "status": ["confirmed", "unconfirmed"],
    }
    assert "Not confirmed yet" in signed_in.get("/tender/suppliers/open-councils/case-studies").content.decode()
    assert "Swimming and gym" not in signed_in.get("/tender/suppliers/open-councils").content.decode()


def test_changing_a_declined_case_study_asks_its_council_again(signed_in, case_study, url):
    case_study.status = CaseStudyStatus.DECLINED
    case_study.save()
    signed_in.post(url, data(case_study, summary="We rebuilt the booking service."))
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.UNCONFIRMED
    assert AuditEvent.objects.get(action="tender.case_study_changed").changes == {
        "summary": ["", ""],
        "status": ["declined", "unconfirmed"],
    }


def test_saving_without_a_change_keeps_the_confirmation(signed_in, case_study, url):
    response = signed_in.post(url, data(case_study), follow=True)
    assert "Your changes are saved" in response.content.decode()
    case_study.refresh_from_db()
    assert case_study.status == CaseStudyStatus.CONFIRMED
    assert not AuditEvent.objects.filter(action="tender.case_study_changed").exists()


def test_it_says_what_is_missing_and_changes_nothing(signed_in, case_study, url):
    response = signed_in.post(url, data(case_study, title="", link="not a link"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_title">Enter a title for the case study</a>' in page
    assert "Enter the link in the correct format" in page
    case_study.refresh_from_db()
    assert (case_study.title, case_study.status) == ("Swimming lessons booked online", CaseStudyStatus.CONFIRMED)


def test_it_is_not_found_for_another_supplier_s_people(client, case_study, url):
    other = UserFactory()
    SupplierFactory(members=[other])
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.post(url, data(case_study, title="Changed")).status_code == 404
    case_study.refresh_from_db()
    assert case_study.title == "Swimming lessons booked online"


def test_it_is_not_found_for_another_supplier_s_case_study(signed_in):
    other = CaseStudyFactory()
    assert signed_in.get(f"/tender/suppliers/open-councils/case-studies/{other.pk}/edit").status_code == 404
    assert signed_in.get(f"/tender/suppliers/{other.supplier.slug}/case-studies/{other.pk}/edit").status_code == 404


def test_it_refuses_other_methods(signed_in, url):
    assert signed_in.put(url).status_code == 405
