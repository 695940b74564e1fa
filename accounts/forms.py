import re

from django import forms

from accounts import queries
from core.forms import GovukForm

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
CODE_FORMAT = "Enter the 6-digit code from your authenticator app"


class SignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="Use your work email address. We will email you a link to sign in.",
        max_length=254,
        error_messages={"required": EMAIL_FORMAT, "invalid": EMAIL_FORMAT, "max_length": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SignInLinkForm(GovukForm):
    """No fields: the button is a form so that mail scanners, which only follow links, do
    not spend a single-use link."""


class NameForm(GovukForm):
    full_name = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={"required": "Enter your name", "max_length": "Your name must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )


class JoinOrganisationForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        help_text="Choose the organisation you work for",
        queryset=None,  # set per form: "current" depends on today's date
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the organisation you want to join",
            "invalid_choice": "Choose an organisation from the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = queries.organisations_to_join()


class RejectForm(GovukForm):
    reason = forms.CharField(
        label="Reason for rejecting",
        help_text="We will include this in the email to the person who asked to join",
        max_length=2000,
        error_messages={
            "required": "Enter a reason for rejecting the request",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StaffSignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT, "max_length": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Security code",
        help_text="Enter the 6-digit code from your authenticator app",
        error_messages={"required": CODE_FORMAT},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        # Apps show the code as "123 456"; people copy it with the space.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(CODE_FORMAT)
        return code
