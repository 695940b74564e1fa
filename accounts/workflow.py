"""Membership of an organisation: its states, the moves between them and who may make them.

A membership is approved at once when the person's email domain belongs to the organisation;
otherwise it waits for a moderator. Services check every move against TRANSITIONS.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


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


class TransitionRefused(Exception):
    """A move the workflow does not allow. `message` is written for the person who tried it;
    `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_role("moderator")


@dataclass(frozen=True)
class Transition:
    source: frozenset
    target: str
    allowed: Callable
    audit_code: str
    needs_reason: bool = False

    @property
    def past_tense(self) -> str:
        # "membership.approved" -> "approved"
        return self.audit_code.rsplit(".", 1)[-1]

    def check(self, status: str, by, reason: str = "") -> None:
        """Raise TransitionRefused unless `by` may make this move from `status` now."""
        if status not in self.source:
            label = MembershipStatus(status).label.lower()
            raise TransitionRefused(f"This membership cannot be {self.past_tense} because it is {label}")
        if not self.allowed(by):
            raise TransitionRefused("You do not have permission to make this decision")
        if self.needs_reason and not reason.strip():
            raise TransitionRefused("Enter a reason", field="reason")


TRANSITIONS = {
    "approve": Transition(
        frozenset({MembershipStatus.PENDING}), MembershipStatus.APPROVED, is_moderator, "membership.approved"
    ),
    "reject": Transition(
        frozenset({MembershipStatus.PENDING}),
        MembershipStatus.REJECTED,
        is_moderator,
        "membership.rejected",
        needs_reason=True,
    ),
    "revoke": Transition(
        frozenset({MembershipStatus.APPROVED}),
        MembershipStatus.REVOKED,
        is_moderator,
        "membership.revoked",
        needs_reason=True,
    ),
}


def actions_for(status: str, user) -> list[str]:
    """The moves `user` may make from `status`, for templates deciding which buttons to show."""
    return [name for name, step in TRANSITIONS.items() if status in step.source and step.allowed(user)]
