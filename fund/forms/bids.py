"""The questions of an expression of interest, one form per section of its task list, and the
partner's answer to the lead's request."""

from django import forms

from core.forms import GovukForm
from declaration.forms import matching_organisations
from fund.forms.rounds import PoundsField
from organisations.models import Organisation

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.gov.uk"


class ChooseLeadForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Which organisation will lead the bid?",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation that will lead the bid",
            "invalid_choice": "Select an organisation you work for",
        },
    )
    organisation.legend_size = "m"

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProjectForm(GovukForm):
    title = forms.CharField(
        label="Project title",
        max_length=150,
        help_text="A short name that says what the project does, for example “Shared data on bin collections”",
        error_messages={
            "required": "Enter the project’s title",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    problem = forms.CharField(
        label="What is the problem, and who has it?",
        max_length=5000,
        help_text="Say which residents, staff or councils have the problem, and what it costs them",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter the problem and who has it",
            "max_length": "Describe the problem in 5,000 characters or fewer",
        },
    )


class PhaseForm(GovukForm):
    phase = forms.ChoiceField(
        label="Which phase are you asking funding for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the phase", "invalid_choice": "Select a phase this round funds"},
    )
    phase.legend_size = "m"
    amount_requested = PoundsField(label="How much are you asking for?", noun="the amount", example="£40,000")

    def __init__(self, *args, round_phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [
            (row.phase, f"{row.get_phase_display()}, up to £{row.max_award:,}") for row in round_phases
        ]


class PartnerForm(GovukForm):
    name = forms.CharField(
        label="Partner organisation",
        max_length=200,
        help_text="Start typing its name, for example Testshire Fire and Rescue Service",
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the name of the partner organisation",
            "max_length": "Enter the name of an organisation from the list",
        },
    )
    contact_email = forms.EmailField(
        label="Email address of a contact there",
        help_text="We will email them a link to confirm that their organisation is a partner",
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages={
            "required": "Enter the email address of a contact at the partner organisation",
            "invalid": EMAIL_FORMAT,
            "max_length": EMAIL_FORMAT,
        },
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        found = matching_organisations(name)
        if not found:
            raise forms.ValidationError("Enter the name of an organisation from the list")
        if len(found) > 1:
            raise forms.ValidationError(
                f"More than one organisation is called {name}. Enter its full name from the list"
            )
        self.organisation = found[0]
        return name


class PrinciplesForm(GovukForm):
    principles = forms.CharField(
        label="How will the project follow the Local Digital Declaration’s principles?",
        max_length=5000,
        help_text="For example, how you will research with users, work in the open and share what you make",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter how the project will follow the declaration’s principles",
            "max_length": "Describe how the project follows the principles in 5,000 characters or fewer",
        },
    )
    reuse = forms.CharField(
        label="What existing work will you reuse?",
        max_length=5000,
        help_text="Code, research, data standards or services that others have made",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what existing work you will reuse, or say why there is none",
            "max_length": "Describe the work you will reuse in 5,000 characters or fewer",
        },
    )


class PartnerResponseForm(GovukForm):
    answer = forms.ChoiceField(
        label="Will your organisation be a partner in this bid?",
        choices=[("confirm", "Yes, we will be a partner"), ("decline", "No, we will not be a partner")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if your organisation will be a partner",
            "invalid_choice": "Select yes or no",
        },
    )
    answer.legend_size = "m"
