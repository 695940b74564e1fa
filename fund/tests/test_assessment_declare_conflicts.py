import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from fund.tests.factories import AssessmentFactory, BidPartnerFactory
from fund.workflow import AssessmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(assessor):
    assessment = AssessmentFactory(
        assessor=assessor,
        bid__title="Open planning data",
        bid__problem="Nobody can find the planning applications",
        bid__lead_organisation__name="Leadshire Council",
    )
    BidPartnerFactory(bid=assessment.bid, organisation__name="Partnerton District Council")
    return assessment


def url(assessment):
    return f"/assess/{assessment.pk}/conflicts"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, assessment):
    response = client.get(url(assessment))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "moderator"])
def test_it_is_for_assessors_only(request, sign_in_verified, assessment, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(assessment)).status_code == 403


def test_another_assessors_assessment_is_not_found(sign_in_verified, assessment):
    other = AssessmentFactory()
    client = sign_in_verified(assessment.assessor)
    assert client.get(url(other)).status_code == 404
    assert client.post(url(other), {"conflict": "no"}).status_code == 404
    other.refresh_from_db()
    assert other.status == AssessmentStatus.ASSIGNED


def test_it_shows_only_the_title_and_organisations_before_the_declaration(sign_in_verified, assessment):
    response = sign_in_verified(assessment.assessor).get(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ["Open planning data", "Leadshire Council", "Partnerton District Council"]:
        assert text in page
    assert "Nobody can find" not in page
    assert assessment.bid.principles not in page


def test_no_conflict_leads_to_the_bid_and_its_scoring(sign_in_verified, assessment):
    response = sign_in_verified(assessment.assessor).post(url(assessment), {"conflict": "no"})
    assert response.status_code == 302
    assert response.url == f"/assess/{assessment.pk}/score"
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert AuditEvent.objects.filter(action="fund.assessment_started", actor=assessment.assessor).exists()


def test_a_conflict_is_recorded_and_the_bid_stays_hidden(sign_in_verified, assessment):
    client = sign_in_verified(assessment.assessor)
    response = client.post(url(assessment), {"conflict": "yes", "note": "I used to work at Leadshire"})
    assert response.status_code == 302
    assert response.url == "/assess"
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONFLICTED
    assert assessment.conflict_note == "I used to work at Leadshire"
    assert "You declared a conflict of interest" in client.get("/assess").content.decode()
    assert client.get(f"/assess/{assessment.pk}/score").status_code == 404
    assert client.get(url(assessment)).status_code == 404


def test_a_conflict_needs_a_description(sign_in_verified, assessment):
    response = sign_in_verified(assessment.assessor).post(url(assessment), {"conflict": "yes", "note": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert 'href="#id_note"' in page
    assert "Describe your conflict of interest" in page
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ASSIGNED


def test_it_asks_for_an_answer(sign_in_verified, assessment):
    page = sign_in_verified(assessment.assessor).post(url(assessment), {}).content.decode()
    assert 'href="#id_conflict_0"' in page
    assert "Choose whether you have a conflict of interest" in page


def test_an_assessor_who_works_at_a_partner_is_blocked_without_seeing_the_form(sign_in_verified, assessment):
    partner = assessment.bid.partners.get()
    MembershipFactory(user=assessment.assessor, organisation=partner.organisation)
    client = sign_in_verified(assessment.assessor)

    response = client.get(url(assessment))

    assert response.status_code == 403
    assert (
        "You cannot assess this bid because you work at Partnerton District Council, a partner organisation in it"
        in response.content.decode()
    )
    assert client.post(url(assessment), {"conflict": "no"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.ASSIGNED


def test_once_declared_it_goes_on_to_the_assessment(sign_in_verified, assessment):
    assessment.status = AssessmentStatus.IN_PROGRESS
    assessment.save()
    response = sign_in_verified(assessment.assessor).get(url(assessment))
    assert response.status_code == 302
    assert response.url == f"/assess/{assessment.pk}"


def test_a_partner_that_declined_is_not_listed(sign_in_verified, assessment):
    BidPartnerFactory(bid=assessment.bid, status="declined", organisation__name="Saidno Borough Council")
    page = sign_in_verified(assessment.assessor).get(url(assessment)).content.decode()
    assert "Partnerton District Council" in page
    assert "Saidno Borough Council" not in page
