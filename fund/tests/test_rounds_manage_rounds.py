import pytest

from fund.tests.factories import BidFactory, RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def test_it_sends_someone_signed_out_to_the_staff_sign_in(client):
    assert client.get("/manage/fund").url == "/staff/sign-in?next=/manage/fund"


def test_it_refuses_members_and_assessors(client, member, assessor, sign_in_verified):
    client.force_login(member)
    assert client.get("/manage/fund").status_code == 403
    assert sign_in_verified(assessor).get("/manage/fund").status_code == 403


def test_it_lists_every_round_with_its_bids(client, moderator, sign_in_verified):
    published = RoundFactory(name="Round 9")
    RoundFactory(name="Round 10", status=RoundStatus.DRAFT)
    BidFactory.create_batch(2, round=published, submitted=True)
    BidFactory(round=published)

    page = sign_in_verified(moderator).get("/manage/fund").content.decode()

    assert f'href="/manage/fund/{published.slug}"' in page
    assert "Round 10" in page
    assert "Draft" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    assert 'href="/manage/fund/new"' in page


def test_it_runs_the_same_queries_for_many_rounds(client, moderator, sign_in_verified, django_assert_max_num_queries):
    signed_in = sign_in_verified(moderator)
    RoundFactory.create_batch(2)
    with django_assert_max_num_queries(12) as few:
        signed_in.get("/manage/fund")
    for round_ in RoundFactory.create_batch(20):
        BidFactory(round=round_, submitted=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        signed_in.get("/manage/fund")
