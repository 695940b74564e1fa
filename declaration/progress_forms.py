"""Forms for the members' area: an update on a declaration project, a request to withdraw,
and the status filter on the public list of projects."""

import re

from django import forms

from core.forms import GovukForm
from declaration.models import ProjectStatus
from declaration.queries import OVERDUE

UPDATE_MAX_LENGTH = 5000
# Updates are shown as plain text. Markup would show as its tags, so it is refused with a
# message saying why, rather than stored.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
STATUS_FILTER_CHOICES = [("", "All statuses"), *ProjectStatus.choices, (OVERDUE, "Overdue")]


def _plain_text(label: str):
    def check(value: str) -> None:
        if MARKUP.search(value):
            raise forms.ValidationError(f"{label} must be plain text. Remove anything between < and >")

    return check


class ProjectUpdateForm(GovukForm):
    status = forms.ChoiceField(
        label="Where does the project stand?",
        choices=ProjectStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the project stands",
            "invalid_choice": "Select where the project stands",
        },
    )
    what_happened = forms.CharField(
        label="What has happened since the last update?",
        help_text="Say what you did, what changed for the people using the service, and what comes next",
        max_length=UPDATE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_plain_text("What has happened")],
        error_messages={
            "required": "Enter what has happened since the last update",
            "max_length": "Say what has happened in 5,000 characters or fewer",
        },
    )
    lessons_learnt = forms.CharField(
        label="What have you learnt? (optional)",
        help_text="What would you tell another organisation doing the same?",
        max_length=UPDATE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[_plain_text("What you have learnt")],
        error_messages={"max_length": "Say what you have learnt in 5,000 characters or fewer"},
    )
    status.legend_size = "m"


class AskToWithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why does your organisation want to withdraw?",
        help_text="The Local Digital team reads this before they withdraw the signature. It is kept in the history",
        max_length=UPDATE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter why your organisation wants to withdraw its signature",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )


class ProjectStatusFilterField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Status",
            choices=STATUS_FILTER_CHOICES,
            required=False,
            error_messages={"invalid_choice": "Select a status from the list"},
            **kwargs,
        )
