"""Booking places at the programme's own events: anyone in public service books without an
account, and sees, cancels or accepts their booking through the link in our emails; staff
see the bookings, download the attendees and mark who came. Every change is a call to
events.booking."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.permissions import public, staff_required
from core.ratelimits import limit_posts
from core.spreadsheet import csv_response
from core.tokens import LinkRefused
from core.workflow import TransitionRefused
from events import booking as services
from events import booking_queries as queries
from events.booking_forms import AttendanceForm, BookingForm
from events.models import Booking
from events.workflow import booking_actions_for

BOOKED_SESSION_KEY = "event_booking"
ENDED_SESSION_KEY = "event_booking_ended"
LINK_REFUSED_STATUS = {"invalid": 404, "expired": 410, "used": 410}


# Helpers ----------------------------------------------------------------------------------


def _link_refused(request, reason: str):
    context = {"reason": reason}
    return render(request, "events/booking/link_refused.html", context, status=LINK_REFUSED_STATUS[reason])


def _closed(request, event):
    context = {"event": event, "availability": queries.availability(event)}
    return render(request, "events/booking/closed.html", context)


def _book_page(request, event, form, *, not_a_signatory: bool = False):
    context = {
        "form": form,
        "event": event,
        "availability": queries.availability(event),
        "organisation_names": queries.organisation_names(event),
        "not_a_signatory": not_a_signatory,
        "offer_hours": settings.EVENT_PLACE_OFFER_HOURS,
    }
    return render(request, "events/booking/book.html", context)


def _booking_page(request, booking: Booking, token: str, form=None):
    context = {
        "booking": booking,
        "event": booking.event,
        "token": token,
        "form": form or DecisionForm(),
        "offer_lapsed": services.offer_has_lapsed(booking),
        "actions": booking_actions_for(booking.status, None),
    }
    return render(request, "events/booking/booking.html", context)


def _ended(request, booking: Booking, action: str):
    request.session[ENDED_SESSION_KEY] = {"event": booking.event_id, "action": action}
    return redirect("events:booking_ended")


def _manage_page(request, event, form=None, lists=None):
    lists = lists or queries.booking_lists(event)
    if form is None:
        came = [booking.pk for booking in lists.confirmed if booking.attended]
        form = AttendanceForm(initial={"attended": came}, bookings=lists.confirmed)
    context = {
        "event": event,
        "lists": lists,
        "form": form,
        "confirmed_rows": list(zip(lists.confirmed, form["attended"], strict=True)),
        "started": event.starts_at <= timezone.now(),
    }
    return render(request, "events/booking/manage.html", context)


# Booking ----------------------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
@limit_posts("events.book", "ip", "EVENT_BOOKING_RATE_PER_IP")
def book(request, pk):
    event = queries.listed_event(pk)
    if not queries.availability(event).is_open:
        return _closed(request, event)
    form = BookingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.book(event, **form.cleaned_data)
        except TransitionRefused as refusal:
            if refusal.field is None:
                # It closed while the form was open (cancelled, say): nothing was saved.
                return _closed(request, queries.listed_event(pk))
            form.add_error(refusal.field, refusal.message)
            return _book_page(request, event, form, not_a_signatory=refusal.field == "organisation")
        request.session[BOOKED_SESSION_KEY] = booking.pk
        return redirect("events:booked", pk=event.pk)
    return _book_page(request, event, form)


@public
@require_safe
def booked(request, pk):
    # Only the browser that booked knows which booking to show.
    booking = queries.just_booked(request.session.get(BOOKED_SESSION_KEY), event_pk=pk)
    if booking is None:
        return redirect("events:detail", pk=pk)
    return render(request, "events/booking/booked.html", {"booking": booking, "event": booking.event})


# The link in the person's emails ----------------------------------------------------------


@public
@require_safe
def booking(request, token):
    # GET changes nothing: mail scanners follow links, and must not cancel or accept.
    try:
        booking = services.check_link(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal.reason)
    return _booking_page(request, booking, token)


@public
@require_POST
def accept(request, token):
    try:
        booking = services.check_link(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal.reason)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.accept_offer(booking)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            request.session[BOOKED_SESSION_KEY] = booking.pk
            return redirect("events:booked", pk=booking.event_id)
    booking.refresh_from_db()
    return _booking_page(request, booking, token, form)


@public
@require_POST
def decline(request, token):
    try:
        booking = services.check_link(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal.reason)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decline_offer(booking)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return _ended(request, booking, "decline")
    booking.refresh_from_db()
    return _booking_page(request, booking, token, form)


@public
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    try:
        booking = services.check_link(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal.reason)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(booking)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return _ended(request, booking, "cancel")
    context = {"booking": booking, "event": booking.event, "token": token, "form": form}
    return render(request, "events/booking/cancel.html", context)


@public
@require_safe
def booking_ended(request):
    ended = request.session.get(ENDED_SESSION_KEY)
    if not ended:
        return redirect("events:list")
    event = queries.listed_event(ended["event"])
    return render(request, "events/booking/ended.html", {"event": event, "action": ended["action"]})


# Staff ------------------------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def manage_bookings(request, pk):
    return _manage_page(request, queries.event_taking_bookings(pk))


@staff_required("moderator")
@require_POST
def mark_attendance(request, pk):
    event = queries.event_taking_bookings(pk)
    lists = queries.booking_lists(event)
    form = AttendanceForm(request.POST, bookings=lists.confirmed)
    if form.is_valid():
        try:
            services.mark_attendance(event, set(form.cleaned_data["attended"]), by=request.user)
        except TransitionRefused as refusal:
            form.add_error("attended", refusal.message)
        else:
            messages.success(request, "Attendance saved")
            return redirect("events:manage_bookings", pk=event.pk)
    return _manage_page(request, event, form, lists)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def staff_cancel(request, pk, booking_pk):
    event = queries.event_taking_bookings(pk)
    booking = queries.booking_of(event, booking_pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(booking, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"You cancelled {booking.name}’s booking. We have emailed them to say so")
            return redirect("events:manage_bookings", pk=event.pk)
    context = {"event": event, "booking": booking, "form": form}
    return render(request, "events/booking/staff_cancel.html", context)


@staff_required("moderator")
@require_safe
def bookings_csv(request, pk):
    event = queries.event_taking_bookings(pk)
    attendees = (
        [
            booking.name,
            booking.email,
            booking.organisation.name,
            timezone.localtime(booking.confirmed_at or booking.created_at).date(),
            booking.accessibility_needs,
            booking.attended,
        ]
        for booking in queries.attendees(event).iterator(chunk_size=500)
    )
    response = csv_response(
        f"{slugify(event.title) or 'event'}-attendees.csv",
        ["Name", "Email", "Organisation", "Booked", "Accessibility needs", "Attended"],
        attendees,
    )
    # Personal data: no cache along the way may keep a copy.
    response["Cache-Control"] = "no-store"
    return response
