"""Forms for moderators deciding on leads' requests to add an organisation."""

import re

from django import forms

from core.forms import GovukForm
from declaration.forms import OrganisationRequestForm

DOMAIN_FORMAT = "Enter the email domain in the correct format, like testshire.gov.uk"
DOMAIN = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+")


class AddOrganisationForm(OrganisationRequestForm):
    """The lead's answers, for the moderator to check and correct, and what only staff add."""

    region = forms.CharField(
        label="Region (optional)",
        required=False,
        max_length=100,
        help_text="For example, South East",
        error_messages={"max_length": "The region must be 100 characters or fewer"},
    )
    email_domain = forms.CharField(
        label="Email domain (optional)",
        required=False,
        max_length=253,
        help_text=(
            "People with an email address at this domain join the organisation without waiting for approval. "
            "For example, testshire.gov.uk"
        ),
        error_messages={"max_length": DOMAIN_FORMAT},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "none"}),
    )

    def clean_email_domain(self) -> str:
        domain = self.cleaned_data["email_domain"].strip().lower().removeprefix("@").removeprefix("www.")
        if domain and not DOMAIN.fullmatch(domain):
            raise forms.ValidationError(DOMAIN_FORMAT)
        return domain


class DeclineRequestForm(GovukForm):
    reason = forms.CharField(
        label="Reason for declining",
        help_text="We will include this in the email to the person who asked",
        max_length=5000,
        error_messages={
            "required": "Enter a reason for declining the request",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
