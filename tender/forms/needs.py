"""Input rules for needs: writing one, the filters on the public list, the organisation's
follow-up (show-and-tell, procurement notice, outcome) and moderators' reasons."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone

from core.dates import DateField, clock
from core.forms import GovukForm, text_field
from events.forms import FilterDateInput
from events.models import Event, Topic
from organisations.models import Organisation
from tender import needs
from tender.models import Need, OpenStandard, ProcurementTiming, Supplier, check_procurement_reference

BUDGET_LIMIT = 1_000_000_000


class PoundsField(forms.IntegerField):
    """Whole pounds as people type them: 25000, 25,000 or £25,000."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10", "spellcheck": "false"})

    def __init__(self, *, noun: str, **kwargs):
        super().__init__(
            min_value=0,
            max_value=BUDGET_LIMIT,
            required=False,
            error_messages={
                "invalid": f"Enter {noun} as a whole number of pounds, like 25000",
                "min_value": f"Enter {noun} as a whole number of pounds, like 25000",
                "max_value": f"{noun[0].upper()}{noun[1:]} must be £{BUDGET_LIMIT:,} or less",
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").strip()
        return super().to_python(value)


class NeedForm(GovukForm):
    """A need, as a member writes or changes it."""

    organisation = forms.ModelChoiceField(
        label="Which organisation has this need?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation that has this need",
            "invalid_choice": "Select an organisation you belong to",
        },
    )
    title = text_field(
        "Title",
        "Enter a title for the need",
        max_length=150,
        noun="The title",
        help_text="The problem in a few words, for example ‘Residents cannot see when their bins will be collected’",
    )
    problem = text_field(
        "The problem and its users",
        "Describe the problem and who has it",
        max_length=5000,
        noun="The description of the problem",
        help_text=(
            "What is the problem, who has it and what happens now? Describe the problem, not a solution: "
            "suppliers will suggest ways to solve it. Do not name anyone. You can use Markdown for links and lists"
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    services_affected = text_field(
        "Services affected",
        "Enter the services the problem affects",
        max_length=2000,
        noun="The services affected",
        help_text="For example, waste collection and the contact centre",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    procurement_timing = forms.ChoiceField(
        label="When do you expect to buy something?",
        choices=ProcurementTiming.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when you expect to buy something",
            "invalid_choice": "Select when you expect to buy something",
        },
    )
    budget_from = PoundsField(
        noun="the lowest budget",
        label="Lowest budget, in pounds (optional)",
        help_text="Leave the budget empty if you do not know it yet",
    )
    budget_to = PoundsField(noun="the highest budget", label="Highest budget, in pounds (optional)")
    open_standards = forms.ModelMultipleChoiceField(
        label="Open standards a solution must meet (optional)",
        queryset=OpenStandard.objects.order_by(Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={
            "invalid_choice": "Select open standards from the list",
            "invalid_pk_value": "Select open standards from the list",
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Suppliers who follow these topics hear about the need when it is published. Select all that apply",
        error_messages={
            "required": "Select at least one topic",
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )
    questions_close_on = DateField(
        noun="The closing date for questions",
        label="Closing date for questions",
        error_messages={"required": "Enter the closing date for questions"},
    )

    def __init__(self, *args, organisations: list[Organisation] | None = None, need: Need | None = None, **kwargs):
        if need is not None:
            kwargs.setdefault("initial", initial_for(need))
        super().__init__(*args, **kwargs)
        example = timezone.localdate() + datetime.timedelta(days=28)
        self.fields[
            "questions_close_on"
        ].help_text = (
            f"The last day suppliers may ask questions. For example, {example.day} {example.month} {example.year}"
        )
        # Someone who belongs to one organisation writes for it without being asked; a need
        # already written stays with its organisation.
        if need is not None or organisations is None or len(organisations) < 2:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])

    def clean_questions_close_on(self):
        day = self.cleaned_data["questions_close_on"]
        problem = needs.closing_date_problem(day)
        if problem:
            raise ValidationError(problem)
        return day

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_from"), data.get("budget_to")
        if low is not None and high is not None and low > high:
            self.add_error("budget_to", "The highest budget must be the same as or more than the lowest budget")
        return data

    def details(self) -> needs.NeedDetails:
        data = self.cleaned_data
        return needs.NeedDetails(
            title=data["title"],
            problem=data["problem"],
            services_affected=data["services_affected"],
            procurement_timing=data["procurement_timing"],
            questions_close_on=data["questions_close_on"],
            budget_from=data["budget_from"],
            budget_to=data["budget_to"],
            topics=list(data["topics"]),
            open_standards=list(data["open_standards"]),
        )


def initial_for(need: Need) -> dict:
    return {
        "title": need.title,
        "problem": need.problem,
        "services_affected": need.services_affected,
        "procurement_timing": need.procurement_timing,
        "budget_from": need.budget_from,
        "budget_to": need.budget_to,
        "open_standards": [standard.pk for standard in need.open_standards.all()],
        "topics": [topic.pk for topic in need.topics.all()],
        "questions_close_on": need.questions_close_on,
    }


# Filters ----------------------------------------------------------------------------------


class NeedFilterForm(GovukForm):
    """The filters on the list of needs and its feed, sent with GET so that each filtered
    list has an address to share and follow."""

    topic = forms.ChoiceField(
        label="Topic", required=False, error_messages={"invalid_choice": "Select a topic from the list"}
    )
    organisation = forms.ChoiceField(
        label="Organisation", required=False, error_messages={"invalid_choice": "Select an organisation from the list"}
    )
    region = forms.ChoiceField(
        label="Region of the organisation",
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    closes_after = DateField(
        noun="The closes after date",
        label="Questions close on or after",
        required=False,
        widget=FilterDateInput,
    )
    closes_before = DateField(
        noun="The closes before date",
        label="Questions close on or before",
        required=False,
        widget=FilterDateInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = {"topic": "All topics", "organisation": "All organisations", "region": "All regions"}
        for name, choices in needs.filter_choices().items():
            self.fields[name].choices = [("", everything[name]), *choices]
            self.fields[name].label_size = "s"

    def filters(self) -> needs.Filters:
        """The filters with a valid value: a field in error is left out, so the page still
        lists needs while it shows the error."""
        if not self.is_bound:
            return needs.Filters()
        self.is_valid()
        data = self.cleaned_data
        after, before = data.get("closes_after"), data.get("closes_before")
        if after and before and before < after and "closes_before" not in self.errors:
            self.add_error("closes_before", "The closes before date must be the same as or after the closes after date")
            before = None
        return needs.Filters(
            topic=data.get("topic") or "",
            organisation=data.get("organisation") or "",
            region=data.get("region") or "",
            closes_after=after,
            closes_before=before,
        )


# Others join and suppliers register interest ----------------------------------------------


class OrganisationChoiceForm(GovukForm):
    """Which of the person's organisations a join (or leaving) is for."""

    organisation = forms.ModelChoiceField(
        label="Which organisation has this problem too?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select your organisation",
            "invalid_choice": "Select an organisation you belong to",
        },
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])


class SupplierChoiceForm(GovukForm):
    """Which of the person's suppliers registers interest."""

    supplier = forms.ModelChoiceField(
        label="Which supplier is interested?",
        queryset=Supplier.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select your supplier", "invalid_choice": "Select a supplier you belong to"},
    )

    def __init__(self, *args, suppliers: list[Supplier], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.filter(pk__in=[s.pk for s in suppliers])


# The need's organisation ------------------------------------------------------------------


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event: Event) -> str:
        starts = timezone.localtime(event.starts_at)
        return f"{event.title}, {starts.day} {starts:%B %Y} at {clock(starts)}"


class ShowAndTellForm(GovukForm):
    event = EventChoiceField(
        label="Which event is the show-and-tell?",
        queryset=Event.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the event suppliers are invited to",
            "invalid_choice": "Select one of your organisation’s upcoming events",
        },
    )

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = needs.show_and_tell_choices(need)
        self.fields["event"].legend_size = "m"
        if need.show_and_tell_id:
            self.fields["event"].initial = need.show_and_tell_id


class ProcurementForm(GovukForm):
    procurement_reference = text_field(
        "Notice reference",
        "Enter the reference of the procurement notice",
        max_length=60,
        noun="The reference",
        help_text=(
            "The Find a Tender notice number, like 012345-2026, its OCDS id, like ocds-h6vhtk-0a1b2c, "
            "or the Contracts Finder notice id"
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_procurement_reference(self) -> str:
        # Notice ids are written in lower case; people copy them in either.
        reference = self.cleaned_data["procurement_reference"].strip().lower()
        check_procurement_reference(reference)
        return reference


class CloseForm(GovukForm):
    outcome = text_field(
        "What happened?",
        "Enter what happened",
        max_length=3000,
        noun="The outcome",
        help_text=(
            "For example, whether you bought something and how, or why you stopped. "
            "We show this on the need’s page. Do not name anyone"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].label_size = "m"


class ReasonForm(GovukForm):
    reason = text_field(
        "Why are you rejecting the need?",
        "Enter why you are rejecting the need",
        max_length=2000,
        noun="The reason",
        help_text="We email this to the person who wrote it. They can change the need and send it again",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_size = "m"
