import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from events.workflow import HOLDS_A_PLACE, LISTED_STATES, BookingStatus, EventStatus


class EventType(models.TextChoices):
    MEETUP = "meetup", "Meetup"
    CONFERENCE = "conference", "Conference"
    WEBINAR = "webinar", "Webinar"
    UNCONFERENCE = "unconference", "Unconference"
    TRAINING = "training", "Training"
    ROADSHOW = "roadshow", "Roadshow"
    SHOW_AND_TELL = "show_and_tell", "Show and tell"


class Region(models.TextChoices):
    """Where an in-person event takes place: England's regions and the other nations, the
    way the programme's roadshows were planned."""

    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


class Topic(models.Model):
    """What an event is about, for the filter. The list is reference data (see migrations)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def listed(self):
        """What the public pages and feeds show: published events and cancelled ones, which
        stay listed (marked cancelled) so people and calendars learn of the cancellation."""
        # A cancelled event that was never published was never reviewed: it stays unlisted.
        return self.filter(status__in=LISTED_STATES, published_at__isnull=False)


class Event(models.Model):
    """An event on the hub. Community events are submitted by members and moderated;
    programme events (roadshows, training) are published by staff and may take bookings.
    Times are stored in UTC and shown and entered in Europe/London."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="Stable iCalendar UID")
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300, help_text="One or two sentences for lists and feeds")
    description = models.TextField(max_length=10000, help_text="Markdown; sanitised when shown")
    event_type = models.CharField("type", max_length=20, choices=EventType.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    is_online = models.BooleanField(default=False)
    venue = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    organiser = models.CharField(max_length=200, help_text="The organisation running it, never a person's name")
    is_free = models.BooleanField(default=True)
    cost = models.CharField(max_length=200, blank=True, help_text="What it costs, when it is not free")
    booking_url = models.URLField("link to book", max_length=500, blank=True)

    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.SUBMITTED)
    review_note = models.TextField(blank=True, help_text="The moderator's reason for rejecting")
    cancellation_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="events_submitted"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # iCalendar SEQUENCE: raised on every change a calendar should pick up.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    # Programme events only: booking through this service instead of booking_url.
    is_programme_event = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Places; empty when not booked here")
    signatories_only = models.BooleanField(
        default=False, help_text="Only people from organisations that have signed the declaration may book"
    )
    # Confirmed and offered bookings. Changed only by a conditional UPDATE (see
    # events.booking), so simultaneous bookings can never take more places than there are.
    places_taken = models.PositiveIntegerField(default=0)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(places_taken__lte=F("capacity")),
                name="event_places_within_capacity",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_starts")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def takes_bookings(self) -> bool:
        return self.is_programme_event and self.capacity is not None

    @property
    def places_left(self) -> int:
        return max((self.capacity or 0) - self.places_taken, 0)


class Booking(models.Model):
    """A place (or a place on the waiting list) at a programme event. Everything here is
    personal data: only the person (through their emailed link) and staff see it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    accessibility_needs = models.TextField(blank=True, max_length=2000)
    # The emailed link that lets the person see, cancel or accept their booking.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Waiting-list order: the longest-waiting person is offered a freed place first.
    waiting_since = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True, help_text="Marked by staff after the event")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One live booking per person per event; after cancelling they may book again.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=BookingStatus.CANCELLED),
                name="one_live_booking_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "waiting_since"], name="booking_waiting_order")]

    def __str__(self) -> str:
        # Never the person's name or email: this text is kept in the audit trail.
        return f"Booking {self.pk} for {self.event}"

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE
