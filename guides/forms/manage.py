"""Staff's decisions about guides: why a revision or a message is hidden, and whom to block
from editing and why."""

from django import forms

from accounts.models import User
from core.forms import GovukForm, text_field


def _reason_field(label: str, missing: str, hint: str) -> forms.CharField:
    field = text_field(
        label, missing, max_length=2000, noun="The reason", help_text=hint, widget=forms.Textarea(attrs={"rows": 4})
    )
    field.label_size = "m"
    return field


class HideRevisionForm(GovukForm):
    reason = _reason_field(
        "Why are you hiding this revision?",
        "Enter why you are hiding the revision",
        "It leaves the guide’s public history and comparisons. Staff see your reason in the audit trail",
    )


class HideCommentForm(GovukForm):
    reason = _reason_field(
        "Why are you hiding this message?",
        "Enter why you are hiding the message",
        "Staff see it in the message’s audit trail",
    )


class BlockForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person to block",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
            "max_length": "The email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = _reason_field(
        "Why are you blocking them?",
        "Enter why you are blocking them",
        "Staff see it with the block and in the audit trail",
    )

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        self.person = User.objects.filter(email=email).first()
        if self.person is None:
            raise forms.ValidationError("There is no account with this email address. Check it and enter it again")
        return email
