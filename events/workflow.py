"""Events: the states of a listed event, the moves between them and who may make them.

Anyone signed in with an approved membership submits a community event; a moderator publishes
or rejects it. Editing a published event's title, time or place sends it back for review;
other edits stay published. Staff publish the programme's own events (roadshows, training)
without review. The organiser or a moderator may cancel a published event: it stays in the
feeds as cancelled so calendars that subscribed drop it. Services check every move against
TRANSITIONS.

A booking for a programme event is confirmed while there is a place, otherwise it waits;
a freed place is offered to the longest-waiting person, who accepts it by a link before the
offer expires.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class EventStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"


# A booking in one of these states holds one of the event's places (Event.places_taken).
HOLDS_A_PLACE = frozenset({BookingStatus.CONFIRMED, BookingStatus.OFFERED})

# Shown on the public pages and in feeds.
LISTED_STATES = frozenset({EventStatus.PUBLISHED, EventStatus.CANCELLED})


def is_moderator(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


def is_signed_in(user) -> bool:
    # Whether the user may act on this event (submitter, member of its organisation) needs the
    # event, so services check it; here, anyone signed in.
    return user is not None and user.is_authenticated


TRANSITIONS = {
    "submit": Transition(
        frozenset({EventStatus.REJECTED, EventStatus.PUBLISHED}),
        EventStatus.SUBMITTED,
        is_signed_in,
        "events.submitted",
        "This event cannot be sent for review because it is {state}",
    ),
    "publish": Transition(
        frozenset({EventStatus.SUBMITTED}),
        EventStatus.PUBLISHED,
        is_moderator,
        "events.published",
        "This event cannot be published because it is {state}",
    ),
    "reject": Transition(
        frozenset({EventStatus.SUBMITTED}),
        EventStatus.REJECTED,
        is_moderator,
        "events.rejected",
        "This event cannot be rejected because it is {state}",
        needs_reason=True,
    ),
    "cancel": Transition(
        frozenset({EventStatus.PUBLISHED, EventStatus.SUBMITTED}),
        EventStatus.CANCELLED,
        is_signed_in,
        "events.cancelled",
        "This event cannot be cancelled because it is {state}",
        needs_reason=True,
    ),
}


def actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(TRANSITIONS, status, user)


# Bookings ---------------------------------------------------------------------------------
# `None` as the actor is the person acting through the link in their email (the link is the
# authority: there is no account) or the service itself (offers and their expiry).


def is_link_holder(user) -> bool:
    return user is None


def is_link_holder_or_moderator(user) -> bool:
    return user is None or is_moderator(user)


LIVE_BOOKING_STATES = frozenset({BookingStatus.CONFIRMED, BookingStatus.WAITING, BookingStatus.OFFERED})

BOOKING_TRANSITIONS = {
    "offer": Transition(
        frozenset({BookingStatus.WAITING}),
        BookingStatus.OFFERED,
        is_link_holder,
        "events.booking.offered",
        "This place cannot be offered because the booking is {state}",
    ),
    "accept": Transition(
        frozenset({BookingStatus.OFFERED}),
        BookingStatus.CONFIRMED,
        is_link_holder,
        "events.booking.accepted",
        "This place cannot be accepted because the booking is {state}",
    ),
    "decline": Transition(
        frozenset({BookingStatus.OFFERED}),
        BookingStatus.CANCELLED,
        is_link_holder,
        "events.booking.declined",
        "This place cannot be declined because the booking is {state}",
    ),
    "expire": Transition(
        frozenset({BookingStatus.OFFERED}),
        BookingStatus.CANCELLED,
        is_link_holder,
        "events.booking.offer_expired",
        "This offer cannot expire because the booking is {state}",
    ),
    "cancel": Transition(
        LIVE_BOOKING_STATES,
        BookingStatus.CANCELLED,
        is_link_holder_or_moderator,
        "events.booking.cancelled",
        "This booking cannot be cancelled because it is {state}",
    ),
}


def booking_actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(BOOKING_TRANSITIONS, status, user)
