"""The services behind assessing bids: assignment and its conflict checks, conflict
declarations, scoring and the round's freezing, submission, and the outcome of an EOI."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent, OutboundEmail
from core.workflow import TransitionRefused
from fund import assessment as assessing
from fund import rounds
from fund.models import Assessment, Score
from fund.tests.factories import (
    AssessmentFactory,
    BidFactory,
    BidPartnerFactory,
    RoundFactory,
    ScoreFactory,
    SubmittedAssessmentFactory,
)
from fund.workflow import AssessmentStage, AssessmentStatus, BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    return BidFactory(submitted=True, title="Shared bin data", problem="Residents miss their collections")


def an_assessor(**fields):
    return UserFactory(assessor=True, **fields)


def answers(assessment, *values):
    """`save_scores`' scores for the assessment's criteria, in order, with a comment each."""
    criteria = assessing.criteria_for(assessment.bid.round, assessment.stage)
    return {criterion.pk: (value, "Because.") for criterion, value in zip(criteria, values, strict=True)}


class TestAssign:
    def test_it_assigns_at_the_stage_the_bid_waits_at_and_emails_a_link_without_the_bid(self, bid, moderator):
        assessors = [an_assessor(), an_assessor()]

        created = assessing.assign(bid, assessors, by=moderator)

        assert [(a.assessor, a.stage, a.status) for a in created] == [
            (assessors[0], AssessmentStage.EOI, AssessmentStatus.ASSIGNED),
            (assessors[1], AssessmentStage.EOI, AssessmentStatus.ASSIGNED),
        ]
        assert all(a.assigned_by == moderator for a in created)
        assert AuditEvent.objects.filter(action="fund.assessor_assigned", actor=moderator).count() == 2
        (email,) = [message for message in mail.outbox if message.to == [assessors[0].email]]
        assert "http://testserver/assess" in email.body
        assert "Shared bin data" not in email.subject + email.body
        assert "Residents miss" not in email.body

    def test_a_submitted_application_is_assessed_at_the_application_stage(self, moderator):
        bid = BidFactory(status=BidStatus.APPLICATION_SUBMITTED)
        (assessment,) = assessing.assign(bid, [an_assessor()], by=moderator)
        assert assessment.stage == AssessmentStage.APPLICATION

    def test_it_refuses_an_assessor_from_the_lead_organisation(self, bid, moderator):
        assessor = an_assessor(full_name="Lee Lead")
        MembershipFactory(user=assessor, organisation=bid.lead_organisation)
        with pytest.raises(
            TransitionRefused, match=f"Lee Lead cannot assess this bid: they work at {bid.lead_organisation}, the lead"
        ):
            assessing.assign(bid, [assessor], by=moderator)

    def test_it_refuses_an_assessor_from_a_partner_organisation_and_assigns_nobody(self, bid, moderator):
        partner = BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnershire")
        assessor = an_assessor(full_name="Pat Partner")
        MembershipFactory(user=assessor, organisation=partner.organisation)
        with pytest.raises(
            TransitionRefused, match="Pat Partner cannot assess this bid: they work at Partnershire, a partner"
        ) as refusal:
            assessing.assign(bid, [an_assessor(), assessor], by=moderator)
        assert refusal.value.field == "assessors"
        assert not Assessment.objects.exists()
        assert not OutboundEmail.objects.exists()

    def test_a_partner_still_to_confirm_counts_but_one_that_declined_does_not(self, bid, moderator):
        invited, declined = BidPartnerFactory(bid=bid), BidPartnerFactory(bid=bid, status="declined")
        first, second = an_assessor(), an_assessor()
        MembershipFactory(user=first, organisation=invited.organisation)
        MembershipFactory(user=second, organisation=declined.organisation)
        with pytest.raises(TransitionRefused):
            assessing.assign(bid, [first], by=moderator)
        assert len(assessing.assign(bid, [second], by=moderator)) == 1

    def test_only_an_approved_membership_blocks(self, bid, moderator):
        assessor = an_assessor()
        MembershipFactory(user=assessor, organisation=bid.lead_organisation, pending=True)
        assert len(assessing.assign(bid, [assessor], by=moderator)) == 1

    def test_it_refuses_someone_who_is_not_an_assessor(self, bid, moderator, member):
        with pytest.raises(TransitionRefused, match="is not an assessor"):
            assessing.assign(bid, [member], by=moderator)

    def test_it_refuses_an_assessor_already_assigned(self, bid, moderator):
        assessor = an_assessor(full_name="Ada Again")
        assessing.assign(bid, [assessor], by=moderator)
        with pytest.raises(TransitionRefused, match="Ada Again is already assigned to this bid"):
            assessing.assign(bid, [assessor], by=moderator)

    @pytest.mark.parametrize("status", [BidStatus.DRAFT, BidStatus.INVITED, BidStatus.EOI_DECLINED])
    def test_it_refuses_a_bid_not_waiting_for_assessment(self, moderator, status):
        with pytest.raises(TransitionRefused, match="Assessors cannot be assigned because the bid is"):
            assessing.assign(BidFactory(status=status), [an_assessor()], by=moderator)

    def test_it_refuses_anyone_but_staff(self, bid, assessor):
        with pytest.raises(TransitionRefused, match="permission"):
            assessing.assign(bid, [an_assessor()], by=assessor)


class TestRemoveAssessor:
    def test_it_removes_an_assessor_who_has_not_scored(self, moderator):
        assessment = AssessmentFactory(started=True)
        assessing.remove_assessor(assessment, by=moderator)
        assert not Assessment.objects.exists()
        event = AuditEvent.objects.get(action="fund.assessor_removed")
        assert event.object_id == str(assessment.bid.pk)

    def test_it_refuses_once_they_have_scored(self, moderator):
        score = ScoreFactory()
        with pytest.raises(TransitionRefused, match="started scoring"):
            assessing.remove_assessor(score.assessment, by=moderator)
        assert Assessment.objects.count() == 1

    def test_it_keeps_a_declared_conflict(self, moderator):
        assessment = AssessmentFactory(status=AssessmentStatus.CONFLICTED)
        with pytest.raises(TransitionRefused, match="declared a conflict"):
            assessing.remove_assessor(assessment, by=moderator)


class TestConflicts:
    def test_no_conflict_opens_the_bid_to_the_assessor(self):
        assessment = AssessmentFactory()
        assessing.declare_no_conflict(assessment, by=assessment.assessor)
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.IN_PROGRESS
        assert assessment.conflict_declared_at is not None
        assert AuditEvent.objects.filter(action="fund.assessment_started").exists()

    def test_a_conflict_ends_their_part_and_keeps_the_note_out_of_the_trail(self):
        assessment = AssessmentFactory()
        assessing.declare_conflict(assessment, by=assessment.assessor, note="I advised Testshire last year")
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.CONFLICTED
        assert assessment.conflict_note == "I advised Testshire last year"
        event = AuditEvent.objects.get(action="fund.conflict_declared")
        assert "Testshire" not in event.reason + str(event.changes)

    def test_a_conflict_needs_a_note(self):
        assessment = AssessmentFactory()
        with pytest.raises(TransitionRefused, match="Describe your conflict of interest"):
            assessing.declare_conflict(assessment, by=assessment.assessor, note=" ")

    def test_another_assessor_cannot_declare_for_them(self):
        assessment = AssessmentFactory()
        with pytest.raises(TransitionRefused, match="no longer assigned to you"):
            assessing.declare_no_conflict(assessment, by=an_assessor())
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.ASSIGNED

    def test_joining_a_partner_after_assignment_blocks_the_assessor_when_they_open_it(self):
        assessment = AssessmentFactory()
        partner = BidPartnerFactory(bid=assessment.bid, organisation__name="Laterton Council")
        MembershipFactory(user=assessment.assessor, organisation=partner.organisation)
        assert assessing.why_closed(assessment) == (
            "You cannot assess this bid because you work at Laterton Council, a partner organisation in it"
        )
        with pytest.raises(TransitionRefused, match="Laterton Council"):
            assessing.declare_no_conflict(assessment, by=assessment.assessor)


class TestScoring:
    def test_it_keeps_a_draft_and_freezes_the_round_at_the_first_score(self):
        assessment = AssessmentFactory(started=True)
        round_ = assessment.bid.round
        assert round_.frozen_at is None
        assessing.save_scores(assessment, by=assessment.assessor, scores=answers(assessment, 3, None))

        round_.refresh_from_db()
        frozen_at = round_.frozen_at
        assert frozen_at is not None
        assert [(s.score, s.comment) for s in Score.objects.order_by("criterion__position")] == [
            (3, "Because."),
            (None, "Because."),
        ]
        assert AuditEvent.objects.filter(action="fund.round_frozen").count() == 1

        other = AssessmentFactory(started=True, bid__round=round_)
        assessing.save_scores(other, by=other.assessor, scores=answers(other, 1, 2))
        round_.refresh_from_db()
        assert round_.frozen_at == frozen_at
        assert AuditEvent.objects.filter(action="fund.round_frozen").count() == 1

    def test_after_the_first_score_staff_can_no_longer_change_the_criteria(self, moderator):
        assessment = AssessmentFactory(started=True)
        round_ = assessment.bid.round
        collaboration, needs = assessing.criteria_for(round_, AssessmentStage.EOI)
        rounds.save_criterion(
            round_,
            by=moderator,
            stage="eoi",
            title="Working together",
            guidance="Before scoring",
            weight=40,
            existing=collaboration,
        )
        assessing.save_scores(assessment, by=assessment.assessor, scores=answers(assessment, 3, None))

        with pytest.raises(TransitionRefused, match="criteria can no longer change"):
            rounds.save_criterion(
                round_,
                by=moderator,
                stage="eoi",
                title="Rewritten",
                guidance="After scoring",
                weight=90,
                existing=collaboration,
            )
        with pytest.raises(TransitionRefused, match="criteria can no longer change"):
            rounds.remove_criterion(round_, by=moderator, criterion=needs)
        score = Score.objects.select_related("criterion").get(criterion=collaboration)
        assert (score.criterion.title, score.criterion.weight) == ("Working together", 40)
        assert round_.criteria.count() == 4

    def test_a_draft_with_no_score_leaves_the_round_open(self):
        assessment = AssessmentFactory(started=True)
        assessing.save_scores(assessment, by=assessment.assessor, scores={}, comment="First thoughts")
        assessment.bid.round.refresh_from_db()
        assert assessment.bid.round.frozen_at is None
        assessment.refresh_from_db()
        assert assessment.comment == "First thoughts"

    def test_it_refuses_a_criterion_of_another_stage(self):
        assessment = AssessmentFactory(started=True)
        application = assessment.bid.round.criteria.filter(stage=AssessmentStage.APPLICATION).first()
        with pytest.raises(TransitionRefused, match="criteria for this bid have changed"):
            assessing.save_scores(assessment, by=assessment.assessor, scores={application.pk: (2, "x")})
        assert not Score.objects.exists()
        assessment.bid.round.refresh_from_db()
        assert assessment.bid.round.frozen_at is None

    def test_it_refuses_a_recommendation_of_the_other_stage(self):
        assessment = AssessmentFactory(started=True)
        with pytest.raises(TransitionRefused, match="Choose one of the recommendations"):
            assessing.save_scores(assessment, by=assessment.assessor, scores={}, recommendation="fund")

    def test_it_refuses_scores_before_the_conflict_declaration(self):
        assessment = AssessmentFactory()
        with pytest.raises(TransitionRefused, match="waiting for a conflict declaration"):
            assessing.save_scores(assessment, by=assessment.assessor, scores=answers(assessment, 3, 3))

    def test_it_refuses_scores_from_another_assessor(self):
        assessment = AssessmentFactory(started=True)
        with pytest.raises(TransitionRefused, match="no longer assigned to you"):
            assessing.save_scores(assessment, by=an_assessor(), scores=answers(assessment, 3, 3))

    def test_it_refuses_scores_once_the_bid_has_moved_on(self):
        assessment = AssessmentFactory(started=True, bid__status=BidStatus.INVITED)
        with pytest.raises(TransitionRefused, match="no longer needs your assessment"):
            assessing.save_scores(assessment, by=assessment.assessor, scores=answers(assessment, 3, 3))


class TestSubmit:
    def complete(self, *values, recommendation="invite", comment="Strong collaboration"):
        assessment = AssessmentFactory(started=True)
        assessing.save_scores(
            assessment,
            by=assessment.assessor,
            scores=answers(assessment, *values),
            recommendation=recommendation,
            comment=comment,
        )
        return assessment

    def test_it_submits_a_complete_assessment(self):
        assessment = self.complete(4, None)
        assessing.submit(assessment, by=assessment.assessor)
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.SUBMITTED
        assert assessment.submitted_at is not None
        assert AuditEvent.objects.filter(action="fund.assessment_submitted").exists()
        with pytest.raises(TransitionRefused, match="because it is submitted"):
            assessing.save_scores(assessment, by=assessment.assessor, scores=answers(assessment, 0, 0))

    def test_it_refuses_an_unscored_criterion(self):
        assessment = AssessmentFactory(started=True)
        first = assessing.criteria_for(assessment.bid.round, assessment.stage)[0]
        assessing.save_scores(
            assessment, by=assessment.assessor, scores={first.pk: (2, "Fine")}, recommendation="invite", comment="Ok"
        )
        with pytest.raises(TransitionRefused, match="Not scored yet: User needs"):
            assessing.submit(assessment, by=assessment.assessor)

    def test_it_refuses_when_every_criterion_is_not_applicable(self):
        assessment = self.complete(None, None)
        with pytest.raises(TransitionRefused, match="cannot all be not applicable"):
            assessing.submit(assessment, by=assessment.assessor)

    def test_it_refuses_without_a_recommendation(self):
        assessment = self.complete(3, 3, recommendation="")
        with pytest.raises(TransitionRefused, match="Choose your recommendation"):
            assessing.submit(assessment, by=assessment.assessor)

    def test_it_refuses_without_a_comment_on_the_recommendation(self):
        assessment = self.complete(3, 3, comment=" ")
        with pytest.raises(TransitionRefused, match="Enter a comment on your recommendation"):
            assessing.submit(assessment, by=assessment.assessor)


class TestOutcome:
    @pytest.fixture
    def bid(self):
        # Outcomes are recorded once expressions of interest have closed.
        return BidFactory(submitted=True, round__evaluating=True, title="Shared bin data")

    @pytest.fixture
    def assessed(self, bid):
        partner = BidPartnerFactory(bid=bid, confirmed=True, contact_email="pat@partner.example.gov.uk")
        BidPartnerFactory(bid=bid, contact_email="still.thinking@other.example.gov.uk")
        for values in ([4, 3], [2, 1]):
            SubmittedAssessmentFactory(bid=bid, scores=values, assessor__full_name=f"Assessor {values[0]}")
        return partner

    def test_it_invites_the_bid_and_emails_the_applicants_without_scores_or_assessors(self, bid, assessed, moderator):
        assessing.record_eoi_outcome(bid, by=moderator, outcome="invite", feedback="Show the user research plan")

        bid.refresh_from_db()
        assert bid.status == BidStatus.INVITED
        assert bid.eoi_decided_at is not None
        assert bid.eoi_feedback == "Show the user research plan"
        event = AuditEvent.objects.get(action="fund.invited")
        assert event.changes == {"status": ["eoi_submitted", "invited"]}
        assert sorted(message.to[0] for message in mail.outbox) == sorted(
            [bid.created_by.email, "pat@partner.example.gov.uk"]
        )
        for email in mail.outbox:
            assert email.subject == f"You are invited to make a full application to {bid.round} ({bid.reference})"
            assert "Show the user research plan" in email.body
            assert "Assessor" not in email.body
            assert "3.4" not in email.body and "1.6" not in email.body

    def test_it_declines_with_feedback(self, bid, assessed, moderator):
        assessing.record_eoi_outcome(bid, by=moderator, outcome="decline_eoi", feedback="Not collaborative enough")
        bid.refresh_from_db()
        assert bid.status == BidStatus.EOI_DECLINED
        assert AuditEvent.objects.get(action="fund.eoi_declined").reason == "Not collaborative enough"
        email = next(message for message in mail.outbox if message.to == [bid.created_by.email])
        assert "not been invited to make a full application" in email.body
        assert "Not collaborative enough" in email.body

    def test_declining_needs_feedback(self, bid, assessed, moderator):
        with pytest.raises(TransitionRefused, match="Enter feedback for the applicants") as refusal:
            assessing.record_eoi_outcome(bid, by=moderator, outcome="decline_eoi", feedback="")
        assert refusal.value.field == "feedback"
        bid.refresh_from_db()
        assert bid.status == BidStatus.EOI_SUBMITTED

    def test_it_waits_for_expressions_of_interest_to_close(self, bid, assessed, moderator):
        bid.round.eoi_closes_at = timezone.now() + timedelta(days=1)
        bid.round.save()
        with pytest.raises(TransitionRefused, match="Expressions of interest are open until .* once they have closed"):
            assessing.record_eoi_outcome(bid, by=moderator, outcome="invite")
        bid.refresh_from_db()
        assert bid.status == BidStatus.EOI_SUBMITTED

    def test_it_waits_for_two_submitted_assessments(self, bid, moderator):
        SubmittedAssessmentFactory(bid=bid)
        AssessmentFactory(bid=bid, started=True)
        AssessmentFactory(bid=bid, status=AssessmentStatus.CONFLICTED)
        with pytest.raises(TransitionRefused, match="At least 2 assessors must submit .* 1 has so far"):
            assessing.record_eoi_outcome(bid, by=moderator, outcome="invite")
        assert not OutboundEmail.objects.exists()

    def test_only_staff_record_an_outcome(self, bid, assessed, assessor):
        with pytest.raises(TransitionRefused, match="permission"):
            assessing.record_eoi_outcome(bid, by=assessor, outcome="invite")

    def test_an_outcome_is_recorded_once(self, bid, assessed, moderator):
        assessing.record_eoi_outcome(bid, by=moderator, outcome="invite")
        with pytest.raises(TransitionRefused, match="cannot be declined because it is invited to apply"):
            assessing.record_eoi_outcome(bid, by=moderator, outcome="decline_eoi", feedback="Changed my mind")


@pytest.mark.django_db(transaction=True)
def test_two_staff_recording_outcomes_at_once_end_with_exactly_one():
    bid = BidFactory(submitted=True, round__evaluating=True)
    SubmittedAssessmentFactory(bid=bid)
    SubmittedAssessmentFactory(bid=bid)
    staff = [UserFactory(moderator=True), UserFactory(moderator=True)]
    outcomes = []
    barrier = threading.Barrier(2)

    def decide(person, outcome):
        barrier.wait()
        try:
            assessing.record_eoi_outcome(bid, by=person, outcome=outcome, feedback="Thank you")
            outcomes.append("recorded")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=pair) for pair in zip(staff, ["invite", "decline_eoi"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["recorded", "refused"]
    assert AuditEvent.objects.filter(action__in=["fund.invited", "fund.eoi_declined"]).count() == 1
    assert OutboundEmail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_first_scores_at_once_freeze_the_round_once():
    round_ = RoundFactory()
    assessments = [AssessmentFactory(started=True, bid__round=round_) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def score(assessment, scores):
        barrier.wait()
        try:
            assessing.save_scores(assessment, by=assessment.assessor, scores=scores)
            outcomes.append("saved")
        finally:
            connection.close()

    # The answers are read before the threads start, so only the service meets the race.
    threads = [threading.Thread(target=score, args=(each, answers(each, 2, 3))) for each in assessments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["saved", "saved"]
    round_.refresh_from_db()
    assert round_.frozen_at is not None
    assert AuditEvent.objects.filter(action="fund.round_frozen").count() == 1
