"""The questions of the full application, one form per section."""

from django import forms

from core.forms import GovukForm
from fund.forms.rounds import PoundsField
from fund.models import CodeLicence


def _answer(label: str, hint: str, max_length: int, *, missing: str, too_long: str) -> forms.CharField:
    field = forms.CharField(
        label=label,
        help_text=hint,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": missing, "max_length": f"{too_long} must be {max_length:,} characters or fewer"},
    )
    field.label_size = "m"
    return field


class TeamForm(GovukForm):
    team = _answer(
        "Who will work on the project, and what will each of them do?",
        "Include people at the lead and at each partner. Give job titles and roles, not names",
        5000,
        missing="Enter who will work on the project and their roles",
        too_long="Team and roles",
    )


class PlanForm(GovukForm):
    plan = _answer(
        "What will you do in each phase?",
        "Say what you will have at the end of each phase, and when",
        10000,
        missing="Enter your plan for each phase",
        too_long="Your plan",
    )


class UserResearchForm(GovukForm):
    user_research = _answer(
        "How will you research your users’ needs?",
        "Say who the users are, how you will find out what they need and how that will shape what you build",
        5000,
        missing="Enter how you will do user research",
        too_long="Your user research approach",
    )


class BudgetLineForm(GovukForm):
    description = forms.CharField(
        label="What the money is for",
        help_text="For example, user researcher for 20 days",
        max_length=200,
        error_messages={
            "required": "Enter what the money is for",
            "max_length": "What the money is for must be 200 characters or fewer",
        },
    )
    amount = PoundsField(
        label="Amount, in pounds",
        noun="the amount",
        example="12000",
        most=10_000_000,
        error_messages={
            "required": "Enter the amount, in pounds",
            "invalid": "Enter the amount in whole pounds, like 12000",
            "min_value": "The amount must be at least £1",
            "max_value": "The amount must be £10,000,000 or less",
        },
    )


class OpennessForm(GovukForm):
    publishes_outputs_openly = forms.TypedChoiceField(
        label="Will you publish everything the project makes openly?",
        help_text=(
            "The fund pays for work other councils can reuse, so it pays only for projects that publish their "
            "code, research and other outputs openly"
        ),
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you will publish everything the project makes openly"},
    )
    code_licence = forms.ChoiceField(
        label="Which open-source licence will your code use?",
        choices=CodeLicence.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the licence your code will use",
            "invalid_choice": "Select a licence from the list",
        },
    )


class SubmitApplicationForm(GovukForm):
    """No fields: the button, whose refusal (an unfinished section, a closed window) comes
    back as an error in the summary."""
