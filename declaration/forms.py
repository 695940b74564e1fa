from django import forms

from core.forms import GovukForm


class SignForm(GovukForm):
    signed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="Typing your name here is your signature on behalf of your organisation",
        error_messages={"required": "Type your full name to sign"},
    )
