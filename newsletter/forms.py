from django import forms

from core.forms import GovukForm
from newsletter.models import Topic

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
NO_TOPIC = "Select at least one topic"


def _topics_field(label: str, help_text: str = "Select all that apply.", widget=forms.CheckboxSelectMultiple):
    field = forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=Topic.choices,
        widget=widget,
        error_messages={"required": NO_TOPIC, "invalid_choice": NO_TOPIC},
    )
    field.legend_size = "m"
    return field


class SubscribeForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": EMAIL_FORMAT, "invalid": EMAIL_FORMAT, "max_length": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    topics = _topics_field("What do you want updates about?")


class PreferencesForm(GovukForm):
    topics = _topics_field("What do you want updates about?")


class ConfirmForm(GovukForm):
    """No fields: the button is a form so that mail scanners, which only follow links, do not
    confirm a subscription nobody asked for."""


class IssueForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title", "max_length": "The title must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"spellcheck": "true"}),
    )
    body = forms.CharField(
        label="Body",
        help_text=(
            "Write in Markdown. Leave a blank line between paragraphs. Use ## for a heading, "
            "- for a list item and [link text](https://www.example.com) for a link."
        ),
        max_length=50_000,
        error_messages={
            "required": "Enter the body of the issue",
            "max_length": "The body must be 50,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
    )


class RecipientsForm(GovukForm):
    topics = _topics_field("Topics", help_text="Subscribers who chose any of these topics will get it.")


class ConfirmSendForm(GovukForm):
    """The topics chosen on the previous page, carried in hidden fields."""

    topics = _topics_field("Topics", help_text="", widget=forms.MultipleHiddenInput)


class IssueActionForm(GovukForm):
    """No fields: carries a refused pause, resume or test back to the issue page as an error."""
