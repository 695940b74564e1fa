from django import forms

from core.dates import DateField, DateInput
from core.forms import GovukForm, design_system_class


class SearchBox(forms.TextInput):
    pass


class DateOrWholeDateInput(DateInput):
    pass


class Filters(GovukForm):
    words = forms.CharField(label="Search", widget=SearchBox)
    starts = DateField(noun="The from date", label="From", widget=DateOrWholeDateInput)


def test_it_styles_a_subclass_of_a_known_widget_as_its_parent():
    form = Filters()
    assert form.fields["words"].widget.attrs["class"] == "govuk-input"
    assert form.fields["starts"].widget.attrs["class"] == "govuk-input"


def test_it_marks_a_subclassed_widget_in_error_so_its_boxes_turn_red():
    form = Filters({"words": "", "starts_day": "31", "starts_month": "2", "starts_year": "2026"})
    form.is_valid()

    assert form.fields["words"].widget.attrs["class"] == "govuk-input govuk-input--error"
    assert form.fields["starts"].widget.attrs["class"] == "govuk-input govuk-input--error"
    page = str(form["starts"])
    assert page.count("govuk-input--error") == 3
    assert 'aria-describedby="id_starts-error"' not in page  # the fieldset points at the error, not each box


def test_it_takes_the_nearest_known_class_in_the_hierarchy():
    # Django's CheckboxSelectMultiple is a RadioSelect underneath, yet is styled as checkboxes.
    assert issubclass(forms.CheckboxSelectMultiple, forms.RadioSelect)
    assert design_system_class(forms.CheckboxSelectMultiple()) == "govuk-checkboxes__input"
    assert design_system_class(forms.HiddenInput()) == ""
