"""The choice of two revisions to compare, sent with GET from a guide's history so that a
comparison has an address people can share: /guides/<slug>/compare?from=3&to=5."""

from django import forms

from core.forms import GovukForm
from guides import queries
from guides.models import Guide, Revision

# The largest number a revision can have (the database's integer).
LARGEST_NUMBER = 2_147_483_647


def _revision_number_field(label: str, direction: str) -> forms.IntegerField:
    not_in_history = "Enter the number of a revision in this guide’s history"
    field = forms.IntegerField(
        label=label,
        min_value=1,
        max_value=LARGEST_NUMBER,
        error_messages={
            "required": f"Enter the number of the revision to compare {direction}",
            "invalid": f"The revision to compare {direction} must be a whole number, like 3",
            "min_value": not_in_history,
            "max_value": not_in_history,
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    field.label_size = "s"
    return field


class CompareForm(GovukForm):
    from_revision = _revision_number_field("From revision", "from")
    to_revision = _revision_number_field("To revision", "to")

    # The address says from= and to=, and `from` is a Python keyword, so the fields are
    # named for Python and sent under these names.
    PARAMETERS = {"from_revision": "from", "to_revision": "to"}

    def __init__(self, *args, guide: Guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide = guide
        for field in self.fields.values():
            field.widget.attrs["class"] += " govuk-input--width-4"

    def add_prefix(self, field_name: str) -> str:
        return self.PARAMETERS.get(field_name, field_name)

    def clean(self):
        data = super().clean()
        numbers = {name: data[name] for name in self.PARAMETERS if data.get(name) is not None}
        found = queries.revisions_numbered(self.guide, numbers.values())
        for name, number in numbers.items():
            if number in found:
                data[name] = found[number]
            else:
                # A hidden revision is not in the public history: it gets the same answer as
                # one that never existed.
                self.add_error(name, f"There is no revision {number} in this guide’s history")
        if len(numbers) == 2 and numbers["from_revision"] == numbers["to_revision"] and not self.errors:
            self.add_error("to_revision", "Choose a different revision to compare with")
        return data

    def revisions(self) -> tuple[Revision, Revision] | None:
        """The two revisions to compare, or None while there is nothing to compare."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["from_revision"], self.cleaned_data["to_revision"]
