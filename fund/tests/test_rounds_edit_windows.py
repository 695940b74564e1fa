import datetime

import pytest

from core.models import AuditEvent
from fund.forms.rounds import RoundWindowsForm
from fund.rounds import WINDOW_FIELDS
from fund.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def a_round(**changes):
    """A round whose windows fall on whole minutes, as the form enters them."""
    start = datetime.datetime(2026, 6, 1, 8, tzinfo=datetime.UTC)
    days = dict(zip(WINDOW_FIELDS, [0, 10, 17, 20, 50, 70, 80], strict=True))
    return RoundFactory(**{name: start + datetime.timedelta(days=day) for name, day in days.items()} | changes)


def url(round_) -> str:
    return f"/manage/fund/{round_.slug}/dates"


def as_posted(round_) -> dict:
    data = {}
    for name, value in RoundWindowsForm.initial_for(round_).items():
        if name.endswith("_date"):
            data |= {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}
        else:
            data[name] = value
    return data


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_shows_each_date_and_time_in_uk_time(staff):
    round_ = a_round(eoi_closes_at=datetime.datetime(2026, 6, 11, 11, 30, tzinfo=datetime.UTC))
    page = staff.get(url(round_)).content.decode()
    assert 'name="eoi_closes_at_time" value="12:30pm"' in page


def test_it_moves_a_deadline(staff):
    round_ = a_round()
    data = as_posted(round_) | {"eoi_closes_at_time": "11:59pm"}

    response = staff.post(url(round_), data)

    assert response.url == f"/manage/fund/{round_.slug}"
    before = round_.eoi_closes_at
    round_.refresh_from_db()
    assert round_.eoi_closes_at != before
    assert AuditEvent.objects.get(action="fund.round_windows_changed").changes.keys() == {"eoi_closes_at"}


def test_it_keeps_the_stages_in_order(staff):
    round_ = a_round()
    data = as_posted(round_) | {"applications_close_at_date_year": "2001"}

    page = staff.post(url(round_), data).content.decode()

    assert '<a href="#id_applications_close_at_date">Applications must close after they open</a>' in page
    unchanged = RoundFactory._meta.model.objects.get(pk=round_.pk)
    assert all(getattr(unchanged, name) == getattr(round_, name) for name in WINDOW_FIELDS)
