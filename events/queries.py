"""Read functions for the events hub. Each returns a bounded, pre-joined queryset or page;
public ones never load the people behind an event."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from core.dates import LONDON, clock
from events.models import Event, Topic
from events.workflow import EventStatus
from organisations.models import Organisation

PAGE_SIZE = 20
# Feeds keep events that ended this long ago, so a late cancellation still reaches calendars.
FEED_KEEPS_ENDED_FOR = datetime.timedelta(days=90)
ATOM_ENTRIES = 50

# The public pages show these fields; `submitted_by` and review notes are never loaded.
PUBLIC_FIELDS = [
    "uid",
    "title",
    "summary",
    "description",
    "event_type",
    "starts_at",
    "ends_at",
    "is_online",
    "venue",
    "town",
    "region",
    "organiser",
    "is_free",
    "cost",
    "booking_url",
    "status",
    "cancellation_reason",
    "sequence",
    "updated_at",
    "published_at",
    "is_programme_event",
    "capacity",
    "signatories_only",
    "places_taken",
]


@dataclass(frozen=True)
class Filters:
    """What a visitor narrowed the events down to. Every field is optional."""

    starts_from: datetime.date | None = None
    ends_by: datetime.date | None = None
    region: str = ""
    mode: str = ""  # "online" or "in_person"
    event_type: str = ""
    topic: str = ""  # a Topic slug
    free_only: bool = False


def start_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), LONDON)


def _public_events() -> QuerySet[Event]:
    topics = Prefetch("topics", queryset=Topic.objects.order_by("name"))
    return Event.objects.listed().only(*PUBLIC_FIELDS).prefetch_related(topics)


def filtered(events: QuerySet[Event], filters: Filters) -> QuerySet[Event]:
    if filters.starts_from:
        # Events still running on the first day count, as well as those starting later.
        events = events.filter(ends_at__gt=start_of_day(filters.starts_from))
    if filters.ends_by and filters.ends_by < datetime.date.max:  # the day after date.max cannot be written
        events = events.filter(starts_at__lt=start_of_day(filters.ends_by + datetime.timedelta(days=1)))
    if filters.region:
        events = events.filter(region=filters.region)
    if filters.mode:
        events = events.filter(is_online=filters.mode == "online")
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.topic:
        events = events.filter(topics__slug=filters.topic)
    if filters.free_only:
        events = events.filter(is_free=True)
    return events


def upcoming(filters: Filters) -> QuerySet[Event]:
    """Listed events that have not yet ended, soonest first."""
    return filtered(_public_events(), filters).filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


def past(filters: Filters) -> QuerySet[Event]:
    """Listed events that have ended, most recent first."""
    return filtered(_public_events(), filters).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")


def every_listed() -> QuerySet[Event]:
    """Every listed event, past and future, in date order: the open data download."""
    return _public_events().order_by("starts_at", "pk")


def page_of(events: QuerySet[Event], number) -> Page:
    page = Paginator(events, PAGE_SIZE).get_page(number)
    with_times(page.object_list)
    return page


@dataclass
class Day:
    day: datetime.date
    events: list[Event] = field(default_factory=list)


def month(year: int, month_number: int, filters: Filters) -> list[Day]:
    """Listed events starting in the month (London time), grouped by day."""
    first = datetime.date(year, month_number, 1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    events = list(
        filtered(_public_events(), filters)
        .filter(starts_at__gte=start_of_day(first), starts_at__lt=start_of_day(after))
        .order_by("starts_at", "pk")
    )
    with_times(events)
    return [
        Day(day, list(day_events))
        for day, day_events in groupby(events, key=lambda event: event.starts_at.astimezone(LONDON).date())
    ]


def for_feed(filters: Filters) -> list[Event]:
    """The .ics feed: upcoming events and those that ended in the last 90 days."""
    since = timezone.now() - FEED_KEEPS_ENDED_FOR
    return list(filtered(_public_events(), filters).filter(ends_at__gte=since).order_by("starts_at", "pk"))


def for_atom(filters: Filters) -> list[Event]:
    """The Atom feed: the most recently changed upcoming events."""
    events = filtered(_public_events(), filters).filter(ends_at__gte=timezone.now())
    return list(events.order_by("-updated_at", "-pk")[:ATOM_ENTRIES])


def public_event(pk: int) -> Event:
    """A listed event for its public page; 404 for one not (or no longer) listed."""
    event = get_object_or_404(_public_events(), pk=pk)
    with_times([event])
    return event


# Members --------------------------------------------------------------------------------------


def organisations_of(user) -> list[Organisation]:
    """The current organisations `user` is an approved member of: those they may submit for."""
    return list(
        Organisation.objects.current()
        .filter(memberships__user=user, memberships__status=MembershipStatus.APPROVED)
        .order_by("name")
    )


def editable_by(user) -> QuerySet[Event]:
    """Community events `user` may change or cancel: ones they submitted, and ones of an
    organisation they are an approved member of."""
    if user is None or not user.is_authenticated:
        return Event.objects.none()
    member = Membership.objects.filter(
        user=user, organisation=OuterRef("organisation"), status=MembershipStatus.APPROVED
    )
    return Event.objects.filter(is_programme_event=False).filter(Q(submitted_by=user) | Exists(member))


def event_for_editor(user, pk: int) -> Event:
    """An event `user` may change; 404 for anyone else's."""
    return get_object_or_404(editable_by(user).select_related("organisation").prefetch_related("topics"), pk=pk)


def events_of_member(user, number) -> Page:
    """One page of the events `user` may change, newest first, with their organisations."""
    events = editable_by(user).select_related("organisation").order_by("-created_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(number)
    with_times(page.object_list)
    return page


# Moderators -----------------------------------------------------------------------------------

MODERATION_VIEWS = {
    "submitted": "Waiting for review",
    "published": "Published",
    "programme": "Programme events",
    "rejected": "Rejected",
    "cancelled": "Cancelled",
}


def for_moderators(view: str, number) -> Page:
    """One page of events for a moderators' list. Those waiting for review come oldest
    first, so none waits longer than it must; the rest come by date, latest first."""
    events = Event.objects.select_related("organisation", "submitted_by")
    if view == "programme":
        events = events.filter(is_programme_event=True).order_by("-starts_at", "-pk")
    elif view == EventStatus.SUBMITTED:
        events = events.filter(status=view).order_by("created_at", "pk")
    else:
        events = events.filter(status=view).order_by("-starts_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(number)
    with_times(page.object_list)
    return page


def moderation_counts() -> dict[str, int]:
    """How many events each moderators' list holds, in one query."""
    counts = Event.objects.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in EventStatus},
        programme=Count("pk", filter=Q(is_programme_event=True)),
    )
    return {view: counts[view] for view in MODERATION_VIEWS}


def event_for_moderator(pk: int) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("organisation", "submitted_by").prefetch_related("topics"), pk=pk
    )
    with_times([event])
    return event


def programme_event_for_staff(pk: int) -> Event:
    return get_object_or_404(Event.objects.prefetch_related("topics"), pk=pk, is_programme_event=True)


# Showing times --------------------------------------------------------------------------------


def day_name(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def describe_when(event: Event) -> str:
    """When the event runs, in London time: "Tuesday 14 October 2025, 6pm to 8pm"."""
    starts, ends = event.starts_at.astimezone(LONDON), event.ends_at.astimezone(LONDON)
    if starts.date() == ends.date():
        return f"{day_name(starts.date())}, {clock(starts)} to {clock(ends)}"
    return f"{day_name(starts.date())}, {clock(starts)} to {day_name(ends.date())}, {clock(ends)}"


def describe_place(event: Event) -> str:
    if event.is_online:
        return "Online"
    parts = [event.venue, event.town]
    region = event.get_region_display()
    if region.lower() != event.town.strip().lower():  # not "London, London"
        parts.append(region)
    return ", ".join(part for part in parts if part)


def with_times(events) -> None:
    """Give each event `when` and `place`, the words the pages show."""
    for event in events:
        event.when = describe_when(event)
        event.place = describe_place(event)
