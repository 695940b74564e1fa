"""What the booking pages need to know about an event, read when a page is shown."""

from django import template

from events import booking_queries
from events.booking import describe_moment
from events.queries import describe_place, describe_when

register = template.Library()


@register.simple_tag
def booking_availability(event):
    return booking_queries.availability(event)


@register.filter
def event_when(event) -> str:
    """In London time, as the event pages say it: Tuesday 14 October 2025, 6pm to 8pm."""
    return describe_when(event)


@register.filter
def event_place(event) -> str:
    return describe_place(event)


@register.filter
def moment(value) -> str:
    return describe_moment(value) if value else ""
