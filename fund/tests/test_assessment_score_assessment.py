import pytest

from fund.models import Score
from fund.tests.factories import AssessmentFactory, SubmittedAssessmentFactory
from fund.workflow import AssessmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(assessor):
    return AssessmentFactory(
        assessor=assessor, started=True, bid__title="Open planning data", bid__problem="Nobody can find the plans"
    )


def url(assessment):
    return f"/assess/{assessment.pk}/score"


def criteria(assessment):
    return list(assessment.bid.round.criteria.filter(stage=assessment.stage))


def complete_answers(assessment, **changes):
    collaboration, needs = criteria(assessment)
    data = {
        f"score_{collaboration.pk}": "4",
        f"comment_{collaboration.pk}": "Three councils share the work",
        f"score_{needs.pk}": "na",
        f"comment_{needs.pk}": "Research comes at the next stage",
        "recommendation": "invite",
        "comment": "Worth a full application",
        "action": "continue",
    }
    data.update(changes)
    return data


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, assessment):
    response = client.get(url(assessment))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "moderator"])
def test_it_is_for_assessors_only(request, sign_in_verified, assessment, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(assessment)).status_code == 403


def test_another_assessors_assessment_is_not_found(sign_in_verified, assessment):
    other = AssessmentFactory(started=True, bid=assessment.bid)
    client = sign_in_verified(assessment.assessor)
    assert client.get(url(other)).status_code == 404
    assert client.post(url(other), complete_answers(other)).status_code == 404
    assert not Score.objects.exists()


def test_an_unassigned_or_conflicted_bid_is_not_found(sign_in_verified, assessor):
    conflicted = AssessmentFactory(assessor=assessor, status=AssessmentStatus.CONFLICTED)
    client = sign_in_verified(assessor)
    assert client.get(url(conflicted)).status_code == 404
    assert client.get("/assess/999999/score").status_code == 404


def test_it_shows_the_bid_and_each_criterion_with_its_guidance_and_weight(sign_in_verified, assessment):
    response = sign_in_verified(assessment.assessor).get(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Nobody can find the plans",
        "Collaboration",
        "Partners share the work.",
        "Weight 40 of 100",
        "User needs",
        "Score for “User needs”",
        "Not applicable",
        "Invite to full application",
        "You will see other assessors’ scores for this bid once you have submitted yours",
    ]:
        assert text in page
    assert "Fund" not in [label for _, label in response.context["form"].fields["recommendation"].choices]


def test_it_never_shows_another_assessors_scores_before_submitting(sign_in_verified, assessment):
    other = SubmittedAssessmentFactory(bid=assessment.bid, comment="The other assessor's secret view")
    other.scores.update(comment="Another assessor's reasoning")
    page = sign_in_verified(assessment.assessor).get(url(assessment)).content.decode()
    assert "secret view" not in page
    assert "Another assessor" not in page


def test_continuing_saves_the_scores_and_goes_to_check_them(sign_in_verified, assessment):
    response = sign_in_verified(assessment.assessor).post(url(assessment), complete_answers(assessment))
    assert response.status_code == 302
    assert response.url == f"/assess/{assessment.pk}/check"
    assert [(s.criterion.title, s.score) for s in Score.objects.order_by("criterion__position")] == [
        ("Collaboration", 4),
        ("User needs", None),
    ]
    assessment.refresh_from_db()
    assert (assessment.recommendation, assessment.comment) == ("invite", "Worth a full application")
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assessment.bid.round.refresh_from_db()
    assert assessment.bid.round.frozen_at is not None


def test_continuing_needs_every_answer(sign_in_verified, assessment):
    collaboration, needs = criteria(assessment)
    data = complete_answers(assessment, recommendation="", comment="")
    data[f"comment_{collaboration.pk}"] = ""
    del data[f"score_{needs.pk}"]

    response = sign_in_verified(assessment.assessor).post(url(assessment), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert f'href="#id_comment_{collaboration.pk}">Enter a comment on Collaboration' in page
    assert f'href="#id_score_{needs.pk}_0">Choose a score for User needs, or not applicable' in page
    assert 'href="#id_recommendation_0">Choose your recommendation' in page
    assert 'href="#id_comment">Enter a comment on your recommendation' in page
    assert not Score.objects.exists()


def test_every_criterion_cannot_be_not_applicable(sign_in_verified, assessment):
    collaboration, _ = criteria(assessment)
    data = complete_answers(assessment, **{f"score_{collaboration.pk}": "na"})
    response = sign_in_verified(assessment.assessor).post(url(assessment), data)
    assert "Score at least one criterion: they cannot all be not applicable" in response.content.decode()
    assert not Score.objects.exists()


def test_a_draft_keeps_what_is_answered(sign_in_verified, assessment):
    collaboration, needs = criteria(assessment)
    data = {f"score_{collaboration.pk}": "2", f"comment_{collaboration.pk}": "So far so good", "action": "draft"}
    client = sign_in_verified(assessment.assessor)

    response = client.post(url(assessment), data)

    assert response.status_code == 302
    assert response.url == "/assess"
    assert [(s.criterion_id, s.score) for s in Score.objects.all()] == [(collaboration.pk, 2)]
    form = client.get(url(assessment)).context["form"]
    assert form.initial[f"score_{collaboration.pk}"] == "2"
    assert form.initial[f"comment_{collaboration.pk}"] == "So far so good"
    assert f"score_{needs.pk}" not in form.initial


def test_a_draft_comment_needs_its_score(sign_in_verified, assessment):
    _, needs = criteria(assessment)
    data = {f"comment_{needs.pk}": "Half a thought", "action": "draft"}
    response = sign_in_verified(assessment.assessor).post(url(assessment), data)
    assert "Choose a score for User needs, or not applicable" in response.content.decode()


def test_a_score_outside_the_scale_is_refused(sign_in_verified, assessment):
    collaboration, _ = criteria(assessment)
    data = complete_answers(assessment, **{f"score_{collaboration.pk}": "5"})
    response = sign_in_verified(assessment.assessor).post(url(assessment), data)
    assert "Choose a score for Collaboration from the list" in response.content.decode()
    assert not Score.objects.exists()


def test_a_submitted_assessment_is_read_only(sign_in_verified, assessor):
    submitted = SubmittedAssessmentFactory(assessor=assessor, scores=[1, 1])
    client = sign_in_verified(assessor)
    assert client.get(url(submitted)).url == f"/assess/{submitted.pk}"
    response = client.post(url(submitted), complete_answers(submitted))
    assert response.status_code == 302
    assert sorted(submitted.scores.values_list("score", flat=True)) == [1, 1]
