import pytest

from fund.tests.factories import AssessmentFactory, SubmittedAssessmentFactory
from fund.workflow import AssessmentStatus

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/assess/{assessment.pk}"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    response = client.get(url(AssessmentFactory()))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "moderator"])
def test_it_is_for_assessors_only(request, sign_in_verified, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(SubmittedAssessmentFactory())).status_code == 403


def test_another_assessors_or_a_conflicted_assessment_is_not_found(sign_in_verified, assessor):
    client = sign_in_verified(assessor)
    assert client.get(url(SubmittedAssessmentFactory())).status_code == 404
    conflicted = AssessmentFactory(assessor=assessor, status=AssessmentStatus.CONFLICTED)
    assert client.get(url(conflicted)).status_code == 404


def test_it_starts_with_the_conflict_declaration_then_the_scoring(sign_in_verified, assessor):
    assessment = AssessmentFactory(assessor=assessor)
    client = sign_in_verified(assessor)
    assert client.get(url(assessment)).url == f"/assess/{assessment.pk}/conflicts"
    assessment.status = AssessmentStatus.IN_PROGRESS
    assessment.save()
    assert client.get(url(assessment)).url == f"/assess/{assessment.pk}/score"


def test_after_submitting_it_shows_their_assessment_and_others_submitted_scores(sign_in_verified, assessor):
    mine = SubmittedAssessmentFactory(assessor=assessor, scores=[4, 4], comment="My overall view")
    other = SubmittedAssessmentFactory(bid=mine.bid, scores=[1, 2], comment="A colleague's overall view")
    other.scores.update(comment="A colleague's reasoning")
    unfinished = AssessmentFactory(bid=mine.bid, started=True, comment="A draft nobody else sees")

    response = sign_in_verified(assessor).get(url(mine))

    assert response.status_code == 200
    page = response.content.decode()
    assert "My overall view" in page
    assert "A colleague&#x27;s overall view" in page
    assert "A colleague&#x27;s reasoning" in page
    assert "A draft nobody else sees" not in page
    assert other.assessor.full_name not in page
    assert unfinished.assessor.full_name not in page
    assert (
        "Now that you have submitted your assessment, you can see the assessments other assessors have submitted"
        in page
    )
