"""Every business action on an event: members submit and change community events, moderators
publish, reject or cancel them, and staff publish the programme's own events. Views call
these; nothing else writes an event's status."""

import datetime
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import audit
from core.db import retried_while_sqlite_is_busy
from core.email import send_email
from core.workflow import TransitionRefused
from events import booking, queries
from events.models import Event, Topic
from events.workflow import TRANSITIONS, EventStatus, is_moderator
from organisations.models import Organisation

# A published community event whose title, time or place changes goes back for review: these
# are what people decide to come on.
ENDED = "This event has already happened, so it can no longer be changed"
SUBSTANTIVE_FIELDS = ("title", "starts_at", "ends_at", "is_online", "venue", "town", "region")
# What a calendar shows (see events.calendar): a change to any raises the event's SEQUENCE.
CALENDAR_FIELDS = ("title", "summary", "starts_at", "ends_at", "is_online", "venue", "town")


@dataclass
class EventDetails:
    """What a member or staff enters about an event."""

    title: str
    summary: str
    description: str
    event_type: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    is_online: bool
    organiser: str
    venue: str = ""
    town: str = ""
    region: str = ""
    is_free: bool = True
    cost: str = ""
    booking_url: str = ""
    topics: list[Topic] = field(default_factory=list)

    def fields(self) -> dict:
        values = {name: value for name, value in asdict(self).items() if name != "topics"}
        for name in ("title", "summary", "description", "venue", "town", "organiser", "cost", "booking_url"):
            values[name] = values[name].strip()
        # An online event has no place, and a free one no price.
        if self.is_online:
            values.update(venue="", town="", region="")
        if self.is_free:
            values["cost"] = ""
        return values


@dataclass
class Places:
    """How a programme event takes bookings through the service."""

    capacity: int | None = None
    signatories_only: bool = False


# Members ----------------------------------------------------------------------------------


def submit_event(organisation: Organisation, *, by, details: EventDetails) -> Event:
    """A member submits a community event for `organisation`; moderators review it."""
    if organisation not in queries.organisations_of(by):
        raise TransitionRefused("Choose an organisation you belong to", field="organisation")
    _refuse_bad_times(details, previous_start=None)
    with transaction.atomic():
        event = Event.objects.create(
            **details.fields(), status=EventStatus.SUBMITTED, submitted_by=by, organisation=organisation
        )
        event.topics.set(details.topics)
        audit.record(event, "events.submitted", by=by, changes={"status": (None, event.status)})
    return event


def change_event(event: Event, *, by, details: EventDetails, places: Places | None = None) -> Event:
    """Change an event. A published community event whose title, time or place changes goes
    back for review, as does a rejected one; other changes keep it published. `places` is
    for programme events only."""
    _refuse_bad_times(details, previous_start=event.starts_at)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _refuse_unless_changeable(locked, by)
        new_values = details.fields() | (asdict(places) if places and locked.is_programme_event else {})
        if "capacity" in new_values and new_values["capacity"] is not None:
            _refuse_capacity_below_places_taken(locked, new_values["capacity"])
        before = {name: getattr(locked, name) for name in new_values}
        topics_before = {topic.pk for topic in locked.topics.all()}
        for name, value in new_values.items():
            setattr(locked, name, value)
        changes = audit.changed_fields(before, locked, list(new_values))
        topics_changed = topics_before != {topic.pk for topic in details.topics}
        if not changes and not topics_changed:
            return locked
        if any(name in changes for name in CALENDAR_FIELDS):
            locked.sequence += 1
        back_for_review = not locked.is_programme_event and (
            locked.status == EventStatus.REJECTED
            or (locked.status == EventStatus.PUBLISHED and any(name in changes for name in SUBSTANTIVE_FIELDS))
        )
        status_before = locked.status
        if back_for_review:
            TRANSITIONS["submit"].check(locked.status, by)
            locked.status, locked.review_note = EventStatus.SUBMITTED, ""
        locked.save(update_fields=[*new_values, "sequence", "status", "review_note", "updated_at"])
        if topics_changed:
            locked.topics.set(details.topics)
            changes["topics"] = (sorted(topics_before), sorted(topic.pk for topic in details.topics))
        if "description" in changes:
            # The trail says the description changed, not what it says (it can be long).
            changes["description"] = ("", "")
        audit.record(locked, "events.changed", by=by, changes=changes)
        _follow_up_bookings(locked, changes)
        if back_for_review:
            audit.record(
                locked, TRANSITIONS["submit"].audit_code, by=by, changes={"status": (status_before, locked.status)}
            )
    return locked


# Moderators -------------------------------------------------------------------------------


@retried_while_sqlite_is_busy
def publish(event: Event, *, by) -> Event:
    with transaction.atomic():
        event = _apply(event, "publish", by=by, published_at=timezone.now(), review_note="")
        _email_submitter(event, "event_published")
    return event


@retried_while_sqlite_is_busy
def reject(event: Event, *, by, reason: str) -> Event:
    with transaction.atomic():
        event = _apply(event, "reject", by=by, reason=reason, review_note=reason.strip())
        _email_submitter(event, "event_rejected", reason=reason.strip())
    return event


@retried_while_sqlite_is_busy
def cancel(event: Event, *, by, reason: str) -> Event:
    """The organiser or a moderator cancels an event. It stays listed, marked cancelled, and
    calendars learn of it; anyone booked on a programme event is told and their place freed."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _refuse_unless_allowed(locked, by)
        if locked.has_ended:
            raise TransitionRefused("This event has already happened, so it cannot be cancelled")
        locked = _apply(
            locked,
            "cancel",
            by=by,
            reason=reason,
            cancelled_at=timezone.now(),
            cancellation_reason=reason.strip(),
            sequence=locked.sequence + 1,
        )
        if locked.is_programme_event:
            booking.release_bookings_of_cancelled_event(locked)
    return locked


# Staff ------------------------------------------------------------------------------------


def create_programme_event(*, by, details: EventDetails, places: Places) -> Event:
    """Staff publish one of the programme's own events (a roadshow, training) without review."""
    if not is_moderator(by):
        raise TransitionRefused("You do not have permission to do this")
    _refuse_bad_times(details, previous_start=None)
    with transaction.atomic():
        event = Event.objects.create(
            **details.fields(),
            **asdict(places),
            is_programme_event=True,
            status=EventStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        event.topics.set(details.topics)
        audit.record(event, TRANSITIONS["publish"].audit_code, by=by, changes={"status": (None, event.status)})
    return event


# Helpers ----------------------------------------------------------------------------------


def _apply(event: Event, action: str, *, by, reason: str = "", **fields) -> Event:
    step = TRANSITIONS[action]
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        step.check(locked.status, by, reason)
        before = locked.status
        locked.status = step.target
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", *fields, "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
    return locked


def _follow_up_bookings(event: Event, changes: dict) -> None:
    """People with a place hear of a new time or place; places staff added go to the people
    waiting, in order, rather than to whoever books next."""
    if not event.takes_bookings:
        return
    if any(name in changes for name in ("starts_at", "ends_at", "is_online", "venue", "town")):
        booking.tell_bookers_of_change(event)
    if "capacity" in changes:
        before, after = changes["capacity"]
        if after is not None and (before is None or after > before):
            booking.offer_added_places(event)


def _refuse_unless_changeable(event: Event, by) -> None:
    _refuse_unless_allowed(event, by)
    if event.status == EventStatus.CANCELLED:
        raise TransitionRefused("This event cannot be changed because it is cancelled")
    # Past events are the archive's record; only moderators correct them.
    if event.has_ended and not is_moderator(by):
        raise TransitionRefused(ENDED)


def _refuse_unless_allowed(event: Event, by) -> None:
    """Programme events are staff's; a community event is its submitter's and their
    colleagues', and moderators may act on it too."""
    if is_moderator(by):
        return
    if event.is_programme_event or not queries.editable_by(by).filter(pk=event.pk).exists():
        raise TransitionRefused("You do not have permission to do this")


def _refuse_bad_times(details: EventDetails, *, previous_start: datetime.datetime | None) -> None:
    if details.ends_at <= details.starts_at:
        raise TransitionRefused("The event must end after it starts", field="ends_at")
    # An event under way keeps its start; a new or moved start must still be to come.
    if details.starts_at != previous_start and details.starts_at <= timezone.now():
        raise TransitionRefused("The start must be in the future", field="starts_at")


def _refuse_capacity_below_places_taken(event: Event, capacity: int) -> None:
    if capacity < event.places_taken:
        raise TransitionRefused(
            f"{event.places_taken} places are already booked. Enter a number of places of {event.places_taken} or more",
            field="capacity",
        )


def _email_submitter(event: Event, template: str, **context) -> None:
    if event.submitted_by is None:
        return
    send_email(
        event.submitted_by.email,
        template,
        {"event": event, "event_url": settings.SITE_URL + event.get_absolute_url(), **context},
    )
