"""Assessing bids: staff assign assessors, each assessor declares any conflict of interest
before they see a bid, then scores it against the stage's criteria and recommends; staff
moderate the scores and record the outcome of an expression of interest.

Everything here works at either stage: a bid is assessed at the stage its status calls for
(STAGE_FOR_STATUS), against that stage's criteria. Only `record_eoi_outcome` is particular to
expressions of interest; a full application's decision is recorded with its award.

Services are the only writers of an assessment's status; read functions return bounded,
pre-joined rows, so a page costs the same number of queries however many bids it shows.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import moment_in_words
from core.db import retried_while_sqlite_is_busy, retry_while_sqlite_is_busy
from core.email import send_email
from core.workflow import TransitionRefused
from fund.models import Assessment, Bid, BidPartner, Criterion, PartnerStatus, Round, Score
from fund.workflow import (
    ASSESSMENT_TRANSITIONS,
    BID_TRANSITIONS,
    STAGE_FOR_STATUS,
    STATUS_TAG_CLASSES,
    SUBMITTED_STATES,
    AssessmentStage,
    AssessmentStatus,
    BidStatus,
    Recommendation,
    is_staff,
)
from organisations.models import Organisation

PAGE_SIZE = 25
MODERATION_PAGE_SIZE = 50
# Every bid is read by at least two people before its outcome is recorded.
MIN_ASSESSMENTS = 2
# Totals are on the 0–4 scale. Assessors a grade and a half apart read the same bid as, say,
# "good" and "weak": moderators should read both assessments before relying on the mean.
LARGE_SPREAD = Fraction(3, 2)
SCORE_SCALE = [
    (0, "0 – No evidence"),
    (1, "1 – Weak"),
    (2, "2 – Adequate"),
    (3, "3 – Good"),
    (4, "4 – Strong"),
]
RECOMMENDATIONS = {
    AssessmentStage.EOI: [Recommendation.INVITE, Recommendation.DECLINE],
    AssessmentStage.APPLICATION: [Recommendation.FUND, Recommendation.DECLINE],
}
# The outcomes of an expression of interest: BID_TRANSITIONS' names, with how staff see them.
EOI_OUTCOMES = {"invite": "Invite to full application", "decline_eoi": "Decline"}
# Assessments the assessor has still to finish. Staff may remove an assessor from one until
# they have scored; the check that they work at no organisation in the bid applies to these.
OPEN_STATES = frozenset({AssessmentStatus.ASSIGNED, AssessmentStatus.IN_PROGRESS})
# Partners that have not said no: an assessor who works at one is too close to the bid.
LIVE_PARTNER_STATES = [PartnerStatus.INVITED, PartnerStatus.CONFIRMED]

ASSESSMENT_TAG_CLASSES = {
    AssessmentStatus.ASSIGNED: "govuk-tag--grey",
    AssessmentStatus.IN_PROGRESS: "govuk-tag--light-blue",
    AssessmentStatus.SUBMITTED: "govuk-tag--green",
    AssessmentStatus.CONFLICTED: "govuk-tag--orange",
}


# Weighted totals ---------------------------------------------------------------------------


def weighted_total(scores: Iterable[tuple[int | None, int]]) -> Fraction | None:
    """The weighted mean of (score, weight) pairs on the 0–4 scale. A criterion marked not
    applicable (score None) is left out, not counted as zero; None if nothing applies."""
    applicable = [(score, weight) for score, weight in scores if score is not None]
    total_weight = sum(weight for _, weight in applicable)
    if not total_weight:
        return None
    return Fraction(sum(score * weight for score, weight in applicable), total_weight)


def one_decimal(value: Fraction | None) -> str:
    """A total as shown on every page: one decimal place, halves rounded up."""
    if value is None:
        return "Not scored yet"
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def total_of(assessment: Assessment) -> Fraction | None:
    """`assessment`'s weighted total, from its scores prefetched with their criteria."""
    return weighted_total((score.score, score.criterion.weight) for score in assessment.scores.all())


def _scores_with_weights() -> Prefetch:
    return Prefetch("scores", queryset=Score.objects.select_related("criterion"))


# Conflicts of interest ------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """An assessor works at an organisation in the bid."""

    organisation: Organisation
    is_lead: bool

    @property
    def role(self) -> str:
        return "the lead organisation" if self.is_lead else "a partner organisation"


def membership_conflict(bid: Bid, user) -> Conflict | None:
    """Whether `user` is an approved member of `bid`'s lead organisation or of a partner that
    has not declined; the lead is named first if both."""
    partners = BidPartner.objects.filter(bid=bid, status__in=LIVE_PARTNER_STATES).values("organisation")
    memberships = list(
        Membership.objects.filter(user=user, status=MembershipStatus.APPROVED)
        .filter(Q(organisation=bid.lead_organisation_id) | Q(organisation__in=partners))
        .select_related("organisation")
    )
    if not memberships:
        return None
    first = min(memberships, key=lambda membership: membership.organisation_id != bid.lead_organisation_id)
    return Conflict(first.organisation, first.organisation_id == bid.lead_organisation_id)


def _works_at_bid_organisation() -> Exists:
    """For annotating assessments: their assessor is an approved member of the bid's lead
    organisation or of one of its live partners."""
    live_partners = BidPartner.objects.filter(bid=OuterRef(OuterRef("bid")), status__in=LIVE_PARTNER_STATES)
    return Exists(
        Membership.objects.filter(user=OuterRef("assessor"), status=MembershipStatus.APPROVED).filter(
            Q(organisation=OuterRef("bid__lead_organisation"))
            | Q(organisation__in=live_partners.values("organisation"))
        )
    )


# Reading: staff ------------------------------------------------------------------------------------


def stage_to_assess(bid: Bid) -> str | None:
    """The stage `bid` waits to be assessed at, or None if it is not waiting."""
    return STAGE_FOR_STATUS.get(bid.status)


def stage_shown(bid: Bid) -> str:
    """The stage whose assessments staff see for `bid`: its application's once submitted."""
    return AssessmentStage.APPLICATION if bid.application_submitted_at else AssessmentStage.EOI


def round_for_staff(slug: str) -> Round:
    return get_object_or_404(Round, slug=slug)


def bid_for_staff(reference: str) -> Bid:
    """Any submitted bid, with what its staff page shows; 404 for a draft or an unknown one."""
    return get_object_or_404(
        Bid.objects.filter(status__in=SUBMITTED_STATES)
        .select_related("round", "lead_organisation")
        .prefetch_related(Prefetch("partners", BidPartner.objects.select_related("organisation"))),
        reference=reference,
    )


def criteria_for(round_: Round, stage: str) -> list[Criterion]:
    return list(Criterion.objects.filter(round=round_, stage=stage))


def assessments_of(bid: Bid, stage: str) -> list[Assessment]:
    """The bid's assessments at `stage`, oldest assignment first, each with its assessor, its
    scores (for totals), whether it has any, and whether its assessor works at an organisation
    in the bid (`blocked`)."""
    assessments = list(
        Assessment.objects.filter(bid=bid, stage=stage)
        .select_related("assessor")
        .prefetch_related(_scores_with_weights())
        .annotate(blocked=_works_at_bid_organisation())
    )
    for assessment in assessments:
        assessment.tag_class = ASSESSMENT_TAG_CLASSES[assessment.status]
        assessment.has_scores = bool(assessment.scores.all())
        assessment.removable = assessment.status in OPEN_STATES and not assessment.has_scores
        # A submitted assessment passed the check when it was submitted.
        assessment.blocked = assessment.blocked and assessment.status in OPEN_STATES
        if assessment.status == AssessmentStatus.SUBMITTED:
            assessment.total = one_decimal(total_of(assessment))
    return assessments


def all_assessors() -> QuerySet[User]:
    """Everyone who may be asked to assess, by name."""
    return User.objects.filter(role=Role.ASSESSOR, is_active=True).order_by("full_name", "email")


def assessors_to_assign(bid: Bid, stage: str) -> QuerySet[User]:
    """Assessors not yet assigned to `bid` at `stage`, by name."""
    return all_assessors().exclude(pk__in=Assessment.objects.filter(bid=bid, stage=stage).values("assessor"))


def assessment_of_bid(bid: Bid, pk: int) -> Assessment:
    """One of `bid`'s assessments, with its assessor; 404 for another bid's."""
    return get_object_or_404(Assessment.objects.select_related("assessor"), bid=bid, pk=pk)


@dataclass
class BidRow:
    """A row of the staff list of a round's bids."""

    bid: Bid
    stage: str
    assigned: int
    submitted: int
    conflicts: int
    mean: str
    flags: list[str] = field(default_factory=list)

    @property
    def tag_class(self) -> str:
        return STATUS_TAG_CLASSES[self.bid.status]


def bids_for_staff(round_: Round, *, status: str = "", needs_assessors: bool = False, page_number=1) -> Page:
    """One page of the round's submitted bids, newest first, each as a BidRow: assessors
    assigned (not counting those who declared a conflict) and submitted at the stage it is
    shown at, the mean of the submitted totals, and what staff should look at."""
    stage = Case(
        When(application_submitted_at__isnull=False, then=Value(AssessmentStage.APPLICATION.value)),
        default=Value(AssessmentStage.EOI.value),
        output_field=CharField(),
    )
    at_stage = Q(assessments__stage=F("assessment_stage"))
    bids = (
        Bid.objects.filter(round=round_, status__in=SUBMITTED_STATES)
        .select_related("lead_organisation")
        .annotate(assessment_stage=stage)
        .annotate(
            assigned=Count("assessments", filter=at_stage & ~Q(assessments__status=AssessmentStatus.CONFLICTED)),
            submitted=Count("assessments", filter=at_stage & Q(assessments__status=AssessmentStatus.SUBMITTED)),
            conflicts=Count("assessments", filter=at_stage & Q(assessments__status=AssessmentStatus.CONFLICTED)),
        )
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).prefetch_related(
                    _scores_with_weights()
                ),
                to_attr="submitted_assessments",
            )
        )
        .order_by(F("eoi_submitted_at").desc(nulls_last=True), "-pk")
    )
    if status:
        bids = bids.filter(status=status)
    if needs_assessors:
        bids = bids.filter(assigned__lt=MIN_ASSESSMENTS)
    page = Paginator(bids, PAGE_SIZE).get_page(page_number)
    page.object_list = [_bid_row(bid) for bid in page.object_list]
    return page


def _bid_row(bid: Bid) -> BidRow:
    totals = [total_of(a) for a in bid.submitted_assessments if a.stage == bid.assessment_stage]
    summary = _summarise([total for total in totals if total is not None])
    row = BidRow(bid, bid.assessment_stage, bid.assigned, bid.submitted, bid.conflicts, one_decimal(summary.mean))
    if bid.status in STAGE_FOR_STATUS and bid.assigned < MIN_ASSESSMENTS:
        row.flags.append("Fewer than two assessors")
    if bid.conflicts:
        row.flags.append("Conflict declared")
    if summary.large_spread:
        row.flags.append("Large spread")
    return row


@dataclass(frozen=True)
class Summary:
    mean: Fraction | None
    spread: Fraction | None
    large_spread: bool


def _summarise(totals: Sequence[Fraction]) -> Summary:
    if not totals:
        return Summary(None, None, False)
    spread = max(totals) - min(totals) if len(totals) > 1 else None
    return Summary(sum(totals) / len(totals), spread, spread is not None and spread >= LARGE_SPREAD)


@dataclass
class AssessorTotal:
    assessor: User
    total: str
    recommendation: str


@dataclass
class BidModeration:
    """A bid's submitted assessments at one stage, side by side."""

    bid: Bid
    totals: list[AssessorTotal]
    mean: Fraction | None
    spread: Fraction | None
    large_spread: bool
    recommendations: list[tuple[str, int]]

    @property
    def mean_shown(self) -> str:
        return one_decimal(self.mean)

    @property
    def spread_shown(self) -> str:
        return one_decimal(self.spread) if self.spread is not None else "Only one assessment"

    @property
    def tag_class(self) -> str:
        return STATUS_TAG_CLASSES[self.bid.status]


# The orders staff may put the moderation view in: (label, sort key); bids without a value last.
MODERATION_ORDER = {
    "mean": ("Highest mean first", lambda row: (row.mean is None, -(row.mean or 0), row.bid.reference)),
    "spread": ("Largest spread first", lambda row: (row.spread is None, -(row.spread or 0), row.bid.reference)),
    "reference": ("Reference", lambda row: row.bid.reference),
}


def moderation(round_: Round, stage: str, *, sort: str = "mean", page_number=1) -> Page:
    """One page of the round's bids with submitted assessments at `stage`, as BidModeration
    rows in the order asked for (highest mean first unless `sort` says otherwise). Every
    submitted assessment and score of the round is read in three queries and totalled here,
    since the order depends on the totals."""
    assessments = (
        Assessment.objects.filter(bid__round=round_, stage=stage, status=AssessmentStatus.SUBMITTED)
        .select_related("bid__lead_organisation", "assessor")
        .prefetch_related(_scores_with_weights())
        .order_by("bid_id", "submitted_at", "pk")
    )
    by_bid: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        by_bid[assessment.bid_id].append(assessment)
    rows = [_moderation_row(rows) for rows in by_bid.values()]
    _, key = MODERATION_ORDER.get(sort, MODERATION_ORDER["mean"])
    rows.sort(key=key)
    return Paginator(rows, MODERATION_PAGE_SIZE).get_page(page_number)


def _moderation_row(assessments: list[Assessment]) -> BidModeration:
    totals = [total_of(assessment) for assessment in assessments]
    summary = _summarise([total for total in totals if total is not None])
    counts = Counter(assessment.get_recommendation_display() for assessment in assessments)
    return BidModeration(
        bid=assessments[0].bid,
        totals=[
            AssessorTotal(assessment.assessor, one_decimal(total), assessment.get_recommendation_display())
            for assessment, total in zip(assessments, totals, strict=True)
        ],
        mean=summary.mean,
        spread=summary.spread,
        large_spread=summary.large_spread,
        recommendations=sorted(counts.items()),
    )


# Reading: assessors ---------------------------------------------------------------------------


def assignments_of(user, page_number=1) -> Page:
    """One page of `user`'s assessments, newest assignment first, each saying whether they
    can open it (`can_open`) and, if not, why (`closed_reason`)."""
    rows = (
        Assessment.objects.filter(assessor=user)
        .select_related("bid__round", "bid__lead_organisation")
        .annotate(blocked=_works_at_bid_organisation())
        .order_by("-assigned_at", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    for assessment in page.object_list:
        assessment.tag_class = ASSESSMENT_TAG_CLASSES[assessment.status]
        assessment.closed_reason = _closed_reason(assessment)
        assessment.can_open = assessment.status != AssessmentStatus.CONFLICTED and not assessment.closed_reason
    return page


def _closed_reason(assessment: Assessment) -> str:
    if assessment.status not in OPEN_STATES:
        return ""
    if assessment.blocked:
        return "You work at an organisation in this bid"
    if STAGE_FOR_STATUS.get(assessment.bid.status) != assessment.stage:
        return "No longer needed: the bid has moved on"
    return ""


def assessment_for_assessor(user, pk: int) -> Assessment:
    """An assessment assigned to `user`, with the bid's partners that have not declined; 404
    for anyone else's, and for one they declared a conflict in."""
    partners = BidPartner.objects.filter(status__in=LIVE_PARTNER_STATES).select_related("organisation")
    return get_object_or_404(
        Assessment.objects.filter(assessor=user)
        .exclude(status=AssessmentStatus.CONFLICTED)
        .select_related("bid__round", "bid__lead_organisation")
        .prefetch_related(Prefetch("bid__partners", partners)),
        pk=pk,
    )


def why_closed(assessment: Assessment) -> str:
    """Why the assessor can no longer work on `assessment`, or "" if they can: they work at an
    organisation in the bid (checked afresh, since a partner may join after assignment), or
    the bid has moved past this stage. A submitted assessment stays readable."""
    if assessment.status == AssessmentStatus.SUBMITTED:
        return ""
    conflict = membership_conflict(assessment.bid, assessment.assessor)
    if conflict is not None:
        return f"You cannot assess this bid because you work at {conflict.organisation}, {conflict.role} in it"
    if STAGE_FOR_STATUS.get(assessment.bid.status) != assessment.stage:
        return "This bid has moved on, so it no longer needs your assessment"
    return ""


@dataclass(frozen=True)
class ScoredCriterion:
    criterion: Criterion
    score: Score | None

    @property
    def score_shown(self) -> str:
        if self.score is None:
            return "Not scored"
        if self.score.not_applicable:
            return "Not applicable"
        return dict(SCORE_SCALE)[self.score.score]


@dataclass(frozen=True)
class ScoreSheet:
    """An assessment's scores against every criterion of its stage, as scored."""

    assessment: Assessment
    criteria: list[ScoredCriterion]

    @property
    def total(self) -> str:
        return one_decimal(
            weighted_total((row.score.score, row.criterion.weight) for row in self.criteria if row.score is not None)
        )


def score_sheet(assessment: Assessment) -> ScoreSheet:
    return _sheet(assessment, criteria_for(assessment.bid.round, assessment.stage))


def _sheet(assessment: Assessment, criteria: list[Criterion]) -> ScoreSheet:
    scores = {score.criterion_id: score for score in assessment.scores.all()}
    return ScoreSheet(assessment, [ScoredCriterion(criterion, scores.get(criterion.pk)) for criterion in criteria])


def others_submitted(assessment: Assessment) -> list[ScoreSheet]:
    """Other assessors' submitted score sheets for the same bid and stage, shown to an
    assessor only once they have submitted their own; before that, none."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        return []
    criteria = criteria_for(assessment.bid.round, assessment.stage)
    others = (
        Assessment.objects.filter(bid=assessment.bid_id, stage=assessment.stage, status=AssessmentStatus.SUBMITTED)
        .exclude(pk=assessment.pk)
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    return [_sheet(other, criteria) for other in others]


def score_sheets_of(assessments: Iterable[Assessment], criteria: list[Criterion]) -> list[ScoreSheet]:
    """Score sheets for assessments whose scores are prefetched (see `assessments_of`)."""
    return [_sheet(assessment, criteria) for assessment in assessments]


# Services: staff ------------------------------------------------------------------------------


def assign(bid: Bid, assessors: Sequence[User], *, by) -> list[Assessment]:
    """Ask `assessors` to assess `bid` at the stage it waits at, and email each a link to
    their assessments. All or none: an assessor who works at an organisation in the bid,
    or who is already assigned, refuses the lot."""
    if not is_staff(by):
        raise TransitionRefused("You do not have permission to do this")
    if not assessors:
        raise TransitionRefused("Select at least one assessor", field="assessors")
    with transaction.atomic():
        # Locked so two staff assigning at once cannot both pass the checks below.
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
        stage = STAGE_FOR_STATUS.get(locked.status)
        if stage is None:
            label = BidStatus(locked.status).label.lower()
            raise TransitionRefused(f"Assessors cannot be assigned because the bid is {label}")
        for assessor in assessors:
            _refuse_as_assessor(locked, stage, assessor)
        created = []
        for assessor in assessors:
            assessment = Assessment.objects.create(bid=locked, stage=stage, assessor=assessor, assigned_by=by)
            audit.record(assessment, "fund.assessor_assigned", by=by, changes={"status": (None, assessment.status)})
            send_email(
                assessor.email,
                "fund_assessment_assigned",
                {"round": locked.round, "stage": assessment.get_stage_display()},
            )
            created.append(assessment)
    return created


def _refuse_as_assessor(bid: Bid, stage: str, assessor: User) -> None:
    if not (assessor.is_active and assessor.role == Role.ASSESSOR):
        raise TransitionRefused(f"{assessor} is not an assessor", field="assessors")
    conflict = membership_conflict(bid, assessor)
    if conflict is not None:
        raise TransitionRefused(
            f"{assessor} cannot assess this bid: they work at {conflict.organisation}, {conflict.role}",
            field="assessors",
        )
    if Assessment.objects.filter(bid=bid, stage=stage, assessor=assessor).exists():
        raise TransitionRefused(f"{assessor} is already assigned to this bid", field="assessors")


def remove_assessor(assessment: Assessment, *, by) -> None:
    """Take an assessor off a bid. Only until they have scored: what was scored, and any
    conflict declared, stays on record."""
    if not is_staff(by):
        raise TransitionRefused("You do not have permission to do this")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        if locked is None:
            raise TransitionRefused("This assessor has already been removed from the bid")
        if locked.status == AssessmentStatus.CONFLICTED:
            raise TransitionRefused("This assessor declared a conflict of interest, which is kept on record")
        if locked.status not in OPEN_STATES or locked.scores.exists():
            raise TransitionRefused("This assessor has started scoring the bid, so they cannot be removed")
        bid, pk = locked.bid, locked.pk
        locked.delete()
        audit.record(bid, "fund.assessor_removed", by=by, changes={"assessment": (pk, None)})


def refuse_until_assessed(bid: Bid, stage: str, doing: str) -> None:
    """Refuse to decide on `bid` at `stage` until enough assessors have submitted."""
    submitted = Assessment.objects.filter(bid=bid, stage=stage, status=AssessmentStatus.SUBMITTED).count()
    if submitted < MIN_ASSESSMENTS:
        raise TransitionRefused(
            f"At least {MIN_ASSESSMENTS} assessors must submit their assessments before you {doing}. "
            f"{submitted} {'has' if submitted == 1 else 'have'} so far"
        )


@retried_while_sqlite_is_busy
def record_eoi_outcome(bid: Bid, *, by, outcome: str, feedback: str = "") -> Bid:
    """Invite an expression of interest to full application ("invite") or decline it
    ("decline_eoi", with feedback), once at least two assessors have submitted; the
    applicants are emailed the outcome and any feedback, never the scores or who gave them."""
    step = BID_TRANSITIONS[outcome] if outcome in EOI_OUTCOMES else None
    if step is None:
        raise TransitionRefused("Choose whether to invite the bid to apply or decline it", field="outcome")
    feedback = feedback.strip()
    if step.needs_reason and not feedback:
        raise TransitionRefused("Enter feedback for the applicants on why the bid was declined", field="feedback")
    with transaction.atomic():
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round", "created_by").get(pk=bid.pk)
        step.check(locked.status, by, feedback)
        if locked.round.eoi_window_open():
            # Every bid is judged against the whole field, as the programme evaluated them.
            raise TransitionRefused(
                f"Expressions of interest are open until {moment_in_words(locked.round.eoi_closes_at)}. "
                "Record outcomes once they have closed"
            )
        refuse_until_assessed(locked, AssessmentStage.EOI, "record an outcome")
        before = locked.status
        locked.status, locked.eoi_decided_at, locked.eoi_feedback = step.target, timezone.now(), feedback
        locked.save(update_fields=["status", "eoi_decided_at", "eoi_feedback", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=feedback)
        template = "fund_outcome_invited" if outcome == "invite" else "fund_outcome_declined"
        for address in applicant_addresses(locked):
            send_email(address, template, {"bid": locked, "round": locked.round, "feedback": feedback})
    return locked


def applicant_addresses(bid: Bid) -> list[str]:
    """Who hears a bid's outcome: the member of the lead organisation who wrote it and each
    confirmed partner's contact, once each."""
    addresses = [bid.created_by.email] if bid.created_by and bid.created_by.is_active else []
    addresses += bid.partners.filter(status=PartnerStatus.CONFIRMED).values_list("contact_email", flat=True)
    return list(dict.fromkeys(address.lower() for address in addresses))


# Services: assessors ---------------------------------------------------------------------------


def declare_no_conflict(assessment: Assessment, *, by) -> Assessment:
    """The assessor has no conflict of interest: they may now read and score the bid."""
    with transaction.atomic():
        locked = _lock_for_assessor(assessment, by)
        _refuse_if_closed(locked)
        return _move(locked, "declare_no_conflict", by=by, conflict_declared_at=timezone.now())


def declare_conflict(assessment: Assessment, *, by, note: str) -> Assessment:
    """The assessor has a conflict of interest: their part in the bid ends without their
    seeing it. The note is for staff and stays out of the audit trail."""
    if not note.strip():
        raise TransitionRefused("Describe your conflict of interest", field="note")
    with transaction.atomic():
        locked = _lock_for_assessor(assessment, by)
        return _move(
            locked,
            "declare_conflict",
            by=by,
            reason=note,
            conflict_declared_at=timezone.now(),
            conflict_note=note.strip(),
        )


def save_scores(
    assessment: Assessment,
    *,
    by,
    scores: dict[int, tuple[int | None, str]],
    recommendation: str = "",
    comment: str = "",
) -> Assessment:
    """Keep the assessor's draft: `scores` maps a criterion's id to (score, or None for not
    applicable, comment) for the criteria they have answered. The round's first score
    freezes its criteria, so every score points at the criterion text that was scored."""
    return retry_while_sqlite_is_busy(
        lambda: _save_scores(assessment, by=by, scores=scores, recommendation=recommendation, comment=comment)
    )


def _save_scores(assessment: Assessment, *, by, scores: dict, recommendation: str, comment: str) -> Assessment:
    with transaction.atomic():
        locked = _lock_for_assessor(assessment, by)
        _refuse_if_closed(locked)
        if locked.status != AssessmentStatus.IN_PROGRESS:
            label = AssessmentStatus(locked.status).label.lower()
            raise TransitionRefused(f"You cannot change this assessment because it is {label}")
        if scores:
            # Frozen first: the UPDATE waits for any staff edit of the criteria holding the
            # round, so the criteria read next are the ones that stay.
            _freeze_round(locked.bid.round, by=by)
        criteria = {criterion.pk: criterion for criterion in criteria_for(locked.bid.round, locked.stage)}
        if set(scores) - set(criteria):
            raise TransitionRefused("The criteria for this bid have changed. Reload the page and score them again")
        if any(score is not None and not 0 <= score <= 4 for score, _ in scores.values()):
            raise TransitionRefused("Scores run from 0 to 4")
        if recommendation and recommendation not in RECOMMENDATIONS[locked.stage]:
            raise TransitionRefused("Choose one of the recommendations listed", field="recommendation")
        locked.scores.exclude(criterion__in=list(scores)).delete()
        for criterion_id, (score, criterion_comment) in scores.items():
            Score.objects.update_or_create(
                assessment=locked,
                criterion_id=criterion_id,
                defaults={"score": score, "comment": criterion_comment.strip()},
            )
        locked.recommendation, locked.comment = recommendation, comment.strip()
        locked.save(update_fields=["recommendation", "comment"])
    return locked


def submit(assessment: Assessment, *, by) -> Assessment:
    """Send the finished assessment to staff. It cannot be changed afterwards."""
    with transaction.atomic():
        locked = _lock_for_assessor(assessment, by)
        _refuse_if_closed(locked)
        ASSESSMENT_TRANSITIONS["submit"].check(locked.status, by)
        _refuse_if_incomplete(locked)
        return _move(locked, "submit", by=by, submitted_at=timezone.now())


def _refuse_if_incomplete(assessment: Assessment) -> None:
    sheet = score_sheet(assessment)
    unscored = [row.criterion.title for row in sheet.criteria if row.score is None]
    if unscored:
        raise TransitionRefused(f"Score every criterion before you submit. Not scored yet: {', '.join(unscored)}")
    uncommented = [row.criterion.title for row in sheet.criteria if not row.score.comment]
    if uncommented:
        raise TransitionRefused(f"Enter a comment on every criterion. No comment yet: {', '.join(uncommented)}")
    if all(row.score.not_applicable for row in sheet.criteria):
        raise TransitionRefused("Score at least one criterion: they cannot all be not applicable")
    if assessment.recommendation not in RECOMMENDATIONS[assessment.stage]:
        raise TransitionRefused("Choose your recommendation before you submit")
    if not assessment.comment:
        raise TransitionRefused("Enter a comment on your recommendation before you submit")


def _lock_for_assessor(assessment: Assessment, by) -> Assessment:
    # Locks the assessment only: the bid is read, not changed, and staff deciding it lock it.
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("bid__round", "assessor")
        .filter(pk=assessment.pk)
        .first()
    )
    if locked is None or by is None or locked.assessor_id != by.pk:
        raise TransitionRefused("This assessment is no longer assigned to you")
    return locked


def _refuse_if_closed(assessment: Assessment) -> None:
    reason = why_closed(assessment)
    if reason:
        raise TransitionRefused(reason)


def _move(assessment: Assessment, action: str, *, by, reason: str = "", **fields) -> Assessment:
    step = ASSESSMENT_TRANSITIONS[action]
    step.check(assessment.status, by, reason)
    before = assessment.status
    assessment.status = step.target
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=["status", *fields])
    audit.record(assessment, step.audit_code, by=by, changes={"status": (before, assessment.status)})
    return assessment


def _freeze_round(round_: Round, *, by) -> None:
    # A conditional UPDATE: of two first scores saved at once, exactly one freezes the round.
    if Round.objects.filter(pk=round_.pk, frozen_at__isnull=True).update(frozen_at=timezone.now()):
        audit.record(round_, "fund.round_frozen", by=by)
