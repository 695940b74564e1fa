import pytest

from core.models import AuditEvent
from fund.models import Assessment
from fund.tests.factories import AssessmentFactory, BidFactory, ScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    return AssessmentFactory(bid__reference="LDF-ABC123", assessor__full_name="Ann Assessor")


def url(assessment):
    return f"/manage/fund/bids/{assessment.bid.reference}/assessors/{assessment.pk}/remove"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, assessment):
    response = client.post(url(assessment))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")
    assert Assessment.objects.exists()


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_staff(request, sign_in_verified, assessment, person):
    assert sign_in_verified(request.getfixturevalue(person)).post(url(assessment)).status_code == 403
    assert Assessment.objects.exists()


def test_it_only_accepts_a_post(sign_in_verified, moderator, assessment):
    assert sign_in_verified(moderator).get(url(assessment)).status_code == 405


def test_another_bids_assessment_is_not_found(sign_in_verified, moderator, assessment):
    other = BidFactory(submitted=True, reference="LDF-OTHER1")
    response = sign_in_verified(moderator).post(f"/manage/fund/bids/{other.reference}/assessors/{assessment.pk}/remove")
    assert response.status_code == 404
    assert Assessment.objects.exists()


def test_it_removes_an_assessor_who_has_not_scored(sign_in_verified, moderator, assessment):
    client = sign_in_verified(moderator)
    response = client.post(url(assessment))
    assert response.status_code == 302
    assert response.url == "/manage/fund/bids/LDF-ABC123"
    assert not Assessment.objects.exists()
    assert AuditEvent.objects.filter(action="fund.assessor_removed", actor=moderator).exists()
    assert "Ann Assessor no longer assesses this bid" in client.get(response.url).content.decode()


def test_it_refuses_once_they_have_scored(sign_in_verified, moderator):
    score = ScoreFactory(assessment__bid__reference="LDF-SCORED")
    response = sign_in_verified(moderator).post(url(score.assessment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "This assessor has started scoring the bid, so they cannot be removed" in page
    assert Assessment.objects.exists()
