"""Forms for asking about a round, and for staff answering and publishing."""

from django import forms

from core.forms import GovukForm


class AskForm(GovukForm):
    text = forms.CharField(
        label="Your question",
        help_text=(
            "We will email you the answer. We may also publish your question, reworded so it does not say "
            "who asked, with its answer for everyone to read"
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter your question",
            "max_length": "Your question must be 3,000 characters or fewer",
        },
    )
    text.label_size = "m"


class AnswerForm(GovukForm):
    answer = forms.CharField(
        label="Your answer",
        help_text="We will email this to the person who asked",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter your answer",
            "max_length": "Your answer must be 5,000 characters or fewer",
        },
    )
    answer.label_size = "m"


class PublishForm(GovukForm):
    published_question = forms.CharField(
        label="The question as it will be published",
        help_text="Reword it so that it does not name or describe the person who asked or their organisation",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the question as it will be published",
            "max_length": "The published question must be 3,000 characters or fewer",
        },
    )
    published_question.label_size = "m"
