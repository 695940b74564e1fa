import pytest

from core.models import AuditEvent
from fund import assessment as assessing
from fund.tests.factories import AssessmentFactory
from fund.workflow import AssessmentStatus

pytestmark = pytest.mark.django_db


def scored(assessor, *values, recommendation="invite", comment="Worth inviting"):
    assessment = AssessmentFactory(assessor=assessor, started=True)
    criteria = assessing.criteria_for(assessment.bid.round, assessment.stage)
    assessing.save_scores(
        assessment,
        by=assessor,
        scores={c.pk: (value, f"About {c.title}") for c, value in zip(criteria, values, strict=False)},
        recommendation=recommendation,
        comment=comment,
    )
    return assessment


def url(assessment):
    return f"/assess/{assessment.pk}/check"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, assessor):
    response = client.get(url(scored(assessor, 3, 3)))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "moderator"])
def test_it_is_for_assessors_only(request, sign_in_verified, assessor, person):
    assessment = scored(assessor, 3, 3)
    assert sign_in_verified(request.getfixturevalue(person)).post(url(assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_another_assessors_assessment_is_not_found(sign_in_verified, assessor):
    other = scored(AssessmentFactory().assessor, 3, 3)
    assert sign_in_verified(assessor).post(url(other)).status_code == 404
    other.refresh_from_db()
    assert other.status == AssessmentStatus.IN_PROGRESS


def test_it_shows_the_answers_to_check_with_links_to_change_them(sign_in_verified, assessor):
    assessment = scored(assessor, 4, None)
    response = sign_in_verified(assessor).get(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ["4 – Strong", "About Collaboration", "Not applicable", "Invite to full application", "Worth inviting"]:
        assert text in page
    assert "Weighted total (0 to 4)" in page
    assert f'href="/assess/{assessment.pk}/score#id_recommendation_0"' in page


def test_it_submits_the_assessment(sign_in_verified, assessor):
    assessment = scored(assessor, 4, 2)
    client = sign_in_verified(assessor)
    response = client.post(url(assessment))
    assert response.status_code == 302
    assert response.url == f"/assess/{assessment.pk}"
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="fund.assessment_submitted", actor=assessor).exists()
    assert f"Your assessment of {assessment.bid.reference} is submitted" in client.get(response.url).content.decode()


def test_it_refuses_an_incomplete_assessment(sign_in_verified, assessor):
    assessment = scored(assessor, 4)
    response = sign_in_verified(assessor).post(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Score every criterion before you submit. Not scored yet: User needs" in page
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
