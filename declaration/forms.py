from datetime import timedelta

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone

from core.dates import DateField
from core.forms import GovukForm
from declaration.models import Principle
from organisations.models import Nation, Organisation, OrganisationType


class SignForm(GovukForm):
    signed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="Typing your name here is your signature on behalf of your organisation",
        error_messages={"required": "Type your full name to sign"},
    )


# Signing for an organisation: the lead's questions ----------------------------------------

ORGANISATION_NOT_FOUND = "Enter the name of your organisation, or choose ‘My organisation is not listed’"
LINK_FORMAT = "Enter the web address in the correct format, like https://www.example.gov.uk"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.gov.uk"


def _text(label: str, required: str, too_long: str, *, max_length: int = 200, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": required, "max_length": too_long},
        **kwargs,
    )


class EligibilityForm(GovukForm):
    eligible = forms.ChoiceField(
        label="Is your organisation a UK public sector body or a non-profit organisation?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if your organisation is a UK public sector body or a non-profit organisation",
            "invalid_choice": "Select yes or no",
        },
    )
    eligible.legend_size = "l"


def matching_organisations(name: str) -> list[Organisation]:
    """Current organisations whose name, or one of whose alternative names, is `name`, in
    any case. Ended organisations never match: nobody can sign for them."""
    typed = " ".join(name.split()).casefold()
    # A NUL byte (possible in the address of the choosing page) matches nothing, and
    # PostgreSQL refuses it in a query.
    if not typed or "\x00" in typed:
        return []
    candidates = Organisation.objects.current().filter(Q(name__iexact=typed) | Q(alternative_names__icontains=typed))
    return [
        organisation
        for organisation in candidates
        if organisation.name.casefold() == typed
        or typed in (" ".join(line.split()).casefold() for line in organisation.alternative_names.splitlines())
    ]


def organisations_like(name: str, limit: int = 20) -> list[Organisation]:
    """Current organisations whose names contain `name`: suggestions when nothing matches
    exactly."""
    typed = " ".join(name.split())
    if len(typed) < 3 or "\x00" in typed:
        return []
    query = Q(name__icontains=typed) | Q(alternative_names__icontains=typed)
    return list(Organisation.objects.current().filter(query)[:limit])


class FindOrganisationForm(GovukForm):
    name = _text(
        "What is the name of your organisation?",
        ORGANISATION_NOT_FOUND,
        ORGANISATION_NOT_FOUND,
        help_text="For example, Testshire County Council",
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off", "spellcheck": "false"}),
    )
    name.label_size = "l"

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        # An exact match starts the declaration; anything less asks the lead to choose.
        self.exact_matches = matching_organisations(name)
        if not (self.exact_matches or organisations_like(name)):
            raise forms.ValidationError(ORGANISATION_NOT_FOUND)
        return name


class ChooseOrganisationForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Which organisation do you work for?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select your organisation",
            "invalid_choice": "Select your organisation from the list",
        },
    )
    organisation.legend_size = "l"

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.current().filter(
            pk__in=[organisation.pk for organisation in organisations]
        )


class OrganisationRequestForm(GovukForm):
    name = _text(
        "Organisation name",
        "Enter the name of your organisation",
        "The organisation’s name must be 200 characters or fewer",
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=[("", "Choose a type"), *OrganisationType.choices],
        error_messages={"required": "Choose the type of organisation", "invalid_choice": "Choose a type from the list"},
    )
    nation = forms.ChoiceField(
        label="Where it works",
        choices=[("", "Choose where it works"), *Nation.choices],
        error_messages={"required": "Choose where the organisation works", "invalid_choice": "Choose from the list"},
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": LINK_FORMAT, "max_length": "The web address must be 200 characters or fewer"},
    )


class LeadForm(GovukForm):
    lead_name = _text(
        "Your full name",
        "Enter your full name",
        "Your name must be 200 characters or fewer",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    lead_job_title = _text(
        "Your job title",
        "Enter your job title",
        "Your job title must be 200 characters or fewer",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )


class ApproverForm(GovukForm):
    approver_name = _text(
        "Full name",
        "Enter the senior approver’s full name",
        "The senior approver’s name must be 200 characters or fewer",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    approver_job_title = _text(
        "Job title",
        "Enter the senior approver’s job title",
        "The senior approver’s job title must be 200 characters or fewer",
    )
    approver_email = forms.EmailField(
        label="Work email address",
        help_text="We will email them a link to sign once we have reviewed your declaration",
        max_length=254,
        error_messages={
            "required": "Enter the senior approver’s work email address",
            "invalid": EMAIL_FORMAT,
            "max_length": EMAIL_FORMAT,
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )


class ProjectForm(GovukForm):
    title = _text(
        "Project title",
        "Enter the project’s title",
        "The title must be 200 characters or fewer",
    )
    description = _text(
        "What will the project do?",
        "Enter what the project will do",
        "Describe the project in 5,000 characters or fewer",
        max_length=5000,
        help_text="Say what you will change, for whom, and how you will share what you learn",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    principles = forms.TypedMultipleChoiceField(
        label="Which of the declaration’s principles does it serve?",
        help_text="Select all that apply",
        choices=Principle.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one principle the project serves",
            "invalid_choice": "Select principles from the list",
        },
    )
    expected_completion = DateField(
        noun="The expected completion date",
        label="When do you expect it to finish?",
        help_text="Within 12 months",
        error_messages={"required": "Enter the date you expect the project to finish"},
    )
    link = forms.URLField(
        label="Web page about the project (optional)",
        help_text="For example, a blog post or a page on your organisation’s website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": LINK_FORMAT, "max_length": "The web address must be 200 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        example = timezone.localdate() + timedelta(days=180)
        self.fields[
            "expected_completion"
        ].help_text = f"Within 12 months. For example, {example.day} {example.month} {example.year}"


class SubmitDeclarationForm(GovukForm):
    # A honeypot: hidden from people, it is left blank by everyone but form-filling robots.
    website_confirm = forms.CharField(
        label="Leave this field blank",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def caught_a_robot(self) -> bool:
        return bool(self.cleaned_data.get("website_confirm"))
