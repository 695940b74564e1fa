import datetime

import pytest
from django.utils import timezone

from declaration.tests.factories import SignatureFactory
from events.demo.bookings import load_bookings
from events.models import Booking, Event, EventType
from events.tests.factories import EventFactory
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db


def test_without_programme_events_it_says_so_and_adds_nothing():
    EventFactory()
    assert load_bookings() == "Bookings: no upcoming programme events to book places at (load the events first)"
    assert not Booking.objects.exists()


def test_it_books_a_training_course_up_with_a_waiting_list_and_a_roadshow_half_full_once():
    signatories = [SignatureFactory(signed=True).organisation for _ in range(3)]
    SignatureFactory(submitted=True)
    soon = timezone.now() + datetime.timedelta(days=20)
    training = EventFactory(programme=True, capacity=8, signatories_only=True, starts_at=soon)
    roadshow = EventFactory(programme=True, capacity=30, event_type=EventType.ROADSHOW, starts_at=soon)

    assert load_bookings() == "Bookings: 26 bookings and places on waiting lists for programme events"
    assert load_bookings() == "Bookings: 0 bookings and places on waiting lists for programme events"

    training_bookings = Booking.objects.filter(event=training)
    assert training_bookings.filter(status=BookingStatus.CONFIRMED).count() == 8
    waiting = training_bookings.filter(status=BookingStatus.WAITING).order_by("waiting_since")
    assert waiting.count() == 3
    assert {booking.organisation for booking in training_bookings} <= set(signatories)
    assert Event.objects.get(pk=training.pk).places_taken == 8
    assert Booking.objects.filter(event=roadshow, status=BookingStatus.CONFIRMED).count() == 15
    assert Event.objects.get(pk=roadshow.pk).places_taken == 15
    emails = list(Booking.objects.values_list("email", flat=True))
    assert len(set(emails)) == len(emails)  # different people at the two events
    assert all(email.rpartition("@")[2] in {"example.com", "example.org", "example.net"} for email in emails)
