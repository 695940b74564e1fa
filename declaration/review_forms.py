"""Forms for moderators reviewing signatures of the declaration."""

from django import forms

from core.forms import GovukForm
from declaration.queries import PIPELINE_ORDER
from declaration.workflow import SignatureStatus


class QueueFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[(status.value, status.label) for status in PIPELINE_ORDER],
    )

    def status_or_default(self) -> str:
        if self.is_valid() and self.cleaned_data["status"]:
            return self.cleaned_data["status"]
        return SignatureStatus.SUBMITTED


class RequestChangesForm(GovukForm):
    advice = forms.CharField(
        label="What should the lead change?",
        help_text="We will include this in the email to the lead",
        max_length=5000,
        error_messages={
            "required": "Enter the changes you want the lead to make",
            "max_length": "The changes must be 5,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RejectForm(GovukForm):
    reason = forms.CharField(
        label="Reason for rejecting",
        help_text="We will include this in the email to the lead",
        max_length=5000,
        error_messages={
            "required": "Enter a reason for rejecting the declaration",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Reason for withdrawing",
        help_text="For example, who at the organisation asked for it and when. This is kept in the history",
        max_length=5000,
        error_messages={
            "required": "Enter a reason for withdrawing the signature",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
