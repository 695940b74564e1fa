import pytest

from fund.models import Criterion
from fund.tests.factories import BidFactory, RoundFactory, SubmittedAssessmentFactory, round_of_assessed_bids
from fund.workflow import AssessmentStage, BidStatus

pytestmark = pytest.mark.django_db

URL = "/manage/fund/ldf-2026/moderation"


@pytest.fixture
def round_():
    return RoundFactory(slug="ldf-2026")


def assessed(round_, title, *score_lists, stage=AssessmentStage.EOI, **fields):
    bid = BidFactory(round=round_, title=title, **fields)
    for number, scores in enumerate(score_lists):
        SubmittedAssessmentFactory(
            bid=bid, stage=stage, scores=scores, assessor__full_name=f"{title} assessor {number}"
        )
    return bid


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, round_):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_nobody_outside_staff_sees_it(request, sign_in_verified, round_, person):
    assessed(round_, "Scored", [3, 3], [2, 2], submitted=True)
    response = sign_in_verified(request.getfixturevalue(person)).get(URL)
    assert response.status_code == 403
    assert "Scored" not in response.content.decode()


def test_it_only_answers_a_get(sign_in_verified, moderator, round_):
    assert sign_in_verified(moderator).post(URL).status_code == 405


def test_it_shows_each_assessors_weighted_total_the_mean_and_the_spread(sign_in_verified, moderator, round_):
    # Weights 40 and 60. Totals: (4×40 + 3×60)/100 = 3.4, and 2 with "user needs" not applicable.
    assessed(round_, "Open planning data", [4, 3], [2, None], submitted=True)

    response = sign_in_verified(moderator).get(URL)

    assert response.status_code == 200
    (row,) = response.context["page"].object_list
    assert [total.total for total in row.totals] == ["3.4", "2.0"]
    assert row.mean_shown == "2.7"
    assert row.spread_shown == "1.4"
    assert not row.large_spread
    page = response.content.decode()
    assert "Open planning data assessor 0: 3.4" in page
    assert "Large spread" not in page


def test_it_flags_a_spread_of_a_grade_and_a_half_or_more(sign_in_verified, moderator):
    round_ = RoundFactory(slug="ldf-2026", criteria=False)
    for position in range(2):
        Criterion.objects.create(
            round=round_, stage=AssessmentStage.EOI, title=f"Half {position}", guidance="Half", weight=50
        )
    assessed(round_, "Close", [4, 4], [3, 3], submitted=True)  # 4.0 and 3.0
    assessed(round_, "On the line", [4, 4], [2, 3], submitted=True)  # 4.0 and 2.5
    assessed(round_, "Far apart", [4, 4], [0, None], submitted=True)  # 4.0 and 0.0

    response = sign_in_verified(moderator).get(URL)

    rows = {row.bid.title: row for row in response.context["page"].object_list}
    assert (rows["Close"].spread_shown, rows["Close"].large_spread) == ("1.0", False)
    assert (rows["On the line"].spread_shown, rows["On the line"].large_spread) == ("1.5", True)
    assert (rows["Far apart"].spread_shown, rows["Far apart"].large_spread) == ("4.0", True)
    assert response.content.decode().count("Large spread") == 2


def test_it_counts_recommendations(sign_in_verified, moderator, round_):
    bid = BidFactory(round=round_, submitted=True)
    SubmittedAssessmentFactory(bid=bid, recommendation="invite")
    SubmittedAssessmentFactory(bid=bid, recommendation="invite")
    SubmittedAssessmentFactory(bid=bid, recommendation="decline")
    (row,) = sign_in_verified(moderator).get(URL).context["page"].object_list
    assert row.recommendations == [("Do not take forward", 1), ("Invite to full application", 2)]


def test_it_sorts_by_mean_highest_first_or_as_asked(sign_in_verified, moderator, round_):
    assessed(round_, "Middling", [2, 2], [2, 2], submitted=True)
    assessed(round_, "Best", [4, 4], [4, 3], submitted=True)
    assessed(round_, "Weakest", [0, 0], [1, 2], submitted=True)
    client = sign_in_verified(moderator)

    titles = [row.bid.title for row in client.get(URL).context["page"].object_list]
    assert titles == ["Best", "Middling", "Weakest"]
    titles = [row.bid.title for row in client.get(URL, {"sort": "spread"}).context["page"].object_list]
    assert titles[0] == "Weakest"


def test_it_shows_one_stage_at_a_time(sign_in_verified, moderator, round_):
    assessed(round_, "At the EOI stage", [3, 3], submitted=True)
    assessed(
        round_, "A full application", [1, 1], stage=AssessmentStage.APPLICATION, status=BidStatus.APPLICATION_SUBMITTED
    )
    client = sign_in_verified(moderator)

    assert [row.bid.title for row in client.get(URL).context["page"].object_list] == ["At the EOI stage"]
    response = client.get(URL, {"stage": "application"})
    assert [row.bid.title for row in response.context["page"].object_list] == ["A full application"]


def test_it_leaves_out_assessments_not_yet_submitted(sign_in_verified, moderator, round_):
    bid = assessed(round_, "Half done", [3, 3], submitted=True)
    SubmittedAssessmentFactory(bid=bid, status="in_progress", scores=[0, 0])
    (row,) = sign_in_verified(moderator).get(URL).context["page"].object_list
    assert [total.total for total in row.totals] == ["3.0"]
    assert row.spread_shown == "Only one assessment"


def test_it_reads_the_real_rounds_size_in_a_bounded_number_of_queries(
    sign_in_verified, moderator, django_assert_max_num_queries
):
    round_of_assessed_bids(400, round_=RoundFactory(slug="ldf-2026"))
    client = sign_in_verified(moderator)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"page": "2"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 400
    assert len(response.context["page"].object_list) == 50
