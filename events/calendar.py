"""iCalendar (RFC 5545) files for events: the public feed, the "add to calendar" file and the
attachment to booking emails. They hold only what the public event page shows, never anyone's
name or email."""

import datetime
import functools
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from core.dates import LONDON
from events.models import Event
from events.workflow import EventStatus

PRODID = "-//Local Digital//Events hub//EN"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_url(event: Event) -> str:
    return settings.SITE_URL + event.get_absolute_url()


def ical_uid(event: Event) -> str:
    """The event's UID in every calendar file: it never changes, so calendars update in place."""
    return f"{event.uid}@{_domain()}"


def event_location(event: Event) -> str:
    if event.is_online:
        return "Online"
    return ", ".join(part for part in (event.venue, event.town) if part)


def _component(event: Event, stamp: datetime.datetime) -> icalendar.Event:
    url = event_url(event)
    return icalendar.Event.new(
        uid=ical_uid(event),
        sequence=event.sequence,
        stamp=stamp,
        # Written with TZID=Europe/London so calendars show the local time the organiser meant.
        start=event.starts_at.astimezone(LONDON),
        end=event.ends_at.astimezone(LONDON),
        summary=event.title,
        description=f"{event.summary}\n\n{url}",
        location=event_location(event),
        url=url,
        status="CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED",
        last_modified=event.updated_at,
    )


def calendar_for(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per event and the Europe/London VTIMEZONE they refer to."""
    stamp = timezone.now().replace(microsecond=0)
    calendar = icalendar.Calendar.new(prodid=PRODID, name=name, method="PUBLISH")
    events = list(events)
    for event in events:
        calendar.add_component(_component(event, stamp))
    # What calendar.add_missing_timezones() does, for the years the events are in: its
    # default, every change of the clocks from 1970 to 2038, is 900 lines in each booking
    # email and took longer to write than the rest of the booking together.
    for index, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        first_year = min(event.starts_at for event in events).astimezone(LONDON).year
        last_year = max(event.ends_at for event in events).astimezone(LONDON).year
        calendar.subcomponents.insert(index, _vtimezone(tzid, first_year, last_year))
    return calendar.to_ical()


@functools.cache
def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    first, last = datetime.date(first_year, 1, 1), datetime.date(last_year + 1, 1, 1)
    return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)


def event_calendar(event: Event) -> bytes:
    return calendar_for([event], name=event.title)
