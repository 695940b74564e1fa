"""The Local Digital Fund: the states of a round and of a bid, the moves between them and who
may make them.

A round is drafted by staff and published; where it is in its year (expressions of interest
open, evaluation, applications, decisions) follows from its dates, not from a state (see
Round.stage). A bid starts as a draft expression of interest (EOI) written by members of the
lead organisation; once submitted inside the window it cannot be edited. Staff invite it to a
full application or decline it with feedback; the invited bid submits its full application
inside the application window; staff propose a decision (an award or not), and a fund
approver approves it before anyone is told. An approver may send a proposal back.

An assessor's assessment of a bid at one stage: they declare conflicts before they see the
bid, then score and submit; a declared conflict ends their part in it.

Services check every move against the tables here.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft expression of interest"
    EOI_SUBMITTED = "eoi_submitted", "Expression of interest submitted"
    EOI_DECLINED = "eoi_declined", "Not invited to apply"
    INVITED = "invited", "Invited to apply"
    APPLICATION_SUBMITTED = "application_submitted", "Application submitted"
    DECISION_PROPOSED = "decision_proposed", "Decision waiting for approval"
    AWARDED = "awarded", "Awarded"
    NOT_FUNDED = "not_funded", "Not funded"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AssessmentStage(models.TextChoices):
    EOI = "eoi", "Expression of interest"
    APPLICATION = "application", "Full application"


class AssessmentStatus(models.TextChoices):
    ASSIGNED = "assigned", "Waiting for a conflict declaration"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    CONFLICTED = "conflicted", "Conflict of interest declared"


class Recommendation(models.TextChoices):
    INVITE = "invite", "Invite to full application"
    FUND = "fund", "Fund"
    DECLINE = "decline", "Do not take forward"


# How each state looks on a GOV.UK tag on staff pages.
STATUS_TAG_CLASSES = {
    BidStatus.DRAFT: "govuk-tag--grey",
    BidStatus.EOI_SUBMITTED: "govuk-tag--blue",
    BidStatus.EOI_DECLINED: "govuk-tag--red",
    BidStatus.INVITED: "govuk-tag--turquoise",
    BidStatus.APPLICATION_SUBMITTED: "govuk-tag--blue",
    BidStatus.DECISION_PROPOSED: "govuk-tag--yellow",
    BidStatus.AWARDED: "govuk-tag--green",
    BidStatus.NOT_FUNDED: "govuk-tag--red",
    BidStatus.WITHDRAWN: "govuk-tag--grey",
}
# What the applicants are told where it differs from the state's name: until a fund approver
# approves a decision they learn only that one is being made, never what was proposed.
APPLICANT_LABELS = {
    BidStatus.APPLICATION_SUBMITTED: "Decision in progress",
    BidStatus.DECISION_PROPOSED: "Decision in progress",
}
APPLICANT_TAG_CLASSES = STATUS_TAG_CLASSES | {BidStatus.DECISION_PROPOSED: "govuk-tag--blue"}

# Bids the applicants can no longer change (everything after submission).
SUBMITTED_STATES = frozenset(set(BidStatus) - {BidStatus.DRAFT})
# The stage a bid in each state is assessed at.
STAGE_FOR_STATUS = {
    BidStatus.EOI_SUBMITTED: AssessmentStage.EOI,
    BidStatus.APPLICATION_SUBMITTED: AssessmentStage.APPLICATION,
}


def is_staff(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


def is_fund_approver(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("fund_approver")


def is_signed_in(user) -> bool:
    # Membership of the lead organisation needs the bid, so services check it.
    return user is not None and user.is_authenticated


def is_assessor(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("assessor")


ROUND_TRANSITIONS = {
    "publish": Transition(
        frozenset({RoundStatus.DRAFT}),
        RoundStatus.PUBLISHED,
        is_staff,
        "fund.round_published",
        "This round cannot be published because it is {state}",
    ),
}

BID_TRANSITIONS = {
    "submit_eoi": Transition(
        frozenset({BidStatus.DRAFT}),
        BidStatus.EOI_SUBMITTED,
        is_signed_in,
        "fund.eoi_submitted",
        "This expression of interest cannot be submitted because it is {state}",
    ),
    "invite": Transition(
        frozenset({BidStatus.EOI_SUBMITTED}),
        BidStatus.INVITED,
        is_staff,
        "fund.invited",
        "This bid cannot be invited to apply because it is {state}",
    ),
    "decline_eoi": Transition(
        frozenset({BidStatus.EOI_SUBMITTED}),
        BidStatus.EOI_DECLINED,
        is_staff,
        "fund.eoi_declined",
        "This bid cannot be declined because it is {state}",
        needs_reason=True,
    ),
    "submit_application": Transition(
        frozenset({BidStatus.INVITED}),
        BidStatus.APPLICATION_SUBMITTED,
        is_signed_in,
        "fund.application_submitted",
        "This application cannot be submitted because the bid is {state}",
    ),
    "propose_decision": Transition(
        frozenset({BidStatus.APPLICATION_SUBMITTED}),
        BidStatus.DECISION_PROPOSED,
        is_staff,
        "fund.decision_proposed",
        "A decision cannot be recorded because the bid is {state}",
    ),
    "return_decision": Transition(
        frozenset({BidStatus.DECISION_PROPOSED}),
        BidStatus.APPLICATION_SUBMITTED,
        is_fund_approver,
        "fund.decision_returned",
        "This decision cannot be sent back because the bid is {state}",
        needs_reason=True,
    ),
    # Approving makes the proposal final: AWARDED or NOT_FUNDED, whichever was proposed.
    "approve_award": Transition(
        frozenset({BidStatus.DECISION_PROPOSED}),
        BidStatus.AWARDED,
        is_fund_approver,
        "fund.awarded",
        "This decision cannot be approved because the bid is {state}",
    ),
    "approve_not_funded": Transition(
        frozenset({BidStatus.DECISION_PROPOSED}),
        BidStatus.NOT_FUNDED,
        is_fund_approver,
        "fund.not_funded",
        "This decision cannot be approved because the bid is {state}",
    ),
    "withdraw": Transition(
        frozenset({BidStatus.DRAFT, BidStatus.EOI_SUBMITTED, BidStatus.INVITED, BidStatus.APPLICATION_SUBMITTED}),
        BidStatus.WITHDRAWN,
        is_signed_in,
        "fund.withdrawn",
        "This bid cannot be withdrawn because it is {state}",
    ),
}

ASSESSMENT_TRANSITIONS = {
    "declare_no_conflict": Transition(
        frozenset({AssessmentStatus.ASSIGNED}),
        AssessmentStatus.IN_PROGRESS,
        is_assessor,
        "fund.assessment_started",
        "You cannot start this assessment because it is {state}",
    ),
    "declare_conflict": Transition(
        frozenset({AssessmentStatus.ASSIGNED}),
        AssessmentStatus.CONFLICTED,
        is_assessor,
        "fund.conflict_declared",
        "You cannot declare a conflict because this assessment is {state}",
        needs_reason=True,
    ),
    "submit": Transition(
        frozenset({AssessmentStatus.IN_PROGRESS}),
        AssessmentStatus.SUBMITTED,
        is_assessor,
        "fund.assessment_submitted",
        "You cannot submit this assessment because it is {state}",
    ),
}


def bid_actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(BID_TRANSITIONS, status, user)


def assessment_actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(ASSESSMENT_TRANSITIONS, status, user)
