"""Assessors' work on the open round's expressions of interest: bids scored by two assessors
and ready for an outcome, one whose assessors disagree widely, one with a conflict of
interest declared, one still being scored, and the rest waiting for assessors."""

import os
from itertools import cycle, islice

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD_DEFAULT
from accounts.models import Role, User
from accounts.services import save_staff_user
from core import audit
from core.demo import loader
from fund.assessment import criteria_for, membership_conflict

# Imported before this module registers its loader, so the rounds loader, which makes the
# open round and its bids, runs first.
from fund.demo import rounds  # noqa: F401
from fund.models import Assessment, Bid, Round, Score
from fund.workflow import AssessmentStage, AssessmentStatus, BidStatus, Recommendation, RoundStatus

ASSESSORS = [
    ("david.kerr@example.org", "David Kerr"),
    ("imogen.reid@example.org", "Imogen Reid"),
    ("kwame.mensah@example.net", "Kwame Mensah"),
]

# For the first bids in reference order: (assessor's position in ASSESSORS, what they have
# done, their scores, cycled across the criteria, and recommendation).
SUBMITTED, STARTED, ASSIGNED, CONFLICTED = "submitted", "started", "assigned", "conflicted"
PLAN = [
    [(0, SUBMITTED, [3, 4], Recommendation.INVITE), (1, SUBMITTED, [3, 3], Recommendation.INVITE)],
    [(0, SUBMITTED, [4, 4], Recommendation.INVITE), (2, SUBMITTED, [1, 2], Recommendation.DECLINE)],
    [(1, SUBMITTED, [2, None], Recommendation.DECLINE), (2, CONFLICTED, [], ""), (0, ASSIGNED, [], "")],
    [(2, STARTED, [3], ""), (0, ASSIGNED, [], "")],
    [(1, SUBMITTED, [1, 2], Recommendation.DECLINE), (2, SUBMITTED, [2, 1], Recommendation.DECLINE)],
    [(0, SUBMITTED, [3, 2], Recommendation.INVITE), (2, SUBMITTED, [2, 3], Recommendation.INVITE)],
]
COMMENTS = {
    3: "Good evidence of the problem from residents, and the partners share the work.",
    4: "Strong: the councils have already tested a prototype together.",
    2: "Adequate, but the bid does not say who will do the research.",
    1: "Weak: little sign that the partners have agreed to take part.",
    None: "Not applicable at this stage of the project.",
}
CONFLICT_NOTE = "I advised the lead council on an earlier version of this project last year."


@loader
def assessments() -> str:
    now = timezone.now()
    round_ = (
        Round.objects.filter(status=RoundStatus.PUBLISHED, eoi_opens_at__lte=now, eoi_closes_at__gt=now)
        .order_by("eoi_opens_at")
        .first()
    )
    if round_ is None:
        return "Demo assessments: no round is open for expressions of interest, so none added"
    if Assessment.objects.filter(bid__round=round_).exists():
        return f"Demo assessments: {round_} already has assessments"
    bids = list(Bid.objects.filter(round=round_, status=BidStatus.EOI_SUBMITTED).order_by("reference"))
    criteria = criteria_for(round_, AssessmentStage.EOI)
    if not bids or not criteria:
        return f"Demo assessments: {round_} has no submitted expressions of interest or criteria to score"
    password = os.environ.get("DEMO_STAFF_PASSWORD", DEMO_PASSWORD_DEFAULT)
    assessors = [_assessor(email, name, password) for email, name in ASSESSORS]
    added = 0
    with transaction.atomic():
        for bid, plan in zip(bids, PLAN, strict=False):
            for position, state, scores, recommendation in plan:
                added += _assess(bid, assessors[position], state, scores, recommendation, criteria)
        # Scored, so its criteria are frozen, as the first real score would have frozen them.
        scored = Score.objects.filter(assessment__bid__round=round_).exists()
        if scored and Round.objects.filter(pk=round_.pk, frozen_at__isnull=True).update(frozen_at=now):
            audit.record(round_, "fund.round_frozen")
    emails = ", ".join(email for email, _ in ASSESSORS)
    return (
        f"Demo assessments: {added} assessments of {min(len(bids), len(PLAN))} expressions of interest in {round_}. "
        f"Assessors sign in at /staff/sign-in with password {password!r} and set up an authenticator app: {emails}"
    )


def _assessor(email: str, name: str, password: str) -> User:
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    user, _ = save_staff_user(email, password=password, name=name, role=Role.ASSESSOR)
    return user


def _assess(bid: Bid, assessor: User, state: str, scores: list, recommendation: str, criteria) -> int:
    if membership_conflict(bid, assessor) is not None:
        return 0
    now = timezone.now()
    assessment = Assessment.objects.create(bid=bid, stage=AssessmentStage.EOI, assessor=assessor)
    audit.record(assessment, "fund.assessor_assigned", changes={"status": (None, assessment.status)})
    if state == ASSIGNED:
        return 1
    assessment.conflict_declared_at = now
    if state == CONFLICTED:
        assessment.status, assessment.conflict_note = AssessmentStatus.CONFLICTED, CONFLICT_NOTE
        assessment.save()
        audit.record(assessment, "fund.conflict_declared", by=assessor)
        return 1
    for criterion, score in islice(zip(criteria, cycle(scores)), len(criteria) if state == SUBMITTED else 1):
        Score.objects.create(assessment=assessment, criterion=criterion, score=score, comment=COMMENTS[score])
    assessment.status = AssessmentStatus.IN_PROGRESS
    audit.record(assessment, "fund.assessment_started", by=assessor)
    if state == SUBMITTED:
        assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, now
        assessment.recommendation = recommendation
        assessment.comment = "Recommended after reading the bid against each criterion."
        audit.record(assessment, "fund.assessment_submitted", by=assessor)
    assessment.save()
    return 1
