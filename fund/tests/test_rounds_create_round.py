import datetime

import pytest

from core.models import AuditEvent
from fund.models import Round
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db
URL = "/manage/fund/new"


def answers(**changes) -> dict:
    """The 2018 round: expressions of interest from 9am on 24 September to midday on 5 October."""
    values = {
        "name": "Local Digital Fund round 1",
        "summary": "£7.5 million for councils to work together on common problems.",
        "guidance": "## What we fund\n\nCollaborative discovery and alpha projects.",
        "budget": "£7,500,000",
    }
    dates = {
        "eoi_opens_at": ("24", "9", "2018", "9am"),
        "eoi_closes_at": ("5", "10", "2018", "12pm"),
        "evaluation_ends_at": ("12", "10", "2018", "5pm"),
        "applications_open_at": ("16", "10", "2018", "9:00am"),
        "applications_close_at": ("15", "11", "2018", "midday"),
        "decisions_by": ("3", "12", "2018", "17:00"),
        "kick_off_at": ("13", "12", "2018", "10am"),
    }
    for name, (day, month, year, time) in dates.items():
        values |= {f"{name}_date_day": day, f"{name}_date_month": month, f"{name}_date_year": year}
        values[f"{name}_time"] = time
    return values | changes


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_is_for_staff_only(client, member):
    assert client.get(URL).url == f"/staff/sign-in?next={URL}"
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert client.post(URL, answers()).status_code == 403
    assert not Round.objects.exists()


def test_it_shows_a_date_input_and_a_time_for_each_stage(staff):
    page = staff.get(URL).content.decode()
    for name in ("eoi_opens_at", "kick_off_at"):
        for part in ("day", "month", "year"):
            assert f'name="{name}_date_{part}"' in page
        assert f'name="{name}_time"' in page
    assert "Expressions of interest close" in page


def test_it_creates_a_draft_round_in_uk_time(staff, moderator):
    response = staff.post(URL, answers())

    round_ = Round.objects.get()
    assert response.url == "/manage/fund/local-digital-fund-round-1"
    assert round_.status == RoundStatus.DRAFT
    assert round_.budget == 7_500_000
    # British Summer Time in September and October, Greenwich Mean Time in December.
    assert round_.eoi_opens_at == datetime.datetime(2018, 9, 24, 8, tzinfo=datetime.UTC)
    assert round_.eoi_closes_at == datetime.datetime(2018, 10, 5, 11, tzinfo=datetime.UTC)
    assert round_.applications_close_at == datetime.datetime(2018, 11, 15, 12, tzinfo=datetime.UTC)
    assert round_.decisions_by == datetime.datetime(2018, 12, 3, 17, tzinfo=datetime.UTC)
    assert AuditEvent.objects.get(action="fund.round_created").actor == moderator


def test_it_takes_the_budget_without_a_pound_sign_or_commas(staff):
    staff.post(URL, answers(budget="7500000"))
    assert Round.objects.get().budget == 7_500_000


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the round’s name"),
        ({"budget": "seven million"}, "budget", "Enter the total budget in pounds, like £7,500,000"),
        ({"budget": "£0"}, "budget", "Enter the total budget of £1 or more"),
        (
            {"eoi_closes_at_date_day": ""},
            "eoi_closes_at_date",
            "The date expressions of interest close must include a day",
        ),
        (
            {"eoi_closes_at_date_month": "13"},
            "eoi_closes_at_date",
            "The date expressions of interest close must be a real date",
        ),
        ({"eoi_closes_at_time": ""}, "eoi_closes_at_time", "Enter the time expressions of interest close"),
        (
            {"eoi_closes_at_time": "13pm"},
            "eoi_closes_at_time",
            "Enter the time expressions of interest close like 9am, 5:30pm or 17:30",
        ),
        (
            {"eoi_closes_at_time": "9"},
            "eoi_closes_at_time",
            "Enter the time expressions of interest close like 9am, 5:30pm or 17:30",
        ),
        (
            {"eoi_closes_at_date_day": "24", "eoi_closes_at_date_month": "9", "eoi_closes_at_time": "9am"},
            "eoi_closes_at_date",
            "Expressions of interest must close after they open",
        ),
        ({"kick_off_at_date_month": "11"}, "kick_off_at_date", "Kick-off must be after the decision date"),
    ],
)
def test_it_says_what_to_fix_next_to_the_field(staff, changes, field, message):
    response = staff.post(URL, answers(**changes))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert f'<a href="#id_{field}">{message}</a>' in page
    assert f'id="id_{field}-error"' in page
    assert not Round.objects.exists()


def test_it_refuses_an_hour_the_clocks_skip_or_repeat(staff):
    skipped = {"eoi_opens_at_date_day": "29", "eoi_opens_at_date_month": "3", "eoi_opens_at_date_year": "2026"}
    skipped |= {"eoi_opens_at_time": "1:30am", "eoi_closes_at_date_year": "2026", "eoi_closes_at_date_month": "4"}
    page = staff.post(URL, answers(**skipped)).content.decode()
    assert (
        '<a href="#id_eoi_opens_at_time">The clocks go forward at 1am on 29 March 2026, so that time does not exist. '
        "Enter the time expressions of interest open before 1am or from 2am</a>"
    ) in page

    repeated = {"eoi_closes_at_date_day": "25", "eoi_closes_at_date_month": "10", "eoi_closes_at_date_year": "2026"}
    repeated |= {"eoi_opens_at_date_year": "2026", "eoi_closes_at_time": "1:30am"}
    page = staff.post(URL, answers(**repeated)).content.decode()
    assert (
        '<a href="#id_eoi_closes_at_time">The clocks go back at 2am on 25 October 2026, so that time happens twice. '
        "Enter the time expressions of interest close before 1am or from 2am</a>"
    ) in page
    assert not Round.objects.exists()


def test_it_refuses_a_name_already_taken(staff):
    staff.post(URL, answers())
    page = staff.post(URL, answers()).content.decode()
    assert "There is already a round called Local Digital Fund round 1" in page
    assert Round.objects.count() == 1


def test_the_error_summary_lists_problems_in_the_order_of_the_page(staff):
    page = staff.post(URL, answers(name="", kick_off_at_time="")).content.decode()
    assert page.index('href="#id_name"') < page.index('href="#id_kick_off_at_time"')
