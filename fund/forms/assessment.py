"""Forms for assessing bids: staff assigning assessors and recording an outcome, assessors
declaring conflicts and scoring, and the filters of the staff lists."""

from django import forms

from core.forms import GovukForm
from fund.assessment import EOI_OUTCOMES, MODERATION_ORDER, RECOMMENDATIONS, SCORE_SCALE
from fund.models import Criterion
from fund.workflow import SUBMITTED_STATES, AssessmentStage, BidStatus

NOT_APPLICABLE = "na"
COMMENT_LENGTH = 5000


class AssessorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


class AssignForm(GovukForm):
    assessors = AssessorChoiceField(
        label="Choose assessors",
        help_text="We email each of them a link to their assessments. Every bid needs at least two",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one assessor",
            "invalid_choice": "Select assessors from the list",
            "invalid_pk_value": "Select assessors from the list",
        },
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = assessors
        self.fields["assessors"].legend_size = "m"


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What is the outcome?",
        choices=list(EOI_OUTCOMES.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to invite the bid to apply or decline it",
            "invalid_choice": "Choose whether to invite the bid to apply or decline it",
        },
    )
    feedback = forms.CharField(
        label="Feedback for the applicants",
        help_text="We email this to the applicants with the outcome. Required if you decline the bid",
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "Feedback must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].legend_size = "m"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == "decline_eoi" and not cleaned.get("feedback", "").strip():
            self.add_error("feedback", "Enter feedback for the applicants on why the bid was declined")
        return cleaned


class ConflictForm(GovukForm):
    conflict = forms.ChoiceField(
        label="Do you have a conflict of interest with this bid?",
        help_text=(
            "For example, you have worked for or with one of these organisations in the last two years, "
            "or you helped to write the bid"
        ),
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether you have a conflict of interest",
            "invalid_choice": "Choose whether you have a conflict of interest",
        },
    )
    note = forms.CharField(
        label="If you have a conflict, describe it",
        help_text="Only programme staff see this. You will not see the bid",
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your description must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conflict"].legend_size = "m"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("conflict") == "yes" and not cleaned.get("note", "").strip():
            self.add_error("note", "Describe your conflict of interest")
        return cleaned


def _criterion_fields(criteria: list[Criterion]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for criterion in criteria:
        score = forms.ChoiceField(
            label=f"Score for “{criterion.title}”",
            choices=[(str(value), label) for value, label in SCORE_SCALE] + [(NOT_APPLICABLE, "Not applicable")],
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": f"Choose a score for {criterion.title} from the list"},
        )
        score.legend_size = "s"
        fields[f"score_{criterion.pk}"] = score
        fields[f"comment_{criterion.pk}"] = forms.CharField(
            label=f"Comment on {criterion.title}",
            required=False,
            max_length=COMMENT_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"max_length": f"Your comment on {criterion.title} must be 5,000 characters or fewer"},
        )
    return fields


class ScoreForm(GovukForm):
    """A score (0 to 4, or not applicable) and a comment for each criterion, then a
    recommendation and a comment on it. A draft may leave answers out; `complete=True`
    (continuing to check and submit) needs every one."""

    recommendation = forms.ChoiceField(
        label="What do you recommend?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a recommendation from the list"},
    )
    comment = forms.CharField(
        label="Comment on your recommendation",
        help_text="Staff read this when they moderate. The applicants do not see it",
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Your comment must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, criteria: list[Criterion], stage: str, complete: bool = False, **kwargs):
        # The criteria's fields join the declared ones before the form is built, so they are
        # styled and described like them, and come first.
        self.base_fields = {**_criterion_fields(criteria), **type(self).base_fields}
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.complete = complete
        self.fields["recommendation"].choices = [(choice.value, choice.label) for choice in RECOMMENDATIONS[stage]]
        self.fields["recommendation"].legend_size = "m"

    def questions(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        """(criterion, score field, comment field) in the criteria's order, for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score, comment = f"score_{criterion.pk}", f"comment_{criterion.pk}"
            if score in self.errors or comment in self.errors:
                continue
            if not cleaned.get(score) and (self.complete or cleaned.get(comment, "").strip()):
                self.add_error(score, f"Choose a score for {criterion.title}, or not applicable")
            elif self.complete and not cleaned.get(comment, "").strip():
                self.add_error(comment, f"Enter a comment on {criterion.title}")
        if self.complete:
            chosen = [cleaned.get(f"score_{criterion.pk}") for criterion in self.criteria]
            if chosen and all(value == NOT_APPLICABLE for value in chosen):
                self.add_error(None, "Score at least one criterion: they cannot all be not applicable")
            if not cleaned.get("recommendation") and "recommendation" not in self.errors:
                self.add_error("recommendation", "Choose your recommendation")
            if not cleaned.get("comment", "").strip() and "comment" not in self.errors:
                self.add_error("comment", "Enter a comment on your recommendation")
        return cleaned

    def scores(self) -> dict[int, tuple[int | None, str]]:
        """The answered criteria, as `fund.assessment.save_scores` takes them."""
        answered = {}
        for criterion in self.criteria:
            value = self.cleaned_data[f"score_{criterion.pk}"]
            if value:
                score = None if value == NOT_APPLICABLE else int(value)
                answered[criterion.pk] = (score, self.cleaned_data[f"comment_{criterion.pk}"])
        return answered

    @staticmethod
    def initial_from(sheet) -> dict:
        """The form's starting answers from a saved draft (a fund.assessment.ScoreSheet)."""
        initial = {"recommendation": sheet.assessment.recommendation, "comment": sheet.assessment.comment}
        for row in sheet.criteria:
            if row.score is not None:
                value = NOT_APPLICABLE if row.score.not_applicable else str(row.score.score)
                initial[f"score_{row.criterion.pk}"] = value
                initial[f"comment_{row.criterion.pk}"] = row.score.comment
        return initial


class BidFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All submitted bids")]
        + [(status.value, status.label) for status in BidStatus if status in SUBMITTED_STATES],
    )
    needs_assessors = forms.BooleanField(label="Only bids with fewer than two assessors", required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {"status": "", "needs_assessors": False}
        return {"status": self.cleaned_data["status"], "needs_assessors": self.cleaned_data["needs_assessors"]}


class ModerationFilterForm(GovukForm):
    stage = forms.ChoiceField(label="Stage", required=False, choices=AssessmentStage.choices)
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(name, label) for name, (label, _) in MODERATION_ORDER.items()],
    )

    def chosen(self) -> tuple[str, str]:
        """(stage, order), falling back to expressions of interest by highest mean."""
        if not self.is_valid():
            return AssessmentStage.EOI.value, "mean"
        return self.cleaned_data["stage"] or AssessmentStage.EOI.value, self.cleaned_data["sort"] or "mean"
