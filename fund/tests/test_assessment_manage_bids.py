import pytest

from fund.tests.factories import (
    AssessmentFactory,
    BidFactory,
    RoundFactory,
    SubmittedAssessmentFactory,
    round_of_assessed_bids,
)
from fund.workflow import AssessmentStatus, BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory(slug="ldf-2026")


URL = "/manage/fund/ldf-2026/bids"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, round_):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_staff(request, sign_in_verified, round_, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(URL).status_code == 403


def test_it_shows_an_unknown_round_as_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/fund/no-such-round/bids").status_code == 404


def test_it_only_answers_a_get(sign_in_verified, moderator, round_):
    assert sign_in_verified(moderator).post(URL).status_code == 405


def test_it_lists_the_rounds_submitted_bids_with_their_assessors(sign_in_verified, moderator, round_):
    bid = BidFactory(round=round_, submitted=True, title="Open planning data")
    SubmittedAssessmentFactory(bid=bid, scores=[4, 2])
    SubmittedAssessmentFactory(bid=bid, scores=[1, 1])
    AssessmentFactory(bid=bid, started=True)
    AssessmentFactory(bid=bid, status=AssessmentStatus.CONFLICTED)
    BidFactory(round=round_, title="Still a draft")
    BidFactory(submitted=True, title="Another round's bid")

    response = sign_in_verified(moderator).get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Open planning data" in page
    assert "Still a draft" not in page
    assert "Another round&#x27;s bid" not in page
    (row,) = response.context["page"].object_list
    assert (row.assigned, row.submitted, row.conflicts) == (3, 2, 1)
    # (4×40 + 2×60) / 100 = 2.8 and 1.0: their mean is 1.9, 1.8 apart.
    assert row.mean == "1.9"
    assert row.flags == ["Conflict declared", "Large spread"]
    assert "3 assigned, 2 submitted" in page


def test_it_flags_a_bid_with_fewer_than_two_assessors_and_filters_to_those(sign_in_verified, moderator, round_):
    short = BidFactory(round=round_, submitted=True, title="Short of assessors")
    AssessmentFactory(bid=short)
    AssessmentFactory(bid=short, status=AssessmentStatus.CONFLICTED)
    covered = BidFactory(round=round_, submitted=True, title="Fully covered")
    AssessmentFactory(bid=covered)
    AssessmentFactory(bid=covered)
    # Decided bids no longer need assessors.
    BidFactory(round=round_, status=BidStatus.INVITED, title="Already invited")

    client = sign_in_verified(moderator)
    rows = {row.bid.title: row for row in client.get(URL).context["page"].object_list}
    assert rows["Short of assessors"].flags == ["Fewer than two assessors", "Conflict declared"]
    assert rows["Fully covered"].flags == []
    assert rows["Already invited"].flags == []

    response = client.get(URL, {"needs_assessors": "on"})
    assert [row.bid.title for row in response.context["page"].object_list] == ["Short of assessors", "Already invited"]


def test_it_filters_by_status(sign_in_verified, moderator, round_):
    BidFactory(round=round_, submitted=True, title="Waiting")
    BidFactory(round=round_, status=BidStatus.EOI_DECLINED, title="Declined one")
    response = sign_in_verified(moderator).get(URL, {"status": "eoi_declined"})
    assert [row.bid.title for row in response.context["page"].object_list] == ["Declined one"]


def test_it_ignores_a_status_it_does_not_know(sign_in_verified, moderator, round_):
    BidFactory(round=round_, submitted=True, title="Waiting")
    response = sign_in_verified(moderator).get(URL, {"status": "nonsense"})
    assert response.status_code == 200
    assert [row.bid.title for row in response.context["page"].object_list] == ["Waiting"]


def test_it_reads_a_page_of_the_real_rounds_size_in_a_bounded_number_of_queries(
    sign_in_verified, moderator, django_assert_max_num_queries
):
    round_ = round_of_assessed_bids(400, round_=RoundFactory(slug="ldf-2026"))
    client = sign_in_verified(moderator)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"page": "3"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 400
    assert round_.bids.count() == 400
