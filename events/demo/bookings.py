"""Bookings for the programme's demo events: a training course booked up with people waiting,
and a roadshow half full. The people are fictional, at example addresses."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.demo import loader
from core.tokens import hash_token, new_token
from declaration.models import Signature
from declaration.workflow import SignatureStatus
from events.demo import listings  # noqa: F401  (its events must be loaded before these bookings)
from events.models import Booking, Event, EventType
from events.workflow import BookingStatus, EventStatus
from organisations.models import Organisation

FIRST_NAMES = [
    "Priya", "Tom", "Aisha", "Gareth", "Mei", "Callum", "Funmi", "Rhys", "Hannah", "Imran",
    "Siobhan", "Kwame", "Eilidh", "Marek", "Grace", "Dev", "Niamh", "Oliver", "Zara", "Euan",
]  # fmt: skip
LAST_NAMES = [
    "Shah", "Hughes", "Okafor", "Llewellyn", "Chen", "MacLeod", "Adeyemi", "Morgan", "Brennan", "Hussain",
    "O'Neill", "Mensah", "Fraser", "Nowak", "Whitfield", "Patel", "Gallagher", "Bennett", "Ali", "Stewart",
]  # fmt: skip
MAIL_DOMAINS = ["example.com", "example.org", "example.net"]
ACCESSIBILITY_NEEDS = ["Step-free access, please", "A hearing loop", "Slides in large print", "", "", "", ""]
WAITING_LIST = 3


@loader
def load_bookings() -> str:
    upcoming = Event.objects.filter(
        is_programme_event=True, capacity__isnull=False, status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()
    )
    training = upcoming.filter(event_type=EventType.TRAINING).first()
    roadshow = upcoming.filter(event_type=EventType.ROADSHOW).first()
    if training is None and roadshow is None:
        return "Bookings: no upcoming programme events to book places at (load the events first)"
    added = 0
    if training is not None and not training.bookings.exists():
        added += _book(training, confirmed=training.capacity, waiting=WAITING_LIST, first_person=0)
    if roadshow is not None and not roadshow.bookings.exists():
        # Other people than the training's, mostly: the pairs of names run on from there.
        added += _book(roadshow, confirmed=roadshow.capacity // 2, waiting=0, first_person=150)
    return f"Bookings: {added} bookings and places on waiting lists for programme events"


def _book(event: Event, *, confirmed: int, waiting: int, first_person: int) -> int:
    organisations = _organisations_for(event)
    if not organisations:
        return 0
    now = timezone.now()
    bookings = []
    for number in range(confirmed + waiting):
        first, last = _person(first_person + number)
        is_waiting = number >= confirmed
        booked_at = now - timedelta(days=20) + timedelta(hours=3 * number)
        bookings.append(
            Booking(
                event=event,
                status=BookingStatus.WAITING if is_waiting else BookingStatus.CONFIRMED,
                name=f"{first} {last}",
                email=f"{first}.{last}".lower().replace("'", "") + f"@{MAIL_DOMAINS[number % len(MAIL_DOMAINS)]}",
                organisation=organisations[number % len(organisations)],
                accessibility_needs=ACCESSIBILITY_NEEDS[number % len(ACCESSIBILITY_NEEDS)],
                # Nobody holds these links: the demo sends no emails.
                token_hash=hash_token(new_token()),
                confirmed_at=None if is_waiting else booked_at,
                waiting_since=booked_at if is_waiting else None,
            )
        )
    with transaction.atomic():
        Booking.objects.bulk_create(bookings)
        Event.objects.filter(pk=event.pk).update(places_taken=confirmed)
    return len(bookings)


def _organisations_for(event: Event) -> list[Organisation]:
    organisations = Organisation.objects.current()
    if event.signatories_only:
        signed = Signature.objects.filter(status=SignatureStatus.SIGNED).values("organisation")
        organisations = organisations.filter(pk__in=signed)
    return list(organisations.order_by("name")[:12])


def _person(number: int) -> tuple[str, str]:
    # A different pairing for each of the first 400 numbers.
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    last = LAST_NAMES[(number // len(FIRST_NAMES) + number) % len(LAST_NAMES)]
    return first, last
