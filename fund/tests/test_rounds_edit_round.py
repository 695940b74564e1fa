import pytest

from core.models import AuditEvent
from fund.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/manage/fund/{round_.slug}/details"


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_shows_the_current_details(staff):
    round_ = RoundFactory(budget=7_500_000)
    page = staff.get(url(round_)).content.decode()
    assert 'value="£7,500,000"' in page
    assert round_.name in page


def test_it_changes_the_details_but_keeps_the_address(staff):
    round_ = RoundFactory(slug="round-1")

    response = staff.post(
        url(round_), {"name": "Round one", "summary": "New summary", "guidance": "", "budget": "£8,000,000"}
    )

    round_.refresh_from_db()
    assert response.url == "/manage/fund/round-1"
    assert (round_.name, round_.budget, round_.slug) == ("Round one", 8_000_000, "round-1")
    assert AuditEvent.objects.get(action="fund.round_details_changed").changes["budget"] == [7_500_000, 8_000_000]


def test_it_refuses_a_budget_below_what_is_committed(staff):
    round_ = RoundFactory(committed=2_000_000)
    page = staff.post(url(round_), {"name": round_.name, "summary": "s", "budget": "1000000"}).content.decode()
    assert '<a href="#id_budget">£2,000,000 is already committed to awards. Enter a budget of at least that</a>' in page
    round_.refresh_from_db()
    assert round_.budget == 7_500_000


def test_it_is_for_staff_only(client, member):
    round_ = RoundFactory()
    client.force_login(member)
    assert client.post(url(round_), {"name": "Taken", "summary": "s", "budget": "1"}).status_code == 403
