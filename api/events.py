"""Events: the hub's published events, and cancelled ones marked cancelled, as the events pages
and feeds list them. Places are counts only: never who submitted an event or who booked."""

import enum
from datetime import date, datetime

from django.conf import settings
from django.db.models import Max, QuerySet
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import BlankIsNull, Day, Id, LondonDateTime, OrganisationRef, Slug, TopicRef, responses, web_url
from events import queries
from events.booking_queries import availability
from events.calendar import ical_uid
from events.models import Booking, Event, EventType, Region, Topic
from events.workflow import EventStatus

router = Router(tags=["Events"])

# What the records read beyond the public fields the events pages load.
ORGANISATION_FIELDS = ["organisation__slug", "organisation__name", "organisation__org_id"]


class EventMode(enum.StrEnum):
    ONLINE = "online"
    IN_PERSON = "in_person"


class EventSchedule(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class EventPlaces(Schema):
    """Places on an event booked through this service: counts, never who booked."""

    capacity: int = Field(description="Places there are")
    left: int = Field(description="Places not yet taken")
    full: bool = Field(description="Every place is taken; people may join the waiting list")
    signatories_only: bool = Field(
        description="Only people from organisations that have signed the declaration may book"
    )
    open: bool = Field(description="Taking bookings now: false once it has started or if it is cancelled")


class EventOut(Schema):
    id: int = Field(description="Stable id on this service, used in /events/{id} and the event's web address")
    uid: str = Field(description="The UID of the event in iCalendar files; it never changes")
    title: str
    summary: str = Field(description="One or two sentences for lists and calendars")
    description: str = Field(description="Markdown, as the organiser wrote it")
    type: EventType
    type_label: str = Field(description="The type in words")
    topics: list[TopicRef]
    starts_at: LondonDateTime
    ends_at: LondonDateTime
    online: bool = Field(description="Online; false for an event in person")
    venue: BlankIsNull = Field(description="Null for an online event")
    town: BlankIsNull
    region: Region | None = Field(description="English region or nation of an event in person")
    region_label: str | None = Field(description="The region in words")
    organiser: str = Field(description="The organisation running it, as it is shown on the event")
    organisation: OrganisationRef | None = Field(description="The organisation the event is for, if any")
    free: bool
    cost: BlankIsNull = Field(description="What it costs, in words; null when it is free")
    booking_url: str | None = Field(
        description="Where to book: this service's booking page for a programme event with places, "
        "else the organiser's page; null when there is none or the event is cancelled"
    )
    programme_event: bool = Field(description="Run by the Local Digital programme, such as a roadshow or training")
    places: EventPlaces | None = Field(description="Places when booking is through this service; otherwise null")
    status: EventSchedule = Field(description="scheduled, or cancelled (kept so that calendars learn of it)")
    cancellation_reason: BlankIsNull = Field(description="Why it was cancelled, as the event page says")
    updated_at: LondonDateTime = Field(description="When the event last changed")
    url: str = Field(description="Its page on the website")
    ics_url: str = Field(description="The event as an iCalendar file")

    @staticmethod
    def resolve_id(event: Event) -> int:
        return event.pk

    @staticmethod
    def resolve_uid(event: Event) -> str:
        return ical_uid(event)

    @staticmethod
    def resolve_type(event: Event) -> str:
        return event.event_type

    @staticmethod
    def resolve_type_label(event: Event) -> str:
        return event.get_event_type_display()

    @staticmethod
    def resolve_topics(event: Event) -> list[Topic]:
        return list(event.topics.all())

    @staticmethod
    def resolve_online(event: Event) -> bool:
        return event.is_online

    @staticmethod
    def resolve_region(event: Event) -> str | None:
        return event.region or None

    @staticmethod
    def resolve_region_label(event: Event) -> str | None:
        return event.get_region_display() if event.region else None

    @staticmethod
    def resolve_free(event: Event) -> bool:
        return event.is_free

    @staticmethod
    def resolve_cost(event: Event) -> str:
        return "" if event.is_free else event.cost

    @staticmethod
    def resolve_booking_url(event: Event) -> str | None:
        return _booking_url(event)

    @staticmethod
    def resolve_programme_event(event: Event) -> bool:
        return event.is_programme_event

    @staticmethod
    def resolve_places(event: Event) -> dict | None:
        return _places(event)

    @staticmethod
    def resolve_status(event: Event) -> str:
        return EventSchedule.CANCELLED if event.status == EventStatus.CANCELLED else EventSchedule.SCHEDULED

    @staticmethod
    def resolve_url(event: Event) -> str:
        return web_url(event)

    @staticmethod
    def resolve_ics_url(event: Event) -> str:
        return settings.SITE_URL + reverse("events:detail_ics", args=[event.pk])


class EventFilters(Schema):
    starts_from: Day | None = Field(
        None, alias="from", description="Events running on or after this day, e.g. 2026-03-01"
    )
    ends_by: Day | None = Field(None, alias="to", description="Events starting on or before this day")
    region: Region | None = Field(None, description="Events in person in this region or nation")
    mode: EventMode | None = Field(None, description="Online or in person")
    type: EventType | None = Field(None, description="Type of event")
    topic: Slug | None = Field(None, description="A topic's slug, as events give it; one no event has matches nothing")
    free: bool = Field(False, description="Free events only")
    past: bool = Field(
        False, description="Events that have ended, most recent first, instead of upcoming ones soonest first"
    )

    @field_validator("ends_by")
    @classmethod
    def _not_before_from(cls, ends_by: date | None, info: ValidationInfo) -> date | None:
        starts_from = info.data.get("starts_from")
        if starts_from and ends_by and ends_by < starts_from:
            raise PydanticCustomError("date_order", "The to date must be the same as or after the from date")
        return ends_by

    def as_filters(self) -> queries.Filters:
        return queries.Filters(
            starts_from=self.starts_from,
            ends_by=self.ends_by,
            region=self.region or "",
            mode=self.mode or "",
            event_type=self.type or "",
            topic=self.topic or "",
            free_only=self.free,
        )


def _booking_url(event: Event) -> str | None:
    if event.status == EventStatus.CANCELLED:
        return None
    if event.takes_bookings:
        return settings.SITE_URL + reverse("events:book", args=[event.pk])
    return event.booking_url or None


def _places(event: Event) -> dict | None:
    if not event.takes_bookings:
        return None
    places = availability(event)
    return {
        "capacity": event.capacity,
        "left": places.places_left,
        "full": places.places_left == 0,
        "signatories_only": event.signatories_only,
        "open": places.is_open,
    }


def _for_records(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` with the organisation the records name. Cancelled events that were never
    published are left out: nobody reviewed what they say."""
    return (
        events.exclude(status=EventStatus.CANCELLED, published_at__isnull=True)
        .select_related("organisation")
        .only(*queries.PUBLIC_FIELDS, *ORGANISATION_FIELDS)
    )


@router.get("", response=responses(list[EventOut]), url_name="events", summary="List events")
@paginate(NumberedPages)
def list_events(request, filters: Query[EventFilters]):
    """Upcoming events soonest first (or, with `past`, those that have ended, most recent
    first), with the filters of the events pages. Cancelled events stay in the list, marked
    cancelled."""
    find = queries.past if filters.past else queries.upcoming
    return _for_records(find(filters.as_filters()))


@router.get("/{id}", response=responses(EventOut), url_name="event", summary="One event")
def get_event(request, id: Id):
    """An event by its id: published, or cancelled after it was published."""
    event = _for_records(queries.every_listed()).filter(pk=id).first()
    if event is None:
        raise Http404(f"No event has the id {id}")
    return event


def _last_updated() -> datetime | None:
    # Every event, so that one leaving the list counts as a change; and bookings, because
    # places change with them while the event's own updated_at stays the same.
    events = Event.objects.aggregate(latest=Max("updated_at"))["latest"]
    bookings = Booking.objects.aggregate(
        created=Max("created_at"), confirmed=Max("confirmed_at"), cancelled=Max("cancelled_at")
    )
    return max((moment for moment in (events, *bookings.values()) if moment), default=None)


DATASETS = [
    Dataset(
        slug="events",
        title="Events",
        description="Every event on the events hub, past and future, including cancelled ones, "
        "with places left on the programme's own events.",
        rows=lambda: _for_records(queries.every_listed()),
        schema=EventOut,
        columns={
            "id": lambda event: event.pk,
            "uid": ical_uid,
            "title": lambda event: event.title,
            "summary": lambda event: event.summary,
            "description": lambda event: event.description,
            "type": lambda event: event.get_event_type_display(),
            "topics": lambda event: "; ".join(topic.name for topic in event.topics.all()),
            "starts_at": lambda event: event.starts_at,
            "ends_at": lambda event: event.ends_at,
            "online": lambda event: event.is_online,
            "venue": lambda event: event.venue,
            "town": lambda event: event.town,
            "region": lambda event: event.get_region_display(),
            "organiser": lambda event: event.organiser,
            "organisation_id": lambda event: event.organisation.slug if event.organisation else None,
            "free": lambda event: event.is_free,
            "cost": lambda event: "" if event.is_free else event.cost,
            "booking_url": _booking_url,
            "programme_event": lambda event: event.is_programme_event,
            "places": lambda event: event.capacity if event.takes_bookings else None,
            "places_left": lambda event: event.places_left if event.takes_bookings else None,
            "signatories_only": lambda event: event.signatories_only if event.takes_bookings else None,
            "status": EventOut.resolve_status,
            "cancellation_reason": lambda event: event.cancellation_reason,
            "updated_at": lambda event: event.updated_at,
            "url": web_url,
            "ics_url": EventOut.resolve_ics_url,
        },
        last_updated=_last_updated,
    ),
]
