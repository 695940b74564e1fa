"""Dates and times as people in the UK type and read them.

`DateField` is the GOV.UK date input (day, month and year boxes; render it with
`{% include "core/forms/date_field.html" with field=form.<name> %}`). `TimeOfDayField` takes a
time as people write it ("9am", "5:30pm", "17:30", "midday") and `clock` writes one back the GOV.UK
way. `in_london` puts the two together as a moment in Europe/London, where one hour a year is
skipped and another happens twice.
"""

import enum
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django import forms

LONDON = ZoneInfo("Europe/London")
TIME_HINT = "For example, 9am, 5:30pm or midday"
CLOCK = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?", re.ASCII)
WORD_TIMES = {"midday": time(12), "noon": time(12), "midnight": time(0)}


class DateInput(forms.Widget):
    """The GOV.UK date input: day, month and year boxes. The day box takes the field's id,
    so the error summary's link lands on it."""

    template_name = "core/forms/date_input.html"
    parts = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        return tuple(data.get(f"{name}_{part}", "") for part in self.parts)

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in self.parts)

    def format_value(self, value):
        if isinstance(value, date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if isinstance(value, (tuple, list)):
            return dict(zip(self.parts, value, strict=False))
        return {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        values = widget["value"] or {}
        # GovukFormMixin marks a field in error by its widget's class; each box shows it.
        widget["error"] = "--error" in widget["attrs"].get("class", "")
        widget["boxes"] = [
            (part, part.capitalize(), 4 if part == "year" else 2, values.get(part, "")) for part in self.parts
        ]
        return context


class DateField(forms.Field):
    """A date typed into the GOV.UK date input. `noun` starts its messages: "The start date"
    gives "The start date must be a real date"."""

    widget = DateInput

    def __init__(self, *, noun: str, **kwargs):
        self.noun = noun
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date):
            return value
        parts = [str(part).strip() for part in (value or ("", "", ""))]
        if not any(parts):
            return None
        missing = [name for name, part in zip(DateInput.parts, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        if not all(part.isdigit() and part.isascii() for part in parts):
            raise forms.ValidationError(f"{self.noun} must be a real date")
        if len(parts[2]) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except (ValueError, OverflowError):  # OverflowError: a day or month of many digits
            raise forms.ValidationError(f"{self.noun} must be a real date") from None


class TimeOfDayField(forms.Field):
    """A time of day as people type it: 9am, 5:30pm, 17:30, midday, midnight. `noun` is what
    its messages ask for: "the start time" gives "Enter the start time like 9am, 5:30pm or 17:30"."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, noun: str, **kwargs):
        self.noun = noun
        kwargs.setdefault("help_text", TIME_HINT)
        kwargs["error_messages"] = {"required": f"Enter {noun}", **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, time):
            return value
        text = " ".join(str(value or "").lower().split())
        if not text:
            return None
        if text in WORD_TIMES:
            return WORD_TIMES[text]
        typed = _read_clock(text)
        if typed is None:
            raise forms.ValidationError(f"Enter {self.noun} like 9am, 5:30pm or 17:30", code="invalid")
        return typed

    def prepare_value(self, value):
        return clock(value) if isinstance(value, time) else value


def _read_clock(text: str) -> time | None:
    """The time in text like "9am", "9:30 pm", "21:30" or "21.30"; None for anything else,
    including a bare "9", which could be morning or evening."""
    match = CLOCK.fullmatch(text)
    if match is None:
        return None
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def clock(moment: time | datetime) -> str:
    """A time the GOV.UK way, as TimeOfDayField reads it back: 9am, 5:30pm, midday, midnight.
    A datetime is read on London's clocks."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(LONDON).time()
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


class RepeatedHour(enum.Enum):
    """What a time in the hour from 1am means on the day in October the clocks go back, when
    that hour happens twice."""

    FIRST = "first"  # the first time round, still in British Summer Time
    REFUSE = "refuse"  # neither: ask for a time outside that hour


def in_london(day: date, at: time, *, noun: str, repeated_hour: RepeatedHour) -> datetime:
    """The moment `at` o'clock on `day` in London, in UTC: Python never counts a London time in
    the repeated hour equal to the same moment in another zone, such as one read from the
    database. In the UK the hour from 1am is skipped when the clocks go forward in March, so a
    time in it is refused; what a time in the hour from 1am means when they go back in October
    is `repeated_hour`'s to say. `noun` names the time in the message, like "the start time"."""
    naive = datetime.combine(day, at)
    first, second = naive.replace(tzinfo=LONDON, fold=0), naive.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC)
    on_the_day = f"{day.day} {day:%B %Y}"
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise forms.ValidationError(
            f"The clocks go forward at 1am on {on_the_day}, so that time does not exist. "
            f"Enter {noun} before 1am or from 2am",
            code="skipped_hour",
        )
    if repeated_hour is RepeatedHour.REFUSE:
        raise forms.ValidationError(
            f"The clocks go back at 2am on {on_the_day}, so that time happens twice. "
            f"Enter {noun} before 1am or from 2am",
            code="repeated_hour",
        )
    return first.astimezone(UTC)


def moment_in_words(moment: datetime) -> str:
    """`moment` on London's clocks as GOV.UK writes it: "9am on 24 September 2018", "midnight
    at the start of 5 October 2018". In the hour the clocks go back through, which happens
    twice, the zone is named."""
    local = moment.astimezone(LONDON)
    said = clock(local)
    if said == "midnight":
        said = "midnight at the start of"
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        said += f" {local.tzname()}"
    joiner = " " if said.startswith("midnight") else " on "
    return f"{said}{joiner}{local.day} {local:%B %Y}"
