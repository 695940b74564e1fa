from django import forms

from core.forms import GovukForm
from declaration.forms import matching_organisations
from events.models import Booking

ORGANISATION_NOT_FOUND = "Enter the name of your organisation as it appears in the list"


class BookingForm(GovukForm):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        help_text="We will email your booking to this address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Start typing, then choose your organisation from the list",
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter the name of your organisation", "max_length": ORGANISATION_NOT_FOUND},
    )
    accessibility_needs = forms.CharField(
        label="Accessibility needs (optional)",
        required=False,
        max_length=2000,
        help_text="Tell us anything we should arrange so you can take part, such as step-free access or a hearing loop",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your accessibility needs must be 2000 characters or fewer"},
    )

    def clean_organisation(self):
        # The server decides which organisation the name means; the suggestions only help.
        matches = matching_organisations(self.cleaned_data["organisation"])
        if len(matches) != 1:
            raise forms.ValidationError(ORGANISATION_NOT_FOUND)
        return matches[0]


class AttendanceForm(GovukForm):
    attended = forms.TypedMultipleChoiceField(
        label="Who attended",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only people who have a confirmed place"},
    )

    def __init__(self, *args, bookings: list[Booking], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(booking.pk, booking.name) for booking in bookings]
