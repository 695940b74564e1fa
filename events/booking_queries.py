"""Reading bookings: whether an event takes them now, and the lists staff see. Every list is
one query however many bookings there are."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from declaration.models import Signature
from declaration.workflow import SignatureStatus
from events.models import Booking, Event
from events.workflow import BookingStatus, EventStatus
from organisations.models import Organisation

# Why an event takes no bookings now, as the booking page and the event's panel say it.
CLOSED_MESSAGES = {
    "not_taking_bookings": "This event does not take bookings through this service",
    "cancelled": "This event has been cancelled, so it is not taking bookings",
    "started": "Booking has closed because the event has started",
}


@dataclass(frozen=True)
class Availability:
    # A key of CLOSED_MESSAGES, or "" while the event takes bookings.
    closed: str
    places_left: int

    @property
    def is_open(self) -> bool:
        return not self.closed

    @property
    def is_full(self) -> bool:
        return self.is_open and self.places_left == 0

    @property
    def closed_message(self) -> str:
        return CLOSED_MESSAGES.get(self.closed, "")


def availability(event: Event, now: datetime | None = None) -> Availability:
    now = now or timezone.now()
    if not event.takes_bookings or event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        closed = "not_taking_bookings"
    elif event.status == EventStatus.CANCELLED:
        closed = "cancelled"
    elif event.starts_at <= now:
        closed = "started"
    else:
        closed = ""
    return Availability(closed=closed, places_left=event.places_left)


def listed_event(pk: int) -> Event:
    """An event the public may see; anything else (waiting for review, rejected) is not found."""
    return get_object_or_404(Event.objects.listed(), pk=pk)


def event_taking_bookings(pk: int) -> Event:
    """A programme event with places, for staff: other events have no bookings to manage."""
    return get_object_or_404(Event.objects.filter(is_programme_event=True, capacity__isnull=False), pk=pk)


def booking_of(event: Event, pk: int) -> Booking:
    """One of `event`'s bookings; another event's is not found."""
    return get_object_or_404(Booking.objects.select_related("organisation", "event"), event=event, pk=pk)


def just_booked(pk: int | None, *, event_pk: int) -> Booking | None:
    """The booking this browser has just made or accepted, if it is for this event."""
    if pk is None:
        return None
    return Booking.objects.select_related("event", "organisation").filter(pk=pk, event_id=event_pk).first()


def organisation_names(event: Event) -> QuerySet:
    """The names to suggest as people type their organisation: only signatories when only
    they may book."""
    organisations = Organisation.objects.current()
    if event.signatories_only:
        organisations = organisations.filter(
            pk__in=Signature.objects.filter(status=SignatureStatus.SIGNED).values("organisation")
        )
    return organisations.values_list("name", flat=True)


def has_signed(organisation: Organisation) -> bool:
    return Signature.objects.filter(organisation=organisation, status=SignatureStatus.SIGNED).exists()


@dataclass
class BookingLists:
    confirmed: list[Booking] = field(default_factory=list)
    offered: list[Booking] = field(default_factory=list)
    # In the order places will be offered.
    waiting: list[Booking] = field(default_factory=list)


def booking_lists(event: Event) -> BookingLists:
    """The event's live bookings, grouped by status, from one query."""
    lists = BookingLists()
    bookings = (
        event.bookings.exclude(status=BookingStatus.CANCELLED)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    groups = {
        BookingStatus.CONFIRMED: lists.confirmed,
        BookingStatus.OFFERED: lists.offered,
        BookingStatus.WAITING: lists.waiting,
    }
    for booking in bookings:
        groups[booking.status].append(booking)
    lists.waiting.sort(key=lambda booking: (booking.waiting_since, booking.pk))
    return lists


def attendees(event: Event) -> QuerySet[Booking]:
    """The people with a confirmed place, for the attendees' file."""
    return event.bookings.filter(status=BookingStatus.CONFIRMED).select_related("organisation").order_by("name", "pk")
