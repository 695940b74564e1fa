import pytest
from django.utils import timezone

from fund.tests.factories import BidFactory, RoundFactory
from fund.tests.test_rounds_eoi_list import submitted_bids
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/manage/fund/{round_.slug}"


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_is_for_staff_only(client, member):
    round_ = RoundFactory()
    assert client.get(url(round_)).url == f"/staff/sign-in?next={url(round_)}"
    client.force_login(member)
    assert client.get(url(round_)).status_code == 403


def test_an_unknown_round_is_not_found(staff):
    assert staff.get("/manage/fund/no-such-round").status_code == 404


def test_it_shows_the_round_with_links_to_change_each_part(staff):
    round_ = RoundFactory(status=RoundStatus.DRAFT)
    BidFactory.create_batch(3, round=round_, submitted=True)
    BidFactory(round=round_)

    page = staff.get(url(round_)).content.decode()

    assert "Publish the round" in page
    for part in ("details", "dates", "eligibility", "phases/new", "criteria/new"):
        assert f'href="/manage/fund/{round_.slug}/{part}' in page
    assert '<th scope="row" class="govuk-table__header">Expression of interest submitted</th>' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert "Up to £350,000 for one bid" in page
    assert "User needs" in page
    assert f'href="/manage/audit/fund/round/{round_.pk}"' in page
    assert f'href="/manage/fund/{round_.slug}/bids"' in page
    assert f'href="/manage/fund/{round_.slug}/questions"' in page


def test_once_scoring_starts_it_says_why_phases_and_criteria_cannot_change(staff):
    round_ = RoundFactory(frozen_at=timezone.now())

    page = staff.get(url(round_)).content.decode()

    assert "Assessors started scoring this round on" in page
    assert "/phases/" not in page
    assert "/criteria/" not in page


def test_it_counts_400_bids_in_the_same_queries(staff, django_assert_max_num_queries):
    round_ = RoundFactory()
    submitted_bids(round_, 2)
    with django_assert_max_num_queries(12) as few:
        staff.get(url(round_))
    submitted_bids(round_, 398)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = staff.get(url(round_)).content.decode()
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">400</td>' in page
