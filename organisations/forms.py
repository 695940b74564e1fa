from typing import Any

from django import forms

from core.forms import GovukForm
from organisations.models import Nation, OrganisationType


class OrganisationFilterForm(GovukForm):
    """The search and filters on the list of organisations. Sent with GET, so a filtered list
    has an address people can share."""

    q = forms.CharField(label="Search by name", required=False, max_length=100)
    type = forms.MultipleChoiceField(
        label="Type of organisation",
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select types of organisation from the list"},
    )
    nation = forms.MultipleChoiceField(
        choices=Nation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select nations from the list"},
    )
    region = forms.ChoiceField(
        required=False,
        help_text="English region, or the nation outside England",
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    include_ended = forms.BooleanField(label="Include organisations that no longer exist", required=False)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label_size = "s"
        self.fields["region"].label_size = "s"
        self.fields["q"].error_messages["max_length"] = "Search for a name of 100 characters or fewer"
        self.fields["region"].choices = [("", "All regions"), *((region, region) for region in regions)]

    def filters(self) -> dict[str, Any]:
        """The filters to apply: those with a valid value. A field in error is left out, so the
        page still lists organisations while it shows the error."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        names = {"q": "q", "type": "types", "nation": "nations", "region": "region", "include_ended": "include_ended"}
        return {names[name]: value for name, value in data.items() if name in names}
