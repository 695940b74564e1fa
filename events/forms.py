"""Input rules for the events hub: submitting and changing an event, staff's programme events,
moderators' reasons, and the filters on the public lists."""

import datetime
import re

from django import forms
from django.utils import timezone

from core.dates import LONDON, DateField, DateInput, RepeatedHour, TimeOfDayField, in_london
from core.forms import GovukForm, text_field, web_link_field
from events import queries
from events.models import Event, EventType, Region, Topic
from events.services import EventDetails, Places
from organisations.models import Organisation

PROGRAMME_ORGANISER = "Local Digital Collaboration Unit"
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def topics_field() -> forms.ModelMultipleChoiceField:
    """The site's topics as checkboxes: events and funded projects are filed under them."""
    return forms.ModelMultipleChoiceField(
        label="Topics (optional)",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )


class EventForm(GovukForm):
    """A community event, as a member submits or changes it."""

    refusal_fields = {"starts_at": "start_date", "ends_at": "end_date"}

    organisation = forms.ModelChoiceField(
        label="Which organisation is the event for?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation the event is for",
            "invalid_choice": "Select an organisation you belong to",
        },
    )
    title = text_field("Event name", "Enter the name of the event", max_length=150, noun="The name")
    summary = text_field(
        "Summary",
        "Enter a summary of the event",
        max_length=300,
        noun="The summary",
        help_text="One or two sentences for lists and calendars",
    )
    description = text_field(
        "Description",
        "Enter a description of the event",
        max_length=10000,
        noun="The description",
        help_text="Say who it is for and what will happen. You can use Markdown for links, lists and headings",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    event_type = forms.ChoiceField(
        label="Type of event",
        choices=EventType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of event", "invalid_choice": "Select a type from the list"},
    )
    start_date = DateField(
        noun="The start date",
        label="Start date",
        error_messages={"required": "Enter the date the event starts"},
    )
    start_time = TimeOfDayField(
        noun="the start time",
        label="Start time",
        error_messages={"required": "Enter the time the event starts"},
    )
    end_date = DateField(
        noun="The end date",
        label="End date",
        error_messages={"required": "Enter the date the event ends"},
    )
    end_time = TimeOfDayField(
        noun="the end time",
        label="End time",
        error_messages={"required": "Enter the time the event ends"},
    )
    mode = forms.ChoiceField(
        label="Where does it take place?",
        choices=[("in_person", "In person"), ("online", "Online")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the event is in person or online"},
    )
    venue = text_field("Venue", "", max_length=200, noun="The venue")
    town = text_field("Town or city", "", max_length=100, noun="The town or city")
    region = forms.ChoiceField(
        label="Region",
        choices=[("", "Choose a region"), *Region.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list"},
    )
    organiser = text_field(
        "Organiser",
        "Enter the organisation running the event",
        max_length=200,
        noun="The organiser",
        help_text="The organisation running the event, not a person’s name",
    )
    cost_type = forms.ChoiceField(
        label="Is it free?",
        choices=[("free", "Free"), ("paid", "Paid")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the event is free or paid"},
    )
    cost = text_field(
        "If it is paid, what does it cost?",
        "",
        max_length=200,
        noun="The cost",
        help_text="For example, £25 for public sector staff, £95 for others",
    )
    booking_url = web_link_field(
        "Link to book (optional)",
        noun="the booking link",
        example="https://www.example.gov.uk/book",
        help_text="Where people book a place, if they need to",
    )
    topics = topics_field()

    def __init__(self, *args, organisations: list[Organisation] | None = None, event: Event | None = None, **kwargs):
        if event is not None:
            kwargs.setdefault("initial", initial_for(event))
        super().__init__(*args, **kwargs)
        self.event = event
        # Someone who belongs to one organisation submits for it without being asked.
        if organisations is None or len(organisations) < 2:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])

    def clean(self):
        data = super().clean()
        self._clean_times(data)
        if data.get("mode") == "in_person":
            for name, message in (
                ("venue", "Enter the venue"),
                ("town", "Enter the town or city"),
                ("region", "Choose the region"),
            ):
                if not data.get(name, "").strip() and name not in self.errors:
                    self.add_error(name, message)
        if data.get("cost_type") == "paid" and not data.get("cost", "").strip() and "cost" not in self.errors:
            self.add_error("cost", "Enter what the event costs")
        return data

    def _clean_times(self, data) -> None:
        starts_at, ends_at = self._moment("start", data), self._moment("end", data)
        previous_start = self.event.starts_at if self.event else None
        if starts_at and starts_at != previous_start and starts_at <= timezone.now():
            self.add_error("start_date", "The start must be in the future")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("end_date", "The end must be after the start")
        data["starts_at"], data["ends_at"] = starts_at, ends_at

    def _moment(self, which: str, data) -> datetime.datetime | None:
        """The start or the end in London, or None with the error on its time field. A time in
        the hour October's clocks go back through means the first, still British Summer Time."""
        day, at = data.get(f"{which}_date"), data.get(f"{which}_time")
        if day is None or at is None:
            return None
        try:
            return in_london(day, at, noun=self.fields[f"{which}_time"].noun, repeated_hour=RepeatedHour.FIRST)
        except forms.ValidationError as error:
            self.add_error(f"{which}_time", error)
            return None

    def details(self) -> EventDetails:
        data = self.cleaned_data
        return EventDetails(
            title=data["title"],
            summary=data["summary"],
            description=data["description"],
            event_type=data["event_type"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            is_online=data["mode"] == "online",
            venue=data["venue"],
            town=data["town"],
            region=data["region"],
            organiser=data["organiser"],
            is_free=data["cost_type"] == "free",
            cost=data["cost"],
            booking_url=data["booking_url"],
            topics=list(data["topics"]),
        )


def initial_for(event: Event) -> dict:
    starts, ends = event.starts_at.astimezone(LONDON), event.ends_at.astimezone(LONDON)
    return {
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "event_type": event.event_type,
        "start_date": starts.date(),
        "start_time": starts.time(),
        "end_date": ends.date(),
        "end_time": ends.time(),
        "mode": "online" if event.is_online else "in_person",
        "venue": event.venue,
        "town": event.town,
        "region": event.region,
        "organiser": event.organiser,
        "cost_type": "free" if event.is_free else "paid",
        "cost": event.cost,
        "booking_url": event.booking_url,
        "topics": [topic.pk for topic in event.topics.all()],
        "capacity": event.capacity,
        "signatories_only": event.signatories_only,
    }


class ProgrammeEventForm(EventForm):
    """One of the programme's own events, as staff publish it: bookings can be taken here."""

    capacity = forms.IntegerField(
        label="Number of places (optional)",
        required=False,
        min_value=1,
        max_value=10000,
        help_text="People book these places on this service. Leave empty if they book elsewhere or need not book",
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 40",
            "min_value": "The number of places must be 1 or more",
            "max_value": "The number of places must be 10,000 or fewer",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    signatories_only = forms.BooleanField(
        label="Only people from organisations that have signed the Local Digital Declaration may book",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].initial = PROGRAMME_ORGANISER
        self.fields["capacity"].label_size = "s"

    def clean(self):
        data = super().clean()
        event = self.event
        capacity = data.get("capacity")
        if event is not None and capacity is not None and capacity < event.places_taken:
            self.add_error(
                "capacity",
                f"{event.places_taken} places are already booked. Enter a number of places of "
                f"{event.places_taken} or more",
            )
        return data

    def places(self) -> Places:
        return Places(capacity=self.cleaned_data["capacity"], signatories_only=self.cleaned_data["signatories_only"])


class ReasonForm(GovukForm):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, label: str, required_message: str, hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.help_text = label, hint
        field.label_size = "m"
        field.error_messages["required"] = required_message
        if hint:
            field.widget.attrs["aria-describedby"] = "id_reason-hint"


# Filters ------------------------------------------------------------------------------------


class FilterDateInput(DateInput):
    """The GOV.UK date input, which also reads a whole date (from=2026-10-01) for people who
    write a feed's address by hand."""

    def value_from_datadict(self, data, files, name):
        boxes = super().value_from_datadict(data, files, name)
        whole = data.get(name, "")
        if not any(boxes) and ISO_DATE.match(whole):
            year, month, day = whole.split("-")
            return (day, month, year)
        return boxes

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and name not in data


class _FilterFields(GovukForm):
    """The filters on the public lists and feeds, sent with GET so each filtered list has
    an address to share and subscribe to."""

    field_order = ["from", "to", "region", "mode", "type", "topic", "free"]

    region = forms.ChoiceField(
        label="Region",
        choices=[("", "All regions"), *Region.choices],
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    mode = forms.ChoiceField(
        label="Online or in person",
        choices=[("", "Either"), ("online", "Online"), ("in_person", "In person")],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select online or in person"},
    )
    type = forms.ChoiceField(
        label="Type of event",
        choices=[("", "All types"), *EventType.choices],
        required=False,
        error_messages={"invalid_choice": "Select a type of event from the list"},
    )
    topic = forms.ChoiceField(
        label="Topic",
        required=False,
        error_messages={"invalid_choice": "Select a topic from the list"},
    )
    free = forms.BooleanField(label="Free events only", required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "mode" not in data:
            # So that "Either" shows as chosen when no mode was asked for.
            data = data.copy()
            data["mode"] = ""
        super().__init__(data, *args, **kwargs)
        self.fields["mode"].initial = ""
        self.fields["topic"].choices = [("", "All topics"), *Topic.objects.values_list("slug", "name")]
        for name in ("region", "type", "topic"):
            self.fields[name].label_size = "s"

    def filters(self) -> queries.Filters:
        """The filters with a valid value: a field in error is left out, so the page still
        lists events while it shows the error."""
        if not self.is_bound:
            return queries.Filters()
        self.is_valid()
        data = self.cleaned_data
        starts_from, ends_by = data.get("from"), data.get("to")
        if starts_from and ends_by and ends_by < starts_from and "to" not in self.errors:
            self.add_error("to", "The to date must be the same as or after the from date")
            ends_by = None
        return queries.Filters(
            starts_from=starts_from,
            ends_by=ends_by,
            region=data.get("region") or "",
            mode=data.get("mode") or "",
            event_type=data.get("type") or "",
            topic=data.get("topic") or "",
            free_only=bool(data.get("free")),
        )


# The dates are "from" and "to" in the address, names Python keeps for itself, so the form
# is put together here rather than declared.
FilterForm = type(
    "FilterForm",
    (_FilterFields,),
    {
        "__module__": __name__,
        "from": DateField(noun="The from date", label="From", required=False, widget=FilterDateInput),
        "to": DateField(noun="The to date", label="To", required=False, widget=FilterDateInput),
    },
)
