"""Signing the Local Digital Declaration: the states of an organisation's signature, the
moves between them and who may make them.

The lead (signed in through their work email) prepares a draft and submits it; a moderator
approves the commitments, asks for changes or rejects; on approval the senior approver signs
for the organisation through a link sent to them; a signed organisation may withdraw, which
staff confirm. Services check every move against TRANSITIONS.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class SignatureStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    AWAITING_SIGNATURE = "awaiting_signature", "Waiting for the senior approver to sign"
    SIGNED = "signed", "Signed"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# From submission to signature an organisation holds its one place: a second submission is
# refused (the database enforces it, see Signature.Meta).
ACTIVE_STATES = frozenset(
    {
        SignatureStatus.SUBMITTED,
        SignatureStatus.CHANGES_REQUESTED,
        SignatureStatus.AWAITING_SIGNATURE,
        SignatureStatus.SIGNED,
    }
)


def is_moderator(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


def is_approver_link_holder(user) -> bool:
    # The senior approver has no account: the service has checked the link from their email.
    return user is None


TRANSITIONS = {
    "submit": Transition(
        frozenset({SignatureStatus.DRAFT, SignatureStatus.CHANGES_REQUESTED}),
        SignatureStatus.SUBMITTED,
        # The lead check needs the signature, so services.submit makes it; here, anyone signed in.
        lambda user: user is not None and user.is_authenticated,
        "declaration.submitted",
        "This declaration cannot be submitted because it is {state}",
    ),
    "request_changes": Transition(
        frozenset({SignatureStatus.SUBMITTED}),
        SignatureStatus.CHANGES_REQUESTED,
        is_moderator,
        "declaration.changes_requested",
        "You cannot ask for changes because this declaration is {state}",
        needs_reason=True,
    ),
    "approve": Transition(
        frozenset({SignatureStatus.SUBMITTED}),
        SignatureStatus.AWAITING_SIGNATURE,
        is_moderator,
        "declaration.approved",
        "This declaration cannot be approved because it is {state}",
    ),
    "reject": Transition(
        frozenset({SignatureStatus.SUBMITTED}),
        SignatureStatus.REJECTED,
        is_moderator,
        "declaration.rejected",
        "This declaration cannot be rejected because it is {state}",
        needs_reason=True,
    ),
    "sign": Transition(
        frozenset({SignatureStatus.AWAITING_SIGNATURE}),
        SignatureStatus.SIGNED,
        is_approver_link_holder,
        "declaration.signed",
        "This declaration cannot be signed because it is {state}",
    ),
    "withdraw": Transition(
        frozenset({SignatureStatus.SIGNED}),
        SignatureStatus.WITHDRAWN,
        is_moderator,
        "declaration.withdrawn",
        "This signature cannot be withdrawn because it is {state}",
        needs_reason=True,
    ),
}


def actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(TRANSITIONS, status, user)
