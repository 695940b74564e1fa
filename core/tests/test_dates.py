import datetime

import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from core.dates import LONDON, DateField, DateInput, RepeatedHour, TimeOfDayField, clock, in_london, moment_in_words
from core.forms import GovukForm

UTC = datetime.UTC


class EventDates(GovukForm):
    day = DateField(noun="The start date", label="Start date", error_messages={"required": "Enter the start date"})
    at = TimeOfDayField(noun="the start time", label="Start time")


def boxes(day="", month="", year="") -> dict:
    return {"day_day": day, "day_month": month, "day_year": year}


def errors_for(data: dict) -> dict:
    form = EventDates(data)
    assert not form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


# The GOV.UK date input ----------------------------------------------------------------------


def test_it_reads_a_date_from_the_day_month_and_year_boxes():
    form = EventDates(boxes(" 7 ", "03", "2027") | {"at": "6pm"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2027, 3, 7)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("", "", ""), "Enter the start date"),
        (("7", "", "2027"), "The start date must include a month"),
        (("", "3", ""), "The start date must include a day and a year"),
        (("31", "2", "2027"), "The start date must be a real date"),
        (("first", "3", "2027"), "The start date must be a real date"),
        (("٧", "3", "2027"), "The start date must be a real date"),
        (("99999999999999999999", "3", "2027"), "The start date must be a real date"),
        (("7", "99999999999999999999", "2027"), "The start date must be a real date"),
        (("7", "3", "27"), "Year must include 4 numbers"),
    ],
)
def test_it_says_what_is_wrong_with_a_date(typed, message):
    assert errors_for(boxes(*typed) | {"at": "6pm"})["day"] == [message]


def test_it_shows_the_date_as_typed_when_it_is_not_a_real_date():
    page = str(EventDates(boxes("31", "2", "2027") | {"at": "6pm"})["day"])
    assert 'name="day_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="day_year" type="text" inputmode="numeric" value="2027"' in page
    assert "govuk-input--error" in page


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_it_reads_back_every_date_it_shows(day):
    shown = DateInput().format_value(day)
    posted = EventDates(boxes(str(shown["day"]), str(shown["month"]), str(shown["year"])) | {"at": "9am"})
    assert posted.is_valid(), posted.errors
    assert posted.cleaned_data["day"] == day


# The time of day ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9am", datetime.time(9)),
        ("9 AM", datetime.time(9)),
        ("5:30pm", datetime.time(17, 30)),
        ("5.30 pm", datetime.time(17, 30)),
        ("17:30", datetime.time(17, 30)),
        ("18.30", datetime.time(18, 30)),
        ("09:05", datetime.time(9, 5)),
        ("0:30", datetime.time(0, 30)),
        ("12am", datetime.time(0)),
        ("12:15am", datetime.time(0, 15)),
        ("12pm", datetime.time(12)),
        ("12:45pm", datetime.time(12, 45)),
        ("midday", datetime.time(12)),
        ("Noon", datetime.time(12)),
        (" Midnight ", datetime.time(0)),
    ],
)
def test_it_reads_a_time_as_people_write_it(typed, expected):
    form = EventDates(boxes("7", "3", "2027") | {"at": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == expected


@pytest.mark.parametrize(
    "typed", ["9", "13pm", "0am", "25:00", "24:00", "18:60", "1800", "18:0", "six", "6xm", "１８:３０"]
)
def test_it_refuses_a_time_it_cannot_read(typed):
    assert errors_for(boxes("7", "3", "2027") | {"at": typed})["at"] == [
        "Enter the start time like 9am, 5:30pm or 17:30"
    ]


def test_it_asks_for_a_missing_time_by_its_noun_unless_told_otherwise():
    assert errors_for(boxes("7", "3", "2027"))["at"] == ["Enter the start time"]
    field = TimeOfDayField(noun="the start time", error_messages={"required": "Enter the time the event starts"})
    with pytest.raises(forms.ValidationError, match="Enter the time the event starts"):
        field.clean("")


def test_it_hints_at_how_to_write_a_time():
    page = EventDates()["at"].as_field_group()
    assert '<div id="id_at-hint" class="govuk-hint">For example, 9am, 5:30pm or midday</div>' in page
    assert 'aria-describedby="id_at-hint"' in page


def test_it_shows_a_saved_time_the_gov_uk_way():
    form = EventDates(initial={"at": datetime.time(17, 30)})
    assert 'value="5:30pm"' in str(form["at"])


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (datetime.time(9), "9am"),
        (datetime.time(17, 30), "5:30pm"),
        (datetime.time(0, 5), "12:05am"),
        (datetime.time(12, 30), "12:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
        # A moment is read on London's clocks: 5pm UTC is 6pm in British Summer Time.
        (datetime.datetime(2026, 7, 1, 17, tzinfo=UTC), "6pm"),
        (datetime.datetime(2026, 12, 1, 17, tzinfo=UTC), "5pm"),
    ],
)
def test_it_writes_a_time_the_gov_uk_way(moment, written):
    assert clock(moment) == written


@given(st.times().map(lambda moment: moment.replace(second=0, microsecond=0)))
def test_it_reads_back_every_time_it_writes(moment):
    assert TimeOfDayField(noun="the time").clean(clock(moment)) == moment


# A day and a time in London -----------------------------------------------------------------


@pytest.mark.parametrize("repeated_hour", list(RepeatedHour))
def test_it_puts_a_day_and_a_time_on_london_clocks(repeated_hour):
    winter = in_london(datetime.date(2026, 1, 15), datetime.time(18), noun="the time", repeated_hour=repeated_hour)
    summer = in_london(datetime.date(2026, 7, 15), datetime.time(18), noun="the time", repeated_hour=repeated_hour)
    assert winter == datetime.datetime(2026, 1, 15, 18, tzinfo=UTC)
    assert summer == datetime.datetime(2026, 7, 15, 17, tzinfo=UTC)


@pytest.mark.parametrize("repeated_hour", list(RepeatedHour))
@pytest.mark.parametrize("at", [datetime.time(1), datetime.time(1, 30), datetime.time(1, 59)])
def test_it_refuses_a_time_the_clocks_skip_in_march(at, repeated_hour):
    # The clocks go forward from 1am to 2am on 29 March 2026.
    with pytest.raises(forms.ValidationError) as refusal:
        in_london(datetime.date(2026, 3, 29), at, noun="the start time", repeated_hour=repeated_hour)
    assert refusal.value.messages == [
        "The clocks go forward at 1am on 29 March 2026, so that time does not exist. "
        "Enter the start time before 1am or from 2am"
    ]


@pytest.mark.parametrize(("at", "utc"), [(datetime.time(0, 59), (0, 59)), (datetime.time(2), (1, 0))])
def test_it_takes_the_times_either_side_of_the_skipped_hour(at, utc):
    moment = in_london(datetime.date(2026, 3, 29), at, noun="the time", repeated_hour=RepeatedHour.REFUSE)
    assert moment.astimezone(UTC).time() == datetime.time(*utc)


def test_it_can_take_the_first_of_octobers_repeated_hour():
    # The clocks go back from 2am to 1am on 25 October 2026: 1:30am comes first in British Summer Time.
    moment = in_london(
        datetime.date(2026, 10, 25), datetime.time(1, 30), noun="the start time", repeated_hour=RepeatedHour.FIRST
    )
    assert moment == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert moment.astimezone(LONDON).tzname() == "BST"


def test_it_can_refuse_octobers_repeated_hour():
    with pytest.raises(forms.ValidationError) as refusal:
        in_london(
            datetime.date(2026, 10, 25),
            datetime.time(1, 30),
            noun="the time expressions of interest close",
            repeated_hour=RepeatedHour.REFUSE,
        )
    assert refusal.value.messages == [
        "The clocks go back at 2am on 25 October 2026, so that time happens twice. "
        "Enter the time expressions of interest close before 1am or from 2am"
    ]


@pytest.mark.parametrize(("at", "utc"), [(datetime.time(0, 59), (23, 59)), (datetime.time(2), (2, 0))])
def test_it_refuses_only_the_repeated_hour_itself(at, utc):
    moment = in_london(datetime.date(2026, 10, 25), at, noun="the time", repeated_hour=RepeatedHour.REFUSE)
    assert moment.astimezone(UTC).time() == datetime.time(*utc)


@pytest.mark.parametrize(
    ("local", "words"),
    [
        (datetime.datetime(2018, 9, 24, 9, 0), "9am on 24 September 2018"),
        (datetime.datetime(2018, 10, 5, 17, 30), "5:30pm on 5 October 2018"),
        (datetime.datetime(2018, 10, 5, 12, 0), "midday on 5 October 2018"),
        (datetime.datetime(2018, 10, 5, 0, 0), "midnight at the start of 5 October 2018"),
    ],
)
def test_a_moment_reads_as_govuk_writes_it(local, words):
    assert moment_in_words(local.replace(tzinfo=LONDON)) == words


def test_a_moment_in_the_hour_that_happens_twice_names_its_zone():
    first = datetime.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON)
    second = first.replace(fold=1)
    assert moment_in_words(first) == "1:30am BST on 25 October 2026"
    assert moment_in_words(second.astimezone(datetime.UTC)) == "1:30am GMT on 25 October 2026"


def test_templates_write_a_moment_in_words_and_nothing_for_none():
    template = Template("{% load dates %}[{{ when|in_words }}][{{ never|in_words }}]")
    when = datetime.datetime(2018, 10, 5, 9, 0, tzinfo=LONDON)
    assert template.render(Context({"when": when, "never": None})) == "[9am on 5 October 2018][]"
