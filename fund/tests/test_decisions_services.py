import threading

import pytest
from django.core import mail
from django.db import connection

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from fund import decisions
from fund.models import FundedProject, Phase, Round
from fund.tests.factories import (
    BidPartnerFactory,
    RoundFactory,
    SubmittedAssessmentFactory,
    member_of,
    submitted_application,
)
from fund.workflow import AssessmentStage, BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory(deciding=True, budget=100_000, phases={Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000})


@pytest.fixture
def bid(round_):
    return submitted_application(round=round_, amount_requested=40_000, title="Open bin data")


@pytest.fixture
def staff():
    return UserFactory(moderator=True, email="mo@localdigital.example")


@pytest.fixture
def approver():
    return UserFactory(fund_approver=True, email="priya@localdigital.example")


def propose_award(bid, by, amount=40_000, **fields):
    return decisions.propose_decision(bid, by=by, fund=True, award_amount=amount, **fields)


class TestProposing:
    def test_an_award_is_reserved_against_the_round_budget(self, bid, staff, round_, approver):
        proposed = propose_award(bid, staff, 35_000, conditions="Share findings", feedback="Strong research")

        assert proposed.status == BidStatus.DECISION_PROPOSED
        assert (proposed.award_amount, proposed.decision_proposed_by) == (35_000, staff)
        round_.refresh_from_db()
        assert round_.committed == 35_000
        event = AuditEvent.objects.get(action="fund.decision_proposed")
        assert event.changes == {
            "status": ["application_submitted", "decision_proposed"],
            "award_amount": [None, 35_000],
        }
        # The approvers hear of it; the applicants do not.
        assert [message.to for message in mail.outbox] == [[approver.email]]

    def test_it_refuses_an_award_above_the_amount_asked_for(self, bid, staff, round_):
        with pytest.raises(TransitionRefused) as refusal:
            propose_award(bid, staff, 40_001)
        assert refusal.value.field == "award_amount"
        assert refusal.value.message == "The award must be no more than the £40,000 the applicants asked for"
        round_.refresh_from_db()
        assert round_.committed == 0

    def test_it_refuses_an_award_above_the_phase_maximum(self, round_, staff):
        bid = submitted_application(round=round_, amount_requested=60_000, phase=Phase.DISCOVERY)
        with pytest.raises(TransitionRefused) as refusal:
            propose_award(bid, staff, 50_001)
        assert refusal.value.field == "award_amount"
        assert "no more than £50,000, the most" in refusal.value.message
        bid.refresh_from_db()
        assert bid.status == BidStatus.APPLICATION_SUBMITTED

    def test_it_refuses_an_award_for_a_phase_the_round_does_not_fund(self, round_, staff):
        bid = submitted_application(round=round_, phase=Phase.BETA)
        with pytest.raises(TransitionRefused, match="does not fund beta projects"):
            propose_award(bid, staff)

    def test_it_refuses_more_than_is_left_of_the_budget(self, round_, staff):
        Round.objects.filter(pk=round_.pk).update(committed=70_000)
        bid = submitted_application(round=round_, amount_requested=40_000)
        with pytest.raises(TransitionRefused) as refusal:
            propose_award(bid, staff, 40_000)
        assert (refusal.value.field, refusal.value.message) == (
            "award_amount",
            "Only £30,000 of the round’s budget is left",
        )
        round_.refresh_from_db()
        assert round_.committed == 70_000
        bid.refresh_from_db()
        assert bid.status == BidStatus.APPLICATION_SUBMITTED

    def test_the_last_of_the_budget_can_be_awarded(self, round_, staff):
        Round.objects.filter(pk=round_.pk).update(committed=60_000)
        bid = submitted_application(round=round_, amount_requested=40_000)
        propose_award(bid, staff, 40_000)
        round_.refresh_from_db()
        assert round_.budget_left == 0

    def test_not_funding_needs_feedback_and_reserves_nothing(self, bid, staff, round_):
        with pytest.raises(TransitionRefused, match="Enter feedback"):
            decisions.propose_decision(bid, by=staff, fund=False, award_amount=None, feedback=" ")
        proposed = decisions.propose_decision(bid, by=staff, fund=False, award_amount=5, feedback="Too early")
        assert proposed.award_amount is None
        round_.refresh_from_db()
        assert round_.committed == 0

    def test_an_award_needs_an_amount(self, bid, staff):
        with pytest.raises(TransitionRefused, match="Enter the amount to award"):
            decisions.propose_decision(bid, by=staff, fund=True, award_amount=None)

    @pytest.mark.parametrize("person", ["member", "assessor", "fund_approver"])
    def test_only_programme_staff_may_propose(self, request, bid, person, round_):
        user = request.getfixturevalue(person)
        with pytest.raises(TransitionRefused, match="permission"):
            propose_award(bid, user)
        round_.refresh_from_db()
        assert round_.committed == 0

    @pytest.mark.parametrize("status", sorted(set(BidStatus) - {BidStatus.APPLICATION_SUBMITTED}))
    def test_it_refuses_a_bid_in_any_other_state(self, bid, staff, status, round_):
        bid.status = status
        bid.save()
        with pytest.raises(TransitionRefused, match="A decision cannot be recorded"):
            propose_award(bid, staff)
        round_.refresh_from_db()
        assert round_.committed == 0


@pytest.mark.django_db(transaction=True)
def test_two_staff_proposing_the_last_of_the_budget_at_once_only_one_gets_it():
    round_ = RoundFactory(deciding=True, budget=100_000, phases={Phase.DISCOVERY: 50_000})
    Round.objects.filter(pk=round_.pk).update(committed=60_000)
    bids = [submitted_application(round=round_, amount_requested=40_000) for _ in range(2)]
    staff = [UserFactory(moderator=True), UserFactory(moderator=True)]
    outcomes = []
    barrier = threading.Barrier(2)

    def propose(bid, by):
        barrier.wait()
        try:
            propose_award(bid, by, 40_000)
            outcomes.append("proposed")
        except TransitionRefused as refusal:
            outcomes.append(refusal.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=propose, args=pair) for pair in zip(bids, staff, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["Only £0 of the round’s budget is left", "proposed"]
    round_.refresh_from_db()
    assert round_.committed == 100_000
    statuses = sorted(bid.status for bid in type(bids[0]).objects.filter(round=round_))
    assert statuses == [BidStatus.APPLICATION_SUBMITTED, BidStatus.DECISION_PROPOSED]


class TestApproving:
    @pytest.fixture
    def proposed(self, bid, staff):
        applicant = member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")
        BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnershire District Council")
        BidPartnerFactory(bid=bid, organisation__name="Undecided Borough Council")
        propose_award(bid, staff, 35_000, conditions="Share findings at the show and tell", feedback="Well evidenced")
        mail.outbox.clear()
        bid.applicant = applicant
        return bid

    def test_an_approved_award_creates_the_grant_and_tells_the_applicants(self, proposed, approver, round_):
        awarded = decisions.approve(proposed, by=approver)

        assert awarded.status == BidStatus.AWARDED
        assert awarded.decision_approved_by == approver
        project = FundedProject.objects.get(bid=proposed)
        assert project.grant_identifier == f"360G-LDF-{proposed.reference.removeprefix('LDF-')}"
        assert project.slug == "open-bin-data"
        assert project.amount_awarded == 35_000
        assert [partner.name for partner in project.partner_organisations.all()] == ["Partnershire District Council"]
        round_.refresh_from_db()
        assert round_.committed == 35_000
        (email,) = mail.outbox
        assert email.to == ["robin@leadshire.gov.uk"]
        assert "£35,000" in email.body
        assert "Share findings at the show and tell" in email.body
        assert AuditEvent.objects.filter(action="fund.awarded", actor=approver).exists()

    def test_two_awards_with_one_title_get_their_own_addresses(self, round_, staff, approver):
        first, second = (submitted_application(round=round_, title="Open bin data") for _ in range(2))
        for bid in (first, second):
            propose_award(bid, staff)
            decisions.approve(bid, by=approver)
        assert sorted(FundedProject.objects.values_list("slug", flat=True)) == ["open-bin-data", "open-bin-data-2"]

    def test_approving_not_to_fund_tells_the_applicants_with_feedback(self, bid, staff, approver):
        applicant = member_of(bid.lead_organisation)
        decisions.propose_decision(bid, by=staff, fund=False, award_amount=None, feedback="Too little user research")
        mail.outbox.clear()

        decided = decisions.approve(bid, by=approver)

        assert decided.status == BidStatus.NOT_FUNDED
        assert not FundedProject.objects.exists()
        (email,) = mail.outbox
        assert email.to == [applicant.email]
        assert "Too little user research" in email.body
        assert AuditEvent.objects.filter(action="fund.not_funded").exists()

    def test_the_person_who_proposed_it_cannot_approve_it(self, bid, approver):
        # Roles keep proposers and approvers apart today; the rule is checked, not assumed.
        bid.status, bid.decision_proposed_by, bid.award_amount = BidStatus.DECISION_PROPOSED, approver, 10_000
        bid.save()
        with pytest.raises(TransitionRefused, match="You proposed this decision"):
            decisions.approve(bid, by=approver)
        with pytest.raises(TransitionRefused, match="You proposed this decision"):
            decisions.send_back(bid, by=approver, reason="Changed my mind")
        bid.refresh_from_db()
        assert bid.status == BidStatus.DECISION_PROPOSED

    @pytest.mark.parametrize("person", ["member", "assessor", "moderator"])
    def test_only_fund_approvers_may_approve(self, request, proposed, person):
        with pytest.raises(TransitionRefused, match="permission"):
            decisions.approve(proposed, by=request.getfixturevalue(person))
        assert not FundedProject.objects.exists()

    def test_sending_back_releases_the_reservation_and_tells_the_proposer(self, proposed, approver, staff, round_):
        returned = decisions.send_back(proposed, by=approver, reason="The conditions need a date")

        assert returned.status == BidStatus.APPLICATION_SUBMITTED
        assert returned.award_amount is None and returned.decision_proposed_by is None
        round_.refresh_from_db()
        assert round_.committed == 0
        (email,) = mail.outbox
        assert email.to == [staff.email]
        assert "The conditions need a date" in email.body
        event = decisions.last_return(returned)
        assert event.reason == "The conditions need a date"
        assert event.changes["award_amount"] == [35_000, None]

    def test_sending_back_needs_a_reason(self, proposed, approver):
        with pytest.raises(TransitionRefused, match="Enter a reason"):
            decisions.send_back(proposed, by=approver, reason="  ")


def test_a_decision_waits_for_two_assessments_of_the_full_application(round_, staff):
    bid = submitted_application(round=round_, assessed=False, amount_requested=40_000)
    SubmittedAssessmentFactory(bid=bid, stage=AssessmentStage.APPLICATION)

    with pytest.raises(TransitionRefused, match="At least 2 assessors must submit .* 1 has so far"):
        propose_award(bid, staff)

    bid.refresh_from_db()
    round_.refresh_from_db()
    assert (bid.status, round_.committed) == (BidStatus.APPLICATION_SUBMITTED, 0)


class TestWhatApplicantsSee:
    def test_a_proposal_looks_the_same_as_no_decision_to_the_applicants(self, bid, staff):
        before = bid.applicant_status
        proposed = propose_award(bid, staff)
        assert proposed.applicant_status == before == "Decision in progress"


def test_the_assessment_summary_gives_each_assessors_total_and_the_means(round_):
    bid = submitted_application(round=round_, assessed=False)
    SubmittedAssessmentFactory(bid=bid, stage=AssessmentStage.APPLICATION, scores=[4, 2], recommendation="fund")
    SubmittedAssessmentFactory(bid=bid, stage=AssessmentStage.APPLICATION, scores=[2, None], recommendation="fund")
    # An expression-of-interest assessment is not part of the application's summary.
    SubmittedAssessmentFactory(bid=bid, stage=AssessmentStage.EOI, scores=[0, 0])

    summary = decisions.assessment_summary(bid)

    assert [sheet.total for sheet in summary.sheets] == ["2.8", "2.0"]
    assert summary.means == ["3.0", "2.0"]
    assert summary.mean_total == "2.4"
