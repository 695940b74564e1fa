"""Staff set up a round: its details, its dates and times (entered in Europe/London), its
eligibility rules, its phases and its criteria."""

import re

from django import forms

from core.dates import LONDON, DateField, RepeatedHour, TimeOfDayField, clock, in_london
from core.forms import GovukForm
from fund.models import Phase
from fund.rounds import WINDOW_FIELDS, windows_out_of_order
from fund.workflow import AssessmentStage

# The largest amount a pounds field takes: what the database's award columns can hold.
MOST_POUNDS = 2_147_483_647

# Each window's question, and how its messages name it.
WINDOW_LABELS = {
    "eoi_opens_at": ("Expressions of interest open", "expressions of interest open"),
    "eoi_closes_at": ("Expressions of interest close", "expressions of interest close"),
    "evaluation_ends_at": ("Evaluation ends", "evaluation ends"),
    "applications_open_at": ("Full applications open", "full applications open"),
    "applications_close_at": ("Full applications close", "full applications close"),
    "decisions_by": ("Applicants are told the decision by", "applicants are told the decision"),
    "kick_off_at": ("Kick-off", "of the kick-off"),
}


class PoundsField(forms.Field):
    """Whole pounds, typed as people write them: "£7,500,000", "7,500,000" or "7500000".
    Messages name the amount (`noun`) and show an `example`; `error_messages` may replace
    any of them ("required", "invalid", "min_value", "max_value")."""

    def __init__(self, *, noun: str, example: str, least: int = 1, most: int = MOST_POUNDS, **kwargs):
        self.least, self.most = least, most
        messages = {
            "required": f"Enter {noun}",
            "invalid": f"Enter {noun} in pounds, like {example}",
            "min_value": f"Enter {noun} of £{least:,} or more",
            "max_value": f"Enter {noun} of £{most:,} or less",
            **kwargs.pop("error_messages", {}),
        }
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-10"}),
        )
        super().__init__(error_messages=messages, **kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        digits = re.sub(r"[\s,]", "", text).removeprefix("£").removesuffix(".00")
        if len(digits) > 12 or not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(digits)
        if amount < self.least:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        if amount > self.most:
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value")
        return amount

    def prepare_value(self, value):
        return f"£{value:,}" if isinstance(value, int) else value


# Details ---------------------------------------------------------------------------------------


class RoundDetailsForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="For example, Local Digital Fund round 2",
        error_messages={"required": "Enter the round’s name", "max_length": "The name must be 150 characters or fewer"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One or two sentences for the list of rounds",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter a summary of the round",
            "max_length": "The summary must be 300 characters or fewer",
        },
    )
    guidance = forms.CharField(
        label="Guidance for applicants (optional)",
        required=False,
        max_length=20000,
        help_text="What the round funds and how to bid. You can use Markdown: ## for a heading, * for a list",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": "The guidance must be 20,000 characters or fewer"},
    )
    budget = PoundsField(label="Total budget", noun="the total budget", example="£7,500,000")


def _window(name: str) -> tuple[DateField, TimeOfDayField]:
    """The GOV.UK date input and the time field for one of the round's dates."""
    noun = WINDOW_LABELS[name][1]
    day = DateField(
        noun=f"The date {noun}",
        label="Date",
        help_text="For example, 24 9 2018",
        error_messages={"required": f"Enter the date {noun}"},
    )
    return day, TimeOfDayField(noun=f"the time {noun}", label="Time")


class RoundWindowsForm(GovukForm):
    """A date and a time for each stage of the round, in the order the stages come."""

    eoi_opens_at_date, eoi_opens_at_time = _window("eoi_opens_at")
    eoi_closes_at_date, eoi_closes_at_time = _window("eoi_closes_at")
    evaluation_ends_at_date, evaluation_ends_at_time = _window("evaluation_ends_at")
    applications_open_at_date, applications_open_at_time = _window("applications_open_at")
    applications_close_at_date, applications_close_at_time = _window("applications_close_at")
    decisions_by_date, decisions_by_time = _window("decisions_by")
    kick_off_at_date, kick_off_at_time = _window("kick_off_at")

    def window_groups(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(WINDOW_LABELS[name][0], self[f"{name}_date"], self[f"{name}_time"]) for name in WINDOW_FIELDS]

    @staticmethod
    def initial_for(round_) -> dict:
        initial = {}
        for name in WINDOW_FIELDS:
            moment = getattr(round_, name)
            initial[f"{name}_date"], initial[f"{name}_time"] = moment.astimezone(LONDON).date(), clock(moment)
        return initial

    def clean(self):
        cleaned = super().clean()
        windows = {}
        for name in WINDOW_FIELDS:
            day, at = cleaned.get(f"{name}_date"), cleaned.get(f"{name}_time")
            if day is None or at is None:
                continue
            # A window must be one moment, so a time in the hour the clocks go back through is refused.
            noun = self.fields[f"{name}_time"].noun
            try:
                windows[name] = in_london(day, at, noun=noun, repeated_hour=RepeatedHour.REFUSE)
            except forms.ValidationError as error:
                self.add_error(f"{name}_time", error)
        for name, message in windows_out_of_order(windows):
            self.add_error(f"{name}_date", message)
        self.windows = windows
        return cleaned


class NewRoundForm(RoundDetailsForm, RoundWindowsForm):
    # The details come first on the page, so their errors come first in the summary.
    field_order = ["name", "summary", "guidance", "budget"]


class EligibilityForm(GovukForm):
    lead_must_be_local_authority = forms.TypedChoiceField(
        label="Must the lead organisation be a local authority?",
        help_text="Other organisations, such as fire authorities and NHS bodies, can always be partners",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the lead organisation must be a local authority"},
    )
    lead_must_be_signatory = forms.TypedChoiceField(
        label="Must the lead organisation have signed the Local Digital Declaration?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the lead organisation must have signed the declaration"},
    )
    min_signatory_authorities = forms.IntegerField(
        label="Fewest signatory local authorities in a bid",
        help_text="Local authorities that have signed the declaration, counting the lead and confirmed partners",
        min_value=0,
        max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the fewest signatory local authorities a bid needs",
            "invalid": "Enter the fewest signatory local authorities as a number, like 2",
            "min_value": "Enter 0 or more signatory local authorities",
            "max_value": "Enter 50 or fewer signatory local authorities",
        },
    )
    max_bids_led = forms.IntegerField(
        label="Most bids one organisation may lead",
        min_value=1,
        max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the most bids one organisation may lead",
            "invalid": "Enter the most bids one organisation may lead as a number, like 2",
            "min_value": "Enter 1 or more bids",
            "max_value": "Enter 50 or fewer bids",
        },
    )
    publish_eois_after_close = forms.TypedChoiceField(
        label="Publish the expressions of interest once they close?",
        help_text="The public sees each bid’s title, organisations, phase, amount and problem, never who wrote it",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes to publish the expressions of interest once they close"},
    )

    @staticmethod
    def initial_for(round_) -> dict:
        yes_no = {True: "yes", False: "no"}
        return {
            "lead_must_be_local_authority": yes_no[round_.lead_must_be_local_authority],
            "lead_must_be_signatory": yes_no[round_.lead_must_be_signatory],
            "min_signatory_authorities": round_.min_signatory_authorities,
            "max_bids_led": round_.max_bids_led,
            "publish_eois_after_close": yes_no[round_.publish_eois_after_close],
        }


class PhaseForm(GovukForm):
    phase = forms.ChoiceField(
        label="Phase",
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the phase", "invalid_choice": "Select a phase from the list"},
    )
    max_award = PoundsField(label="Largest award for one bid", noun="the largest award", example="£50,000")


class CriterionForm(GovukForm):
    stage = forms.ChoiceField(
        label="Stage",
        choices=AssessmentStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage it is scored at", "invalid_choice": "Select a stage"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the criterion’s title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    guidance = forms.CharField(
        label="Guidance for assessors",
        max_length=5000,
        help_text="What a strong answer shows",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter guidance for assessors",
            "max_length": "The guidance must be 5,000 characters or fewer",
        },
    )
    weight = forms.IntegerField(
        label="Weight",
        help_text="Its share of the total score, for example 30 for 30%",
        min_value=1,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the criterion’s weight",
            "invalid": "Enter the weight as a whole number, like 30",
            "min_value": "Enter a weight of 1 or more",
            "max_value": "Enter a weight of 100 or less",
        },
    )
    position = forms.IntegerField(
        label="Position in the list (optional)",
        help_text="1 for first. Leave empty to keep its place, or to put a new criterion last",
        required=False,
        min_value=1,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the position as a whole number, like 1",
            "min_value": "Enter a position of 1 or more",
            "max_value": "Enter a position of 100 or less",
        },
    )
