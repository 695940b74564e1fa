"""Membership of an organisation: its states, the moves between them and who may make them.

A membership is approved at once when the person's email domain belongs to the organisation;
otherwise it waits for a moderator. Services check every move against TRANSITIONS.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    REVOKED = "revoked", "Removed"


# How each state looks on a GOV.UK tag, keyed by code so relabelling a state changes nothing.
STATUS_TAG_CLASSES = {
    MembershipStatus.PENDING: "govuk-tag--yellow",
    MembershipStatus.APPROVED: "govuk-tag--green",
    MembershipStatus.REJECTED: "govuk-tag--red",
    MembershipStatus.REVOKED: "govuk-tag--grey",
}


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_role("moderator")


TRANSITIONS = {
    "approve": Transition(
        frozenset({MembershipStatus.PENDING}),
        MembershipStatus.APPROVED,
        is_moderator,
        "membership.approved",
        "This membership cannot be approved because it is {state}",
    ),
    "reject": Transition(
        frozenset({MembershipStatus.PENDING}),
        MembershipStatus.REJECTED,
        is_moderator,
        "membership.rejected",
        "This membership cannot be rejected because it is {state}",
        needs_reason=True,
    ),
    "revoke": Transition(
        frozenset({MembershipStatus.APPROVED}),
        MembershipStatus.REVOKED,
        is_moderator,
        "membership.revoked",
        "This membership cannot be removed because it is {state}",
        needs_reason=True,
    ),
}


def actions_for(status: str, user) -> list[str]:
    """The moves `user` may make from `status`, for templates deciding which buttons to show."""
    return workflow.actions_for(TRANSITIONS, status, user)
