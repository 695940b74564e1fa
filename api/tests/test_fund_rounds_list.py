import datetime
from zoneinfo import ZoneInfo

import pytest

from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, QuestionFactory, RoundFactory
from fund.workflow import BidStatus, RoundStatus

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
URL = "/api/v1/fund/rounds"


def test_it_lists_published_rounds_as_the_fund_page_does(client):
    RoundFactory(name="Round 1 (2018)", slug="ldf-round-1", past=True)
    RoundFactory(name="Round 9", slug="ldf-round-9")
    RoundFactory(name="Round 8", slug="ldf-round-8", applications_open=True)
    RoundFactory(name="Round 10", slug="ldf-round-10", status=RoundStatus.DRAFT)

    answer = client.get(URL).json()

    assert [record["id"] for record in answer["results"]] == ["ldf-round-9", "ldf-round-8", "ldf-round-1"]
    assert answer["count"] == 3
    page = client.get("/fund").content.decode()
    assert page.index("Round 9") < page.index("Round 8") < page.index("Round 1 (2018)")


def test_it_gives_the_timeline_in_uk_time_and_the_stage_now(client):
    RoundFactory(
        eoi_opens_at=datetime.datetime(2018, 9, 24, 9, tzinfo=LONDON),
        eoi_closes_at=datetime.datetime(2018, 10, 5, 12, tzinfo=LONDON),
        evaluation_ends_at=datetime.datetime(2018, 10, 12, 17, tzinfo=LONDON),
        applications_open_at=datetime.datetime(2018, 10, 16, 9, tzinfo=LONDON),
        applications_close_at=datetime.datetime(2018, 11, 15, 12, tzinfo=LONDON),
        decisions_by=datetime.datetime(2018, 12, 3, 17, tzinfo=LONDON),
        kick_off_at=datetime.datetime(2018, 12, 13, 10, tzinfo=LONDON),
    )

    (record,) = client.get(URL).json()["results"]

    assert record["timeline"] == {
        "expressions_of_interest_open": "2018-09-24T09:00:00+01:00",
        "expressions_of_interest_close": "2018-10-05T12:00:00+01:00",
        "evaluation_ends": "2018-10-12T17:00:00+01:00",
        "applications_open": "2018-10-16T09:00:00+01:00",
        "applications_close": "2018-11-15T12:00:00+00:00",
        "decisions_by": "2018-12-03T17:00:00+00:00",
        "kick_off": "2018-12-13T10:00:00+00:00",
    }
    assert (record["stage"], record["stage_label"]) == ("underway", "Projects under way")


def test_it_gives_the_budget_and_each_phases_maximum_in_pounds(client):
    RoundFactory(budget=5_000_000, phases={Phase.BETA: 350_000, Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000})

    (record,) = client.get(URL).json()["results"]

    assert record["budget"] == 5_000_000
    assert record["phases"] == [
        {"phase": "discovery", "phase_label": "Discovery", "maximum_award": 50_000},
        {"phase": "alpha", "phase_label": "Alpha", "maximum_award": 100_000},
        {"phase": "beta", "phase_label": "Beta", "maximum_award": 350_000},
    ]


def test_it_gives_the_criteria_of_each_stage_with_their_weights(client):
    RoundFactory()

    (record,) = client.get(URL).json()["results"]

    criteria = [
        {"title": "Collaboration", "guidance": "Partners share the work.", "weight": 40},
        {"title": "User needs", "guidance": "Evidence of who has the problem.", "weight": 60},
    ]
    assert record["assessment"] == [
        {"stage": "eoi", "stage_label": "Expression of interest", "criteria": criteria},
        {"stage": "application", "stage_label": "Full application", "criteria": criteria},
    ]


def test_a_round_without_criteria_has_no_assessment_stages(client):
    RoundFactory(criteria=False)
    assert client.get(URL).json()["results"][0]["assessment"] == []


def test_it_counts_only_approved_awards(client):
    round_ = RoundFactory(past=True)
    FundedProjectFactory(bid__round=round_, amount_awarded=40_000)
    FundedProjectFactory(bid__round=round_, amount_awarded=75_000)
    FundedProjectFactory(bid__round=round_, amount_awarded=99_000, bid__status=BidStatus.DECISION_PROPOSED)
    RoundFactory()

    awarded, waiting = client.get(URL).json()["results"][::-1]

    assert (awarded["awards"], awarded["total_awarded"]) == (2, 115_000)
    assert (waiting["awards"], waiting["total_awarded"]) == (0, 0)


def test_it_gives_published_questions_in_their_published_wording_only(client):
    round_ = RoundFactory()
    QuestionFactory(
        round=round_,
        published=True,
        text="I'm Jo Bloggs at Camden: can we lead with Islington?",
        published_question="Can two London boroughs bid together?",
        answer="Yes.",
    )
    QuestionFactory(round=round_, answered=True, text="A question answered in private")

    answer = client.get(URL)

    (question,) = answer.json()["results"][0]["questions"]
    assert question["question"] == "Can two London boroughs bid together?"
    assert question["answer"] == "Yes."
    assert "Jo Bloggs" not in answer.content.decode()
    assert "in private" not in answer.content.decode()


def test_it_shows_no_personal_data(client, open_data):
    QuestionFactory(round=open_data.objects["round"], published=True, asked_by=open_data.person())

    content = client.get(URL).content.decode()

    assert open_data.objects["round"].slug in content
    for personal in open_data.names | open_data.emails:
        assert personal not in content


def test_it_refuses_a_page_that_is_not_a_number(client):
    answer = client.get(URL, {"page": "two"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["parameter"] == "page"


def test_it_runs_the_same_queries_for_many_rounds(client, django_assert_max_num_queries):

    def rounds_with_everything(number):
        for _ in range(number):
            round_ = RoundFactory(past=True)
            QuestionFactory(round=round_, published=True)
            FundedProjectFactory(bid__round=round_)

    rounds_with_everything(3)
    with django_assert_max_num_queries(5) as few:
        assert client.get(URL).json()["count"] == 3
    rounds_with_everything(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["results"]) == 30
