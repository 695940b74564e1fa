"""Forms for deciding on full applications and approving decisions."""

from django import forms

from core.forms import GovukForm
from fund.forms.rounds import PoundsField


class ProposeDecisionForm(GovukForm):
    fund = forms.TypedChoiceField(
        label="Do you want to fund this bid?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want to fund this bid"},
    )
    award_amount = PoundsField(
        label="Amount to award, in pounds",
        noun="the amount to award",
        example="12000",
        help_text="If you fund the bid",
        required=False,
        error_messages={
            "invalid": "Enter the amount in whole pounds, like 12000",
            "min_value": "The award must be at least £1",
        },
    )
    conditions = forms.CharField(
        label="Conditions of the award (optional)",
        help_text="If you fund the bid. For example, share your discovery findings at the show and tell",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The conditions must be 5,000 characters or fewer"},
    )
    feedback = forms.CharField(
        label="Feedback for the applicants",
        help_text=(
            "We send this to the applicants once the decision is approved. "
            "You must give feedback on a bid you do not fund"
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "The feedback must be 5,000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("fund") is True and data.get("award_amount") is None and "award_amount" not in self.errors:
            self.add_error("award_amount", "Enter the amount to award, in pounds")
        if data.get("fund") is False and not data.get("feedback", "").strip():
            self.add_error("feedback", "Enter feedback for the applicants on why the bid is not funded")
        return data


class SendBackForm(GovukForm):
    reason = forms.CharField(
        label="Why are you sending the decision back?",
        help_text="We will email this to the member of staff who proposed it",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter why you are sending the decision back",
            "max_length": "The reason must be 5,000 characters or fewer",
        },
    )
