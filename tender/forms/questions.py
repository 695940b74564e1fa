"""Input rules for questions on needs: a supplier asking, the need's organisation answering or
turning one down, and moderators' reasons."""

from django import forms

from core.forms import GovukForm, text_field
from tender.models import Supplier


class AskForm(GovukForm):
    """A question, asked for one of the listed suppliers the person works at; they choose
    which only if they work at more than one."""

    text = text_field(
        "Your question",
        "Enter your question",
        max_length=2000,
        noun="Your question",
        help_text=(
            "Do not include anyone’s name, email address or phone number. Everyone will see the answer, "
            "with your question reworded so that it does not say who asked"
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    text.label_size = "m"

    def __init__(self, *args, suppliers: list[Supplier], **kwargs):
        super().__init__(*args, **kwargs)
        self.suppliers = suppliers
        if len(suppliers) > 1:
            self.fields["supplier"] = forms.TypedChoiceField(
                label="Which supplier are you asking for?",
                choices=[(supplier.pk, supplier.name) for supplier in suppliers],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Select the supplier you are asking for",
                    "invalid_choice": "Select the supplier you are asking for",
                },
            )
            self.order_fields(["supplier", "text"])

    def supplier(self) -> Supplier | None:
        """The supplier the question is asked for; None when the person works at none."""
        if len(self.suppliers) > 1:
            chosen = self.cleaned_data["supplier"]
            return next(supplier for supplier in self.suppliers if supplier.pk == chosen)
        return self.suppliers[0] if self.suppliers else None


class AnswerForm(GovukForm):
    published_question = text_field(
        "The question as everyone will see it",
        "Enter the question as everyone will see it",
        max_length=2000,
        noun="The published question",
        help_text=(
            "Reword it so that it does not name or describe the supplier that asked or its people, "
            "and leave out any email address or phone number"
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    published_question.label_size = "m"
    answer = text_field(
        "Your answer",
        "Enter your answer",
        max_length=5000,
        noun="Your answer",
        help_text="It is published on the need’s page as soon as you send it",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    answer.label_size = "m"


class TurnDownForm(GovukForm):
    reason = text_field(
        "Why will the question not be published?",
        "Enter why the question will not be published",
        max_length=2000,
        noun="The reason",
        help_text="We email this to the supplier that asked",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason.label_size = "m"
