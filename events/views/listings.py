"""Finding events: upcoming and past lists, a month at a time, each event's page, and the
iCalendar and Atom feeds. All share the same filters; none shows who submitted an event or
who booked on it."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import public
from events import queries
from events.calendar import calendar_for, event_calendar
from events.feeds import EventsFeed
from events.forms import FilterForm

CALENDAR_NAME = "Local Digital events"
# The month view covers the years an event could be in, and no further.
FIRST_YEAR, LAST_YEAR = 2018, 2100


@public
@require_safe
def event_list(request):
    return _list_page(request, queries.upcoming, "upcoming")


@public
@require_safe
def past_list(request):
    return _list_page(request, queries.past, "past")


@public
@require_safe
def month(request, year, month):
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    form = FilterForm(request.GET or None)
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    context = {
        **_shared_context(request, form, "month"),
        "first": first,
        "days": queries.month(year, month, form.filters()),
        "previous": previous if previous.year >= FIRST_YEAR else None,
        "following": following if following.year <= LAST_YEAR else None,
    }
    return render(request, "events/listings/month.html", context)


@public
@require_safe
def detail(request, pk):
    event = queries.public_event(pk)
    context = {"event": event, "description": render_markdown(event.description)}
    return render(request, "events/listings/detail.html", context)


@public
@require_safe
def event_ics(request, pk):
    event = queries.public_event(pk)
    return _calendar_response(event_calendar(event), f"event-{event.pk}.ics")


@public
@require_safe
def feed_ics(request):
    events = queries.for_feed(FilterForm(request.GET or None).filters())
    return _calendar_response(calendar_for(events, name=CALENDAR_NAME), "events.ics", inline=True)


@public
@require_safe
def feed_atom(request):
    return EventsFeed()(request)


# Helpers ----------------------------------------------------------------------------------


def _list_page(request, find, tab: str):
    form = FilterForm(request.GET or None)
    page = queries.page_of(find(form.filters()), request.GET.get("page"))
    context = {**_shared_context(request, form, tab), "page": page, "pagination": pagination(page, request.GET)}
    return render(request, f"events/listings/{tab}.html", context)


def _shared_context(request, form, tab: str) -> dict:
    """The filters and the links every list carries: to the other lists and to the feeds,
    each keeping the current filters."""
    query = request.GET.copy()
    query.pop("page", None)
    filters = f"?{query.urlencode()}" if query else ""
    today = timezone.localdate()
    return {
        "form": form,
        "tab": tab,
        "filters": filters,
        "upcoming_url": reverse("events:list") + filters,
        "past_url": reverse("events:past") + filters,
        "month_url": reverse("events:month", args=[today.year, today.month]) + filters,
        "ics_url": request.build_absolute_uri(reverse("events:feed_ics") + filters),
        "atom_url": reverse("events:feed_atom") + filters,
    }


def _calendar_response(body: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
