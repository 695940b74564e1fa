"""A message on a guide's talk page, and the name a person chooses to show with what they write."""

from django import forms

from core.forms import GovukForm, text_field
from guides.models import Comment, PublicName


class CommentForm(GovukForm):
    body = text_field(
        "Add a message",
        "Enter your message",
        max_length=Comment._meta.get_field("body").max_length,
        noun="Your message",
        help_text="Everyone can read it, with your organisation and your public name if you set one",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    body.label_size = "m"


class PublicNameForm(GovukForm):
    name = text_field(
        "Public name",
        "",
        max_length=PublicName._meta.get_field("name").max_length,
        noun="Your public name",
        help_text="For example, your first name. Leave it empty to show only your organisation",
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )
    name.label_size = "m"
