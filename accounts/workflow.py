"""Membership of an organisation: its states, the moves between them and who may make them.

A membership is approved at once when the person's email domain belongs to the organisation;
otherwise it waits for a moderator. Services check every move against TRANSITIONS.
"""

from dataclasses import dataclass
from typing import Callable

from django.db import models


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    REVOKED = "revoked", "Removed"


def is_moderator(user) -> bool:
    return user.is_authenticated and user.has_role("moderator")


@dataclass(frozen=True)
class Transition:
    source: frozenset
    target: str
    allowed: Callable
    audit_code: str
    needs_reason: bool = False


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
