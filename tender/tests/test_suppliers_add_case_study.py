import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tender.models import CaseStudy
from tender.tests.factories import SupplierFactory
from tender.views.suppliers import add_case_study
from tender.workflow import CaseStudyStatus

pytestmark = pytest.mark.django_db

URL = "/tender/suppliers/open-councils/case-studies/add"


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def supplier(person):
    return SupplierFactory(name="Open Councils Ltd", slug="open-councils", members=[person])


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council", organisation_type=OrganisationType.COUNTY)


@pytest.fixture
def signed_in(client, person, supplier):
    client.force_login(person)
    return client


def case_study_data(**changes) -> dict:
    data = {
        "organisation": "Testshire County Council",
        "title": "Swimming lessons booked online",
        "summary": "We built the leisure centres' booking service with the council's leisure team.",
        "link": "https://www.opencouncils.example/testshire",
    }
    return data | changes


def test_it_needs_someone_signed_in(client, supplier):
    assert add_case_study.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_suggests_councils_and_public_bodies_only(signed_in, council):
    OrganisationFactory(name="Testshire Community Trust", organisation_type=OrganisationType.NON_PROFIT)
    OrganisationFactory(name="Old Testshire District Council", ended=True)
    page = signed_in.get(URL).content.decode()
    assert 'list="organisation-names"' in page
    assert '<option value="Testshire County Council"></option>' in page
    assert "Testshire Community Trust" not in page
    assert "Old Testshire District Council" not in page


def test_it_adds_the_case_study_and_asks_the_council_s_people_to_confirm_it(signed_in, person, supplier, council):
    officer = MembershipFactory(organisation=council, user__email="chris@testshire.example.gov.uk").user
    MembershipFactory(organisation=council, pending=True, user__email="waiting@testshire.example.gov.uk")
    MembershipFactory(user__email="elsewhere@other.example.gov.uk")
    response = signed_in.post(URL, case_study_data(organisation="testshire county council"))
    assert response.status_code == 302
    assert response.url == "/tender/suppliers/open-councils/case-studies"
    case_study = CaseStudy.objects.get()
    assert (case_study.supplier, case_study.organisation) == (supplier, council)
    assert (case_study.title, case_study.status) == ("Swimming lessons booked online", CaseStudyStatus.UNCONFIRMED)
    assert case_study.link == "https://www.opencouncils.example/testshire"
    audit = AuditEvent.objects.get(action="tender.case_study_added")
    assert audit.actor == person
    assert audit.changes == {"organisation": [None, "Testshire County Council"], "status": [None, "unconfirmed"]}
    (email,) = mail.outbox
    assert email.to == [officer.email]
    assert email.subject == "Did Open Councils Ltd do this work with Testshire County Council?"
    assert f"/tender/case-studies/{case_study.pk}" in email.body
    assert "sam@opencouncils.example" not in email.body


def test_it_says_what_is_missing_and_adds_nothing(signed_in, council):
    response = signed_in.post(URL, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert '<a href="#id_organisation">Enter the name of the council the work was for</a>' in page
    assert '<a href="#id_title">Enter a title for the case study</a>' in page
    assert '<a href="#id_summary">Enter what was done and what came of it</a>' in page
    assert not CaseStudy.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"organisation": "Nowhere Council"}, "Enter the name of a council from the list"),
        (
            {"organisation": "Testshire Community Trust"},
            "Testshire Community Trust is not a council or public body. Enter the name of the council the work was for",
        ),
        ({"organisation": "Old Testshire District Council"}, "Enter the name of a council from the list"),
        ({"link": "javascript:alert(1)"}, "Enter the link in the correct format"),
        ({"title": "x" * 151}, "The title must be 150 characters or fewer"),
    ],
)
def test_it_refuses_answers_it_cannot_take(signed_in, council, changes, message):
    OrganisationFactory(name="Testshire Community Trust", organisation_type=OrganisationType.NON_PROFIT)
    OrganisationFactory(name="Old Testshire District Council", ended=True)
    page = signed_in.post(URL, case_study_data(**changes)).content.decode()
    assert message in page
    assert not CaseStudy.objects.exists()


def test_it_asks_which_council_when_two_share_a_name(signed_in, council):
    OrganisationFactory(name="Testshire County Council", organisation_type=OrganisationType.COUNTY)
    page = signed_in.post(URL, case_study_data()).content.decode()
    assert "More than one council is called Testshire County Council. Enter its full name from the list" in page
    assert not CaseStudy.objects.exists()


def test_it_is_not_found_for_another_supplier_s_people(client, supplier, council):
    other = UserFactory()
    SupplierFactory(members=[other])
    client.force_login(other)
    assert client.get(URL).status_code == 404
    assert client.post(URL, case_study_data()).status_code == 404
    assert not CaseStudy.objects.exists()


def test_it_refuses_other_methods(signed_in):
    assert signed_in.put(URL).status_code == 405
