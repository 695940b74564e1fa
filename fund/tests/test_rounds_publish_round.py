import pytest

from core.models import AuditEvent
from fund.tests.factories import RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/manage/fund/{round_.slug}/publish"


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_publishes_the_round(staff, moderator):
    round_ = RoundFactory(status=RoundStatus.DRAFT)

    response = staff.post(url(round_))

    round_.refresh_from_db()
    assert response.url == f"/manage/fund/{round_.slug}"
    assert round_.status == RoundStatus.PUBLISHED
    assert AuditEvent.objects.get(action="fund.round_published").actor == moderator
    assert "is now on the list of rounds" in staff.get(response.url).content.decode()


def test_it_says_what_is_missing_before_publishing(staff):
    round_ = RoundFactory(status=RoundStatus.DRAFT, phases={})

    page = staff.post(url(round_)).content.decode()

    assert "<title>Error: " in page
    assert "Add at least one phase the round funds before you publish it" in page
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


def test_it_refuses_a_published_round(staff):
    assert "because it is published" in staff.post(url(RoundFactory())).content.decode()


def test_it_accepts_only_post(staff):
    assert staff.get(url(RoundFactory(status=RoundStatus.DRAFT))).status_code == 405


def test_it_is_for_staff_only(client, member):
    round_ = RoundFactory(status=RoundStatus.DRAFT)
    client.force_login(member)
    assert client.post(url(round_)).status_code == 403
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT
