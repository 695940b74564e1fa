"""GOV.UK Design System form rendering.

Forms inherit `GovukForm` (or `GovukModelForm`): widgets get the Design System classes, fields
render through `core/forms/field.html` with hint, error message and aria-describedby, and
`{% include "core/includes/error_summary.html" %}` lists every error linked to its field.
"""

from django import forms
from django.core.validators import URLValidator
from django.forms.renderers import TemplatesSetting

from core.models import OutboundEmail

WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "date": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
}


def design_system_class(widget: forms.Widget) -> str:
    """The Design System class for a widget, found by its class's name or, for a subclass of
    a known widget, by its nearest known parent's, so the subclass looks and shows errors the same."""
    for widget_class in type(widget).__mro__:
        css = WIDGET_CLASSES.get(widget_class.__name__.replace("Input", "").lower())
        if css:
            return css
    return ""


def text_field(label: str, missing: str, *, max_length: int, noun: str, **kwargs) -> forms.CharField:
    """A text field with GOV.UK messages; `missing` is the one for an empty answer, "" if it
    may be left empty. `noun` names it in the length message: "The title must be…"."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(missing),
        error_messages={"required": missing, "max_length": f"{noun} must be {max_length:,} characters or fewer"},
        **kwargs,
    )


def web_link_field(label: str, *, noun: str, example: str, **kwargs) -> forms.URLField:
    """An optional http(s) address; anything else, javascript: included, is refused."""
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "invalid": f"Enter {noun} in the correct format, starting with https://, like {example}",
            "max_length": f"{noun[0].upper()}{noun[1:]} must be 500 characters or fewer",
        },
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        **kwargs,
    )


def posted(request):
    """The data to bind a form to: the POST on a POST, else None. Not `request.POST or None`,
    because a form whose boxes are all unticked posts nothing and must still say what is missing."""
    return request.POST if request.method == "POST" else None


class GovukFormRenderer(TemplatesSetting):
    field_template_name = "core/forms/field.html"


class GovukFormMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = design_system_class(widget)
            widget.attrs["class"] = " ".join(filter(None, [css, widget.attrs.get("class", "")]))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def add_error(self, field, error):
        # Every error comes through here: those validation finds, and those a view adds
        # after it (a wrong code, a refused decision). Each field with one gets the error
        # style and points at its message, once however many errors it has.
        super().add_error(field, error)
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            base = classes[0] if classes else ""
            if base in ("govuk-input", "govuk-textarea", "govuk-select") and f"{base}--error" not in classes:
                widget.attrs["class"] += f" {base}--error"
            described = widget.attrs.get("aria-describedby", "").split()
            if f"{self[name].auto_id}-error" not in described:
                widget.attrs["aria-describedby"] = " ".join([*described, f"{self[name].auto_id}-error"])

    # Where a refusal names a field the form calls something else, e.g. a service's "starts_at"
    # that the form asks for as "start_date".
    refusal_fields: dict[str, str] = {}

    def add_refusal(self, refusal) -> None:
        """Show a service's TransitionRefused: on the field it names, else above the form."""
        name = self.refusal_fields.get(refusal.field, refusal.field)
        self.add_error(name if name in self.fields else None, refusal.message)

    def error_summary(self) -> list[tuple[str, str]]:
        """(href, message) for every error, in the order the fields appear."""
        items = [("#main-content", str(error)) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            for error in self.errors.get(name, []):
                target = self[name].auto_id
                if isinstance(field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                    target += "_0"
                items.append((f"#{target}", str(error)))
        return items


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class OutboxFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All messages"), *OutboundEmail.Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )


class DecisionForm(GovukForm):
    """No fields: a button whose refusal (the record moved on, say) comes back to the page as
    an error in the summary."""
