"""Decisions on full applications. Programme staff propose one (an award within the amount
asked for, the phase's maximum and what is left of the round's budget, or not funded); a fund
approver, never the person who proposed it, approves it or sends it back. Nobody outside the
programme learns anything until it is approved.

An award is reserved against the round's budget when it is proposed, by one conditional
UPDATE in the same transaction as the bid's move: of two staff proposing the last of the
budget at once, exactly one gets it. Sending a proposal back releases it the same way.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, User
from core import audit
from core.db import retry_while_sqlite_is_busy
from core.email import send_email
from core.workflow import TransitionRefused
from fund import assessment
from fund.applications import applicants
from fund.assessment import ScoreSheet
from fund.grants import grant_identifier
from fund.models import Bid, Criterion, FundedProject, PartnerStatus, Round, RoundPhase
from fund.workflow import BID_TRANSITIONS, AssessmentStage, AssessmentStatus, BidStatus
from projects.services import start_project_for_grant

PAGE_SIZE = 25
DECIDED_STATES = frozenset({BidStatus.DECISION_PROPOSED, BidStatus.AWARDED, BidStatus.NOT_FUNDED})


# Reading -----------------------------------------------------------------------------------


def bid_to_decide(reference: str) -> Bid:
    """A bid whose full application has been submitted, for staff and fund approvers."""
    bids = Bid.objects.select_related("round", "lead_organisation", "decision_proposed_by", "decision_approved_by")
    return get_object_or_404(bids, reference=reference, status__in=[BidStatus.APPLICATION_SUBMITTED, *DECIDED_STATES])


def proposals_waiting(page_number) -> Page:
    """Proposals waiting for a fund approver, oldest first."""
    proposals = (
        Bid.objects.filter(status=BidStatus.DECISION_PROPOSED)
        .select_related("round", "lead_organisation", "decision_proposed_by")
        .order_by("decision_proposed_at", "pk")
    )
    return Paginator(proposals, PAGE_SIZE).get_page(page_number)


def phase_maximum(bid: Bid) -> int | None:
    """The most the round awards one bid for the bid's phase, or None if it funds no such phase."""
    return RoundPhase.objects.filter(round_id=bid.round_id, phase=bid.phase).values_list("max_award", flat=True).first()


def last_return(bid: Bid):
    """The latest time an approver sent a proposal on `bid` back, with their reason, if ever."""
    return audit.events_for(bid).filter(action=BID_TRANSITIONS["return_decision"].audit_code).first()


@dataclass(frozen=True)
class AssessmentSummary:
    criteria: list[Criterion]
    sheets: list[ScoreSheet]
    # Each criterion's mean score over the assessors who found it applicable, in criteria
    # order, then the mean of the assessors' weighted totals; one decimal place each.
    means: list[str]
    mean_total: str


def assessment_summary(bid: Bid) -> AssessmentSummary:
    """The submitted assessments of the full application: each assessor's score sheet and
    weighted total, and the means staff and approvers weigh a decision on."""
    criteria = assessment.criteria_for(bid.round, AssessmentStage.APPLICATION)
    submitted = [
        row
        for row in assessment.assessments_of(bid, AssessmentStage.APPLICATION)
        if row.status == AssessmentStatus.SUBMITTED
    ]
    sheets = assessment.score_sheets_of(submitted, criteria)
    means = []
    for position in range(len(criteria)):
        given = [sheet.criteria[position].score for sheet in sheets]
        applicable = [score.score for score in given if score is not None and not score.not_applicable]
        means.append(assessment.one_decimal(_mean(applicable)))
    totals = [total for total in map(assessment.total_of, submitted) if total is not None]
    return AssessmentSummary(criteria, sheets, means, assessment.one_decimal(_mean(totals)))


# Proposing ---------------------------------------------------------------------------------


def propose_decision(
    bid: Bid, *, by: User, fund: bool, award_amount: int | None, conditions: str = "", feedback: str = ""
) -> Bid:
    """Propose an award of `award_amount`, or (with `fund` false) not to fund the bid, for
    a fund approver to approve. An award is reserved against the round's budget at once."""
    amount = award_amount if fund else None
    if fund and not amount:
        raise TransitionRefused("Enter the amount to award, in pounds", field="award_amount")
    if not fund and not feedback.strip():
        raise TransitionRefused("Enter feedback for the applicants on why the bid is not funded", field="feedback")
    return retry_while_sqlite_is_busy(
        lambda: _propose(bid, by=by, amount=amount, conditions=conditions.strip(), feedback=feedback.strip())
    )


def _propose(bid: Bid, *, by: User, amount: int | None, conditions: str, feedback: str) -> Bid:
    step = BID_TRANSITIONS["propose_decision"]
    with transaction.atomic():
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
        step.check(locked.status, by)
        assessment.refuse_until_assessed(locked, AssessmentStage.APPLICATION, "record a decision")
        if amount is not None:
            _refuse_award_over_limits(locked, amount)
            _reserve(locked.round, amount)
        before = locked.status
        locked.status = step.target
        locked.award_amount, locked.award_conditions, locked.decision_feedback = amount, conditions, feedback
        locked.decision_proposed_by, locked.decision_proposed_at = by, timezone.now()
        locked.save(
            update_fields=[
                "status",
                "award_amount",
                "award_conditions",
                "decision_feedback",
                "decision_proposed_by",
                "decision_proposed_at",
                "updated_at",
            ]
        )
        changes = {"status": (before, locked.status), "award_amount": (None, amount)}
        audit.record(locked, step.audit_code, by=by, changes=changes)
        context = {"bid": locked, "link": settings.SITE_URL + reverse("fund:approval", args=[locked.reference])}
        for approver in User.objects.filter(role=Role.FUND_APPROVER, is_active=True).order_by("email"):
            send_email(approver.email, "fund_decision_proposed", context)
    return locked


def _refuse_award_over_limits(bid: Bid, amount: int) -> None:
    if amount > (bid.amount_requested or 0):
        raise TransitionRefused(
            f"The award must be no more than the £{bid.amount_requested or 0:,} the applicants asked for",
            field="award_amount",
        )
    maximum = phase_maximum(bid)
    phase = bid.get_phase_display().lower()
    if maximum is None:
        raise TransitionRefused(f"{bid.round} does not fund {phase} projects", field="award_amount")
    if amount > maximum:
        raise TransitionRefused(
            f"The award must be no more than £{maximum:,}, the most {bid.round} awards for a {phase}",
            field="award_amount",
        )


def _reserve(round_: Round, amount: int) -> None:
    # One statement checks and takes the money: a second proposal waits for the first's
    # row lock, then finds the budget already committed.
    reserved = Round.objects.filter(pk=round_.pk, committed__lte=F("budget") - amount).update(
        committed=F("committed") + amount
    )
    if not reserved:
        left = Round.objects.values_list("budget", "committed").get(pk=round_.pk)
        raise TransitionRefused(f"Only £{left[0] - left[1]:,} of the round’s budget is left", field="award_amount")


def _release(bid: Bid) -> None:
    """Give back what a proposal reserved."""
    if not bid.award_amount:
        return
    released = Round.objects.filter(pk=bid.round_id, committed__gte=bid.award_amount).update(
        committed=F("committed") - bid.award_amount
    )
    if not released:
        raise RuntimeError(f"{bid.round} has less committed than {bid.reference} reserved")


# Approving ---------------------------------------------------------------------------------


def approve(bid: Bid, *, by: User) -> Bid:
    """Make the proposal final and tell the applicants. An award creates the grant and starts
    the project it funds."""
    with transaction.atomic():
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round", "lead_organisation").get(pk=bid.pk)
        action = "approve_award" if locked.award_amount else "approve_not_funded"
        step = BID_TRANSITIONS[action]
        step.check(locked.status, by)
        _refuse_the_proposer(locked, by)
        before, now = locked.status, timezone.now()
        locked.status, locked.decision_approved_by, locked.decision_approved_at = step.target, by, now
        locked.save(update_fields=["status", "decision_approved_by", "decision_approved_at", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        context = {"bid": locked, "round": locked.round}
        if locked.status == BidStatus.AWARDED:
            context["project"] = create_funded_project(locked, awarded_at=now)
            start_project_for_grant(context["project"], by=by)
            template = "fund_decision_awarded"
        else:
            _release(locked)
            template = "fund_decision_not_funded"
        for person in applicants(locked):
            send_email(person.email, template, context)
    return locked


def send_back(bid: Bid, *, by: User, reason: str) -> Bid:
    """Return a proposal to staff with the approver's reason; what it reserved is released."""
    step = BID_TRANSITIONS["return_decision"]
    with transaction.atomic():
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
        step.check(locked.status, by, reason)
        _refuse_the_proposer(locked, by)
        _release(locked)
        proposer, amount, before = locked.decision_proposed_by, locked.award_amount, locked.status
        locked.status = step.target
        locked.award_amount = None
        locked.decision_proposed_by = locked.decision_proposed_at = None
        locked.save(
            update_fields=["status", "award_amount", "decision_proposed_by", "decision_proposed_at", "updated_at"]
        )
        changes = {"status": (before, locked.status), "award_amount": (amount, None)}
        audit.record(locked, step.audit_code, by=by, changes=changes, reason=reason.strip())
        if proposer is not None:
            context = {
                "bid": locked,
                "reason": reason.strip(),
                "link": settings.SITE_URL + reverse("fund:decide", args=[locked.reference]),
            }
            send_email(proposer.email, "fund_decision_returned", context)
    return locked


def create_funded_project(bid: Bid, *, awarded_at) -> FundedProject:
    """The grant an approved award makes, with the partners who confirmed they take part."""
    base = slugify(bid.title)[:150] or slugify(bid.reference)
    for suffix in ["", *(f"-{number}" for number in range(2, 7))]:
        try:
            with transaction.atomic():
                project = FundedProject.objects.create(
                    bid=bid,
                    grant_identifier=grant_identifier(bid.reference),
                    title=bid.title,
                    slug=base + suffix,
                    description=bid.problem,
                    lead_organisation_id=bid.lead_organisation_id,
                    phase=bid.phase,
                    amount_awarded=bid.award_amount,
                    awarded_at=awarded_at,
                )
        except IntegrityError:
            # Another project has the slug: try the next.
            if FundedProject.objects.filter(bid=bid).exists():
                raise
            continue
        partners = bid.partners.filter(status=PartnerStatus.CONFIRMED).values_list("organisation_id", flat=True)
        project.partner_organisations.set(list(partners))
        return project
    raise RuntimeError(f"Could not find an unused address for {bid.reference}")


# Helpers -----------------------------------------------------------------------------------


def _refuse_the_proposer(bid: Bid, by: User) -> None:
    if by is not None and bid.decision_proposed_by_id == by.pk:
        raise TransitionRefused("You proposed this decision, so someone else must approve it or send it back")


def _mean(values: list) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None
