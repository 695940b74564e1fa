import pytest
from django.utils import timezone

from fund.tests.factories import BidFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_adds_a_phase(staff):
    round_ = RoundFactory(phases={})

    response = staff.post(f"/manage/fund/{round_.slug}/phases/new", {"phase": "beta", "max_award": "£350,000"})

    assert response.url == f"/manage/fund/{round_.slug}"
    assert list(round_.phases.values_list("phase", "max_award")) == [("beta", 350_000)]


def test_it_changes_and_removes_a_phase(staff):
    round_ = RoundFactory()
    alpha = round_.phases.get(phase="alpha")

    staff.post(f"/manage/fund/{round_.slug}/phases/{alpha.pk}", {"phase": "alpha", "max_award": "120000"})
    alpha.refresh_from_db()
    assert alpha.max_award == 120_000

    staff.post(f"/manage/fund/{round_.slug}/phases/{alpha.pk}/remove")
    assert not round_.phases.filter(phase="alpha").exists()


def test_it_says_why_a_phase_cannot_be_removed(staff):
    round_ = RoundFactory()
    BidFactory(round=round_, phase="beta", submitted=True)
    beta = round_.phases.get(phase="beta")

    page = staff.post(f"/manage/fund/{round_.slug}/phases/{beta.pk}/remove").content.decode()

    assert "<title>Error: " in page
    assert "You cannot remove this phase: a submitted bid asks for it" in page
    assert round_.phases.filter(phase="beta").exists()


def test_it_refuses_a_second_row_for_a_phase(staff):
    round_ = RoundFactory()
    page = staff.post(f"/manage/fund/{round_.slug}/phases/new", {"phase": "alpha", "max_award": "1"}).content.decode()
    assert '<a href="#id_phase_0">This round already funds alpha. Change that phase instead</a>' in page


def test_once_scoring_starts_it_changes_nothing(staff):
    round_ = RoundFactory(frozen_at=timezone.now())
    alpha = round_.phases.get(phase="alpha")

    assert "Assessors started scoring" in staff.get(f"/manage/fund/{round_.slug}/phases/{alpha.pk}").content.decode()
    page = staff.post(f"/manage/fund/{round_.slug}/phases/{alpha.pk}", {"phase": "alpha", "max_award": "1"})

    assert "Assessors started scoring this round on" in page.content.decode()
    alpha.refresh_from_db()
    assert alpha.max_award == 100_000


def test_another_rounds_phase_is_not_found(staff):
    theirs = RoundFactory().phases.first()
    assert staff.get(f"/manage/fund/{RoundFactory().slug}/phases/{theirs.pk}").status_code == 404


def test_removing_accepts_only_post(staff):
    round_ = RoundFactory()
    assert staff.get(f"/manage/fund/{round_.slug}/phases/{round_.phases.first().pk}/remove").status_code == 405


def test_it_is_for_staff_only(client, member):
    round_ = RoundFactory(phases={})
    client.force_login(member)
    assert client.post(f"/manage/fund/{round_.slug}/phases/new", {"phase": "beta", "max_award": "1"}).status_code == 403
    assert not round_.phases.exists()
