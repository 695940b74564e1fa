"""Booking places at the programme's own events: every business action on a booking. Views,
scheduled jobs and the event's cancellation call these; nothing else writes a booking's
status or an event's places.

Places: Event.places_taken counts the confirmed and offered bookings, and changes only by a
conditional UPDATE. Of simultaneous bookings for the last place, exactly one UPDATE changes
the row, on SQLite or PostgreSQL; the others change nothing, and those people join the
waiting list.

A freed place (a confirmed or offered booking cancelled, an offer declined or expired)
passes in the same transaction to the longest-waiting person, as an offer they accept by the
link in their email; with nobody waiting, the count goes down.

Each email carrying a link to the booking issues a fresh token, which retires the last one:
only the newest email's link works.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core import audit
from core.dates import clock
from core.db import retry_while_sqlite_is_busy
from core.email import send_email, sends_attachments
from core.outbox import Attachment
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from events.booking_queries import availability, has_signed
from events.calendar import event_calendar
from events.models import Booking, Event
from events.queries import LONDON, day_name, describe_place, describe_when
from events.workflow import BOOKING_TRANSITIONS, HOLDS_A_PLACE, LIVE_BOOKING_STATES, BookingStatus, EventStatus
from organisations.models import Organisation

ALREADY_BOOKED = (
    "This email address already has a booking for this event. Use the link in the email we sent you to see or cancel it"
)
# How far ahead of an event its reminder goes.
REMINDER_AHEAD = timedelta(hours=48)


# Booking ----------------------------------------------------------------------------------


def book(event: Event, *, name: str, email: str, organisation: Organisation, accessibility_needs: str = "") -> Booking:
    """A place for this person if one is left, else a place on the waiting list. Refused
    (with the field to blame) for a closed event, a second booking with one address, or
    someone signatories-only training is not open to."""
    return retry_while_sqlite_is_busy(
        lambda: _book(event, name=name, email=email, organisation=organisation, accessibility_needs=accessibility_needs)
    )


def _book(event: Event, *, name: str, email: str, organisation: Organisation, accessibility_needs: str) -> Booking:
    email = email.strip().lower()
    _refuse_unless_open(event)
    _refuse_unless_eligible(event, organisation, email)
    if Booking.objects.filter(event=event, email=email).exclude(status=BookingStatus.CANCELLED).exists():
        raise TransitionRefused(ALREADY_BOOKED, field="email")
    now = timezone.now()
    token = new_token()
    person = dict(
        name=name.strip(),
        email=email,
        organisation=organisation,
        accessibility_needs=accessibility_needs.strip(),
        token_hash=hash_token(token),
    )
    try:
        with transaction.atomic():
            booking = _create_booking(event, person, BookingStatus.CONFIRMED, confirmed_at=now)
            _send_confirmation(booking, token)
            # The place is taken last: its UPDATE locks the event's row until the commit, and
            # every other booking for the event waits for that lock, not for the email.
            if not _take_a_place(event, now):
                raise _NoPlaceLeft
        return booking
    except _NoPlaceLeft:
        pass
    with transaction.atomic():
        # Full, or closed since the check above: the row lock makes a cancellation that is
        # under way finish first, so nobody joins the list of a cancelled event.
        _refuse_unless_open(Event.objects.select_for_update().get(pk=event.pk), now)
        booking = _create_booking(event, person, BookingStatus.WAITING, waiting_since=now)
        _send_with_link(booking, "booking_waiting", token)
    return booking


class _NoPlaceLeft(Exception):
    """Undoes a confirmed booking written before its place was taken."""


def _create_booking(event: Event, person: dict, status: str, **since) -> Booking:
    try:
        booking = Booking.objects.create(event=event, status=status, **person, **since)
    except IntegrityError:
        # The same person, twice at once: the caller's transaction is undone.
        raise TransitionRefused(ALREADY_BOOKED, field="email") from None
    action = "events.booking.confirmed" if status == BookingStatus.CONFIRMED else "events.booking.joined_waiting_list"
    audit.record(booking, action, by=None, changes={"status": ("", status)})
    return booking


def check_link(token: str) -> Booking:
    """The booking an emailed link is for, while the link may still be used."""
    booking = Booking.objects.select_related("event", "organisation").filter(token_hash=hash_token(token)).first()
    if booking is None:
        raise LinkRefused("invalid")
    if booking.status == BookingStatus.CANCELLED:
        raise LinkRefused("used")
    if booking.event.ends_at <= timezone.now():
        raise LinkRefused("expired")
    return booking


def offer_has_lapsed(booking: Booking, now: datetime | None = None) -> bool:
    """An offer past its time, which the expiry job has not yet withdrawn."""
    return booking.status == BookingStatus.OFFERED and booking.offer_expires_at <= (now or timezone.now())


# The person's link, and staff ---------------------------------------------------------------


def accept_offer(booking: Booking) -> Booking:
    """The person takes the place offered to them, before the offer expires."""
    now = timezone.now()
    BOOKING_TRANSITIONS["accept"].check(booking.status, None)
    token = new_token()
    with transaction.atomic():
        accepted = Booking.objects.filter(pk=booking.pk, status=BookingStatus.OFFERED, offer_expires_at__gt=now).update(
            status=BookingStatus.CONFIRMED, confirmed_at=now, offer_expires_at=None, token_hash=hash_token(token)
        )
        if not accepted:
            raise TransitionRefused("This offer has expired, so the place has gone to the next person waiting")
        booking.refresh_from_db()
        _record(booking, "accept", by=None, before=BookingStatus.OFFERED)
        _send_confirmation(booking, token)
    return booking


def decline_offer(booking: Booking) -> Booking:
    """The person turns down the place offered to them; it goes to the next person waiting."""
    return _end(booking, "decline", by=None, template="booking_declined")


def cancel(booking: Booking, *, by=None) -> Booking:
    """The person (through their link, `by=None`) or staff cancel a booking or a place on the
    waiting list. A place it held goes to the next person waiting."""
    template = "booking_cancelled" if by is None else "booking_cancelled_by_staff"
    return _end(booking, "cancel", by=by, template=template)


def mark_attendance(event: Event, attended: set[int], *, by) -> int:
    """Staff record who came: confirmed bookings in `attended` came, the rest did not.
    Returns how many bookings changed."""
    if event.starts_at > timezone.now():
        raise TransitionRefused("You can mark attendance once the event has started")
    with transaction.atomic():
        changed = 0
        for booking in event.bookings.filter(status=BookingStatus.CONFIRMED).select_for_update():
            came = booking.pk in attended
            if booking.attended is came:
                continue
            before, booking.attended = booking.attended, came
            booking.save(update_fields=["attended"])
            audit.record(booking, "events.booking.attendance_marked", by=by, changes={"attended": (before, came)})
            changed += 1
    return changed


# The event's cancellation -------------------------------------------------------------------


def release_bookings_of_cancelled_event(event: Event) -> int:
    """Cancel every live booking and place on the waiting list of an event being cancelled,
    and tell each person. Called inside the event's cancellation transaction. Returns how
    many bookings it cancelled."""
    now = timezone.now()
    released = 0
    for booking in event.bookings.filter(status__in=LIVE_BOOKING_STATES).select_for_update():
        before = booking.status
        booking.status, booking.cancelled_at, booking.offer_expires_at = BookingStatus.CANCELLED, now, None
        booking.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
        audit.record(
            booking,
            BOOKING_TRANSITIONS["cancel"].audit_code,
            changes={"status": (before, BookingStatus.CANCELLED)},
            reason="The event was cancelled",
        )
        context = {**_email_context(booking), "booking_was_waiting": before == BookingStatus.WAITING}
        send_email(booking.email, "booking_event_cancelled", context)
        released += 1
    Event.objects.filter(pk=event.pk).update(places_taken=0)
    event.places_taken = 0
    return released


def offer_added_places(event: Event, now: datetime | None = None) -> int:
    """Offer places staff have just added to the people waiting, longest-waiting first.
    Called inside the event's change transaction. Returns how many it offered."""
    now = now or timezone.now()
    offered = 0
    waiting = event.bookings.filter(status=BookingStatus.WAITING).order_by("waiting_since", "pk")
    for candidate in waiting.values_list("pk", flat=True):
        if not _take_a_place(event, now):
            break
        if _offer(candidate, event, now):
            offered += 1
        else:
            # They left the list a moment ago: give the place back for the next person.
            Event.objects.filter(pk=event.pk, places_taken__gt=0).update(places_taken=F("places_taken") - 1)
    return offered


def tell_bookers_of_change(event: Event) -> int:
    """Email everyone holding a place that the event's time or place has changed. Called
    inside the event's change transaction. Returns how many were told."""
    told = 0
    for booking in event.bookings.filter(status__in=HOLDS_A_PLACE).select_related("event", "organisation"):
        send_email(booking.email, "booking_event_changed", _email_context(booking))
        told += 1
    return told


# Scheduled --------------------------------------------------------------------------------


def expire_offers(now: datetime | None = None) -> int:
    """Withdraw offers nobody accepted in time; each place goes to the next person waiting.
    Returns how many offers expired."""
    now = now or timezone.now()
    lapsed = Booking.objects.filter(status=BookingStatus.OFFERED, offer_expires_at__lte=now).select_related("event")
    expired = 0
    for booking in lapsed:
        try:
            _end(booking, "expire", by=None, template="booking_offer_expired", now=now)
        except TransitionRefused:
            continue  # accepted or cancelled a moment ago
        expired += 1
    return expired


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone with a confirmed place at an event starting within two days, once.
    Returns how many reminders were sent."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_AHEAD,
    ).select_related("event", "organisation")
    sent = 0
    for booking in due:
        token = new_token()
        with transaction.atomic():
            # Claimed with the fresh link in one UPDATE, so a second worker sends nothing.
            claimed = Booking.objects.filter(
                pk=booking.pk, status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now, token_hash=hash_token(token))
            if not claimed:
                continue
            audit.record(booking, "events.booking.reminded", changes={"reminder_sent_at": (None, now)})
            send_email(
                booking.email,
                "booking_reminder",
                {**_email_context(booking), "link": _link(token)},
                dedupe_key=f"booking-reminder-{booking.pk}",
            )
        sent += 1
    return sent


# Helpers ----------------------------------------------------------------------------------


def _refuse_unless_open(event: Event, now: datetime | None = None) -> None:
    closed = availability(event, now)
    if not closed.is_open:
        raise TransitionRefused(closed.closed_message)


def _refuse_unless_eligible(event: Event, organisation: Organisation, email: str) -> None:
    if not event.signatories_only:
        return
    if not has_signed(organisation):
        raise TransitionRefused(
            f"Only people from organisations that have signed the Local Digital Declaration can book this event. "
            f"{organisation} has not signed it",
            field="organisation",
        )
    domains = sorted(organisation.domains.values_list("domain", flat=True))
    if domains and email.rpartition("@")[2] not in domains:
        endings = " or ".join(f"@{domain}" for domain in domains)
        raise TransitionRefused(f"Enter your work email address at {organisation}, ending {endings}", field="email")


def _take_a_place(event: Event, now: datetime) -> bool:
    """Take one place if one is left and the event still takes bookings."""
    return bool(
        Event.objects.filter(
            pk=event.pk,
            status=EventStatus.PUBLISHED,
            is_programme_event=True,
            starts_at__gt=now,
            places_taken__lt=F("capacity"),
        ).update(places_taken=F("places_taken") + 1)
    )


def _end(booking: Booking, action: str, *, by, template: str, now: datetime | None = None) -> Booking:
    """Cancel a booking (`action` says why) and pass on any place it held."""
    step = BOOKING_TRANSITIONS[action]
    now = now or timezone.now()
    before = booking.status
    step.check(before, by)
    with transaction.atomic():
        # Conditional on the status read above: of two clicks, or a click and the expiry
        # job, exactly one ends the booking.
        ended = Booking.objects.filter(pk=booking.pk, status=before).update(
            status=step.target, cancelled_at=now, offer_expires_at=None
        )
        if not ended:
            booking.refresh_from_db()
            raise TransitionRefused(step.refusal.format(state=booking.get_status_display().lower()))
        booking.status, booking.cancelled_at, booking.offer_expires_at = step.target, now, None
        _record(booking, action, by=by, before=before)
        context = {**_email_context(booking), "booking_was_waiting": before == BookingStatus.WAITING}
        send_email(booking.email, template, context)
        if before in HOLDS_A_PLACE:
            _pass_on_place(booking.event, now)
    return booking


def _pass_on_place(event: Event, now: datetime) -> None:
    """Offer a freed place to the longest-waiting person; with nobody waiting, or the event
    under way, give the place back."""
    event = Event.objects.get(pk=event.pk)
    if event.status == EventStatus.PUBLISHED and event.starts_at > now:
        waiting = event.bookings.filter(status=BookingStatus.WAITING).order_by("waiting_since", "pk")
        for candidate in waiting.values_list("pk", flat=True):
            if _offer(candidate, event, now):
                return
    Event.objects.filter(pk=event.pk, places_taken__gt=0).update(places_taken=F("places_taken") - 1)


def _offer(pk: int, event: Event, now: datetime) -> bool:
    expires = min(now + timedelta(hours=settings.EVENT_PLACE_OFFER_HOURS), event.starts_at)
    token = new_token()
    # Conditional: someone who left the list a moment ago is skipped for the next.
    offered = Booking.objects.filter(pk=pk, status=BookingStatus.WAITING).update(
        status=BookingStatus.OFFERED, offer_expires_at=expires, token_hash=hash_token(token)
    )
    if not offered:
        return False
    booking = Booking.objects.select_related("event", "organisation").get(pk=pk)
    _record(booking, "offer", by=None, before=BookingStatus.WAITING)
    _send_with_link(booking, "booking_offer", token)
    return True


def _record(booking: Booking, action: str, *, by, before: str) -> None:
    step = BOOKING_TRANSITIONS[action]
    audit.record(booking, step.audit_code, by=by, changes={"status": (before, step.target)})


def _send_confirmation(booking: Booking, token: str) -> None:
    attachments = None
    if sends_attachments():
        filename = f"{slugify(booking.event.title) or 'event'}.ics"
        attachments = [(filename, event_calendar(booking.event), "text/calendar")]
    _send_with_link(booking, "booking_confirmed", token, attachments=attachments)


def _send_with_link(
    booking: Booking, template: str, token: str, *, attachments: list[Attachment] | None = None
) -> None:
    context = {**_email_context(booking), "link": _link(token)}
    send_email(booking.email, template, context, attachments=attachments)


def _link(token: str) -> str:
    return settings.SITE_URL + reverse("events:booking", args=[token])


def describe_moment(moment: datetime) -> str:
    """In London time, the way the pages say it: 10am on Tuesday 14 October 2025."""
    local = moment.astimezone(LONDON)
    return f"{clock(local)} on {day_name(local.date())}"


def _email_context(booking: Booking) -> dict:
    event = booking.event
    return {
        "offer_expires": describe_moment(booking.offer_expires_at) if booking.offer_expires_at else "",
        "booking": booking,
        "event": event,
        "when": describe_when(event),
        "place": describe_place(event),
        "event_link": settings.SITE_URL + event.get_absolute_url(),
        # Also what stands in for the .ics attachment where the channel sends none (Notify).
        "calendar_link": settings.SITE_URL + reverse("events:detail_ics", args=[event.pk]),
        "feedback_email": settings.FEEDBACK_EMAIL,
    }
