import datetime

import pytest
from django.utils import timezone

from core.models import OutboundEmail
from core.schedule import JOBS
from events import jobs
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory
from events.workflow import BookingStatus

pytestmark = pytest.mark.django_db


def in_hours(hours: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def test_offers_expire_every_few_minutes_and_reminders_go_hourly():
    assert JOBS["events.jobs.expire_place_offers"].interval == datetime.timedelta(minutes=5)
    assert JOBS["events.jobs.send_booking_reminders"].interval == datetime.timedelta(hours=1)


def test_an_offer_nobody_accepted_goes_to_the_next_person():
    event = EventFactory(programme=True, capacity=1, places_taken=1)
    lapsed = BookingFactory(event=event, offered=True, offer_expires_at=in_hours(-0.1))
    next_person = BookingFactory(event=event, waiting=True)

    jobs.expire_place_offers()

    assert Booking.objects.get(pk=lapsed.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(pk=next_person.pk).status == BookingStatus.OFFERED


def test_each_confirmed_place_gets_one_reminder_however_often_the_job_runs():
    event = EventFactory(programme=True, capacity=2, places_taken=1, starts_at=in_hours(20))
    confirmed = BookingFactory(event=event, email="coming@example.gov.uk")

    jobs.send_booking_reminders()
    jobs.send_booking_reminders()

    assert Booking.objects.get(pk=confirmed.pk).reminder_sent_at is not None
    reminders = OutboundEmail.objects.filter(template="booking_reminder")
    assert list(reminders.values_list("to", "dedupe_key")) == [
        ("coming@example.gov.uk", f"booking-reminder-{confirmed.pk}")
    ]
