import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.tokens import hash_token
from events.models import Booking, Event, EventType, Region
from events.workflow import BookingStatus, EventStatus
from organisations.tests.factories import OrganisationFactory


def _in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Open data meetup {n}")
    summary = "An evening of talks on publishing council data openly."
    description = "Talks, then questions. **Everyone** welcome."
    event_type = EventType.MEETUP
    starts_at = factory.LazyFunction(lambda: _in_days(14))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    venue = "The Civic Centre"
    town = "Leeds"
    region = Region.YORKSHIRE
    organiser = "Leeds City Council"
    status = EventStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    submitted_by = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        submitted = factory.Trait(status=EventStatus.SUBMITTED, published_at=None)
        online = factory.Trait(is_online=True, venue="", town="", region="")
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: _in_days(-30)))
        cancelled = factory.Trait(
            status=EventStatus.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now), cancellation_reason="Ill"
        )
        # A roadshow or training the programme runs, with places booked through the service.
        rejected = factory.Trait(
            status=EventStatus.REJECTED, published_at=None, review_note="Not an event for local government"
        )
        programme = factory.Trait(
            is_programme_event=True,
            capacity=20,
            event_type=EventType.TRAINING,
            organiser="Local Digital Collaboration Unit",
            submitted_by=None,
            organisation=None,
        )


def event_form_data(day: datetime.date | None = None, **changes) -> dict[str, str]:
    """What a person types into the event form: an in-person evening meetup in a month's
    time, with `changes` on top (a value of None leaves the field out)."""
    day = day or timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "title": "Bristol open data meetup",
        "summary": "Talks on publishing council data openly, then drinks.",
        "description": "Two short talks, then questions.",
        "event_type": EventType.MEETUP,
        "start_date_day": str(day.day),
        "start_date_month": str(day.month),
        "start_date_year": str(day.year),
        "start_time": "18:00",
        "end_date_day": str(day.day),
        "end_date_month": str(day.month),
        "end_date_year": str(day.year),
        "end_time": "20:00",
        "mode": "in_person",
        "venue": "Engine Shed",
        "town": "Bristol",
        "region": Region.SOUTH_WEST,
        "organiser": "Bristol City Council",
        "cost_type": "free",
        "cost": "",
        "booking_url": "https://www.example.gov.uk/book",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    event = factory.SubFactory(EventFactory, programme=True)
    status = BookingStatus.CONFIRMED
    name = "Alex Attendee"
    email = factory.Sequence(lambda n: f"attendee{n}@council.example.gov.uk")
    organisation = factory.SubFactory(OrganisationFactory)
    token_hash = factory.Sequence(lambda n: hash_token(f"booking-token-{n}"))
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        waiting = factory.Trait(
            status=BookingStatus.WAITING, confirmed_at=None, waiting_since=factory.LazyFunction(timezone.now)
        )
        offered = factory.Trait(
            status=BookingStatus.OFFERED,
            confirmed_at=None,
            waiting_since=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3)),
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=48)),
        )
        cancelled = factory.Trait(status=BookingStatus.CANCELLED, cancelled_at=factory.LazyFunction(timezone.now))
