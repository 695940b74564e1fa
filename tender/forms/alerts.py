"""Choosing the topics a supplier's person hears about when a need is published."""

from django import forms

from core.forms import GovukForm
from events.models import Topic


class TopicsForm(GovukForm):
    topics = forms.ModelMultipleChoiceField(
        label="Which topics do you want to hear about?",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="We email you when a need on any of them is published. Select all that apply",
        error_messages={
            "required": "Select the topics you want to hear about",
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )
    topics.legend_size = "m"
