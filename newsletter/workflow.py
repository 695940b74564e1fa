"""Newsletter subscribers and issues: their states, the moves between them and who may make them.

A subscriber asks to subscribe (pending), confirms from the link in an email (confirmed), may
unsubscribe and later confirm afresh, and may have their data erased from any state. The
person acts through a link from an email: the service checks its token, then calls the move
with `by=None`. Moderators may also erase someone's data when asked by other means.

An issue is written as a draft, then sent in batches by a background job: moderators start,
pause and resume sending, and the job marks the issue sent when every batch has gone.

Services check every move against these tables; templates ask `actions_for` which buttons to
show. No other code compares status codes.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Subscribed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    ERASED = "erased", "Data erased"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    SENT = "sent", "Sent"


# How each issue state looks on a GOV.UK tag, keyed by code so relabelling changes nothing.
ISSUE_TAG_CLASSES = {
    IssueStatus.DRAFT: "govuk-tag--grey",
    IssueStatus.SENDING: "govuk-tag--blue",
    IssueStatus.PAUSED: "govuk-tag--yellow",
    IssueStatus.SENT: "govuk-tag--green",
}


def is_moderator(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


def is_link_holder(user) -> bool:
    # No account is involved: the service has already checked the token from the email (or,
    # for erasure, it is the service's own clean-up of requests nobody confirmed).
    return user is None


def is_link_holder_or_moderator(user) -> bool:
    return is_link_holder(user) or is_moderator(user)


def is_background_job(user) -> bool:
    return user is None


SUBSCRIBER_TRANSITIONS = {
    "confirm": Transition(
        frozenset({SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED}),
        SubscriberStatus.CONFIRMED,
        is_link_holder,
        "newsletter.subscriber.confirmed",
        "This subscription cannot be confirmed because it is {state}",
    ),
    "unsubscribe": Transition(
        frozenset({SubscriberStatus.CONFIRMED}),
        SubscriberStatus.UNSUBSCRIBED,
        is_link_holder,
        "newsletter.subscriber.unsubscribed",
        "You cannot unsubscribe because this subscription is {state}",
    ),
    "erase": Transition(
        frozenset({SubscriberStatus.PENDING, SubscriberStatus.CONFIRMED, SubscriberStatus.UNSUBSCRIBED}),
        SubscriberStatus.ERASED,
        is_link_holder_or_moderator,
        "newsletter.subscriber.erased",
        "This subscriber’s data cannot be erased because it is {state}",
    ),
}

ISSUE_TRANSITIONS = {
    "send": Transition(
        frozenset({IssueStatus.DRAFT}),
        IssueStatus.SENDING,
        is_moderator,
        "newsletter.issue.sending_started",
        "You can only send a draft. This issue is {state}",
    ),
    "pause": Transition(
        frozenset({IssueStatus.SENDING}),
        IssueStatus.PAUSED,
        is_moderator,
        "newsletter.issue.paused",
        "You can only pause an issue while it is sending. This issue is {state}",
    ),
    "resume": Transition(
        frozenset({IssueStatus.PAUSED}),
        IssueStatus.SENDING,
        is_moderator,
        "newsletter.issue.resumed",
        "You can only resume sending an issue that is paused. This issue is {state}",
    ),
    "finish": Transition(
        frozenset({IssueStatus.SENDING}),
        IssueStatus.SENT,
        is_background_job,
        "newsletter.issue.sent",
        "Only an issue that is sending can be marked sent. This issue is {state}",
    ),
}


def actions_for(status: str, user) -> list[str]:
    """The moves `user` may make on an issue in `status`, for templates deciding which buttons
    to show."""
    return workflow.actions_for(ISSUE_TRANSITIONS, status, user)


def is_editable(status: str) -> bool:
    """Only a draft may be changed: once sending starts, people have the words in their inbox."""
    return status == IssueStatus.DRAFT


def is_sending(status: str) -> bool:
    return status == IssueStatus.SENDING


def is_published(status: str) -> bool:
    """Whether the issue is in the public archive: only once every batch has gone."""
    return status == IssueStatus.SENT


def is_subscribed(status: str) -> bool:
    """Whether a subscriber gets issues and may choose topics."""
    return status == SubscriberStatus.CONFIRMED
