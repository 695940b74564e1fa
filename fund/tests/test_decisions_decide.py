import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from fund import decisions
from fund.models import Phase, Round
from fund.tests.factories import (
    BidFactory,
    RoundFactory,
    SubmittedAssessmentFactory,
    submitted_application,
)
from fund.workflow import AssessmentStage, BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    round_ = RoundFactory(deciding=True, budget=200_000, phases={Phase.DISCOVERY: 50_000})
    return submitted_application(round=round_, amount_requested=45_000, title="Open bin data")


def url(bid):
    return f"/manage/fund/bids/{bid.reference}/decide"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor", "fund_approver"])
def test_it_refuses_anyone_but_programme_staff(request, client, sign_in_verified, bid, person):
    user = request.getfixturevalue(person)
    if person == "member":
        client.force_login(user)
    else:
        client = sign_in_verified(user)
    response = client.post(url(bid), {"fund": "yes", "award_amount": "40000"})
    assert response.status_code == 403
    bid.refresh_from_db()
    assert bid.status == BidStatus.APPLICATION_SUBMITTED


def test_it_shows_an_unsubmitted_bid_as_not_found(sign_in_verified, moderator):
    bid = BidFactory(invited=True)
    assert sign_in_verified(moderator).get(url(bid)).status_code == 404


def test_it_shows_the_assessments_limits_and_application(sign_in_verified, moderator, bid):
    SubmittedAssessmentFactory(
        bid=bid, stage=AssessmentStage.APPLICATION, scores=[4, 3], assessor__full_name="Dana Assessor"
    )
    page = sign_in_verified(moderator).get(url(bid)).content.decode()
    assert "Dana Assessor" in page
    assert "3.4" in page
    assert "£45,000" in page and "£50,000" in page and "£200,000 of £200,000" in page
    assert "Discovery: eight weeks of research" in page
    assert 'name="award_amount"' in page


def test_it_proposes_an_award(sign_in_verified, moderator, bid, django_capture_on_commit_callbacks):
    approver = UserFactory(fund_approver=True, email="priya@localdigital.example")
    client = sign_in_verified(moderator)
    data = {"fund": "yes", "award_amount": "£40,000", "conditions": "Share findings", "feedback": "Strong"}

    response = client.post(url(bid), data)

    assert response.url == url(bid)
    bid.refresh_from_db()
    assert (bid.status, bid.award_amount, bid.award_conditions) == (
        BidStatus.DECISION_PROPOSED,
        40_000,
        "Share findings",
    )
    assert Round.objects.get(pk=bid.round_id).committed == 40_000
    assert AuditEvent.objects.filter(action="fund.decision_proposed", actor=moderator).exists()
    assert [message.to for message in mail.outbox] == [[approver.email]]
    page = client.get(url(bid)).content.decode()
    assert "Your decision is waiting for a fund approver to approve it" in page
    assert 'name="award_amount"' not in page
    assert "Fund: £40,000" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "fund_0", "Select yes if you want to fund this bid"),
        ({"fund": "yes"}, "award_amount", "Enter the amount to award, in pounds"),
        ({"fund": "yes", "award_amount": "45001"}, "award_amount", "the £45,000 the applicants asked for"),
        ({"fund": "no", "feedback": ""}, "feedback", "Enter feedback for the applicants on why the bid is not funded"),
    ],
)
def test_it_explains_a_wrong_answer(sign_in_verified, moderator, bid, data, field, message):
    page = sign_in_verified(moderator).post(url(bid), data).content.decode()
    assert "<title>Error: " in page
    assert f'<a href="#id_{field}">' in page
    assert message in page
    bid.refresh_from_db()
    assert bid.status == BidStatus.APPLICATION_SUBMITTED


def test_an_award_above_the_phase_maximum_is_a_field_error(sign_in_verified, moderator):
    round_ = RoundFactory(deciding=True, phases={Phase.DISCOVERY: 50_000})
    bid = submitted_application(round=round_, amount_requested=80_000)
    page = sign_in_verified(moderator).post(url(bid), {"fund": "yes", "award_amount": "60000"}).content.decode()
    assert '<a href="#id_award_amount">The award must be no more than £50,000' in page


def test_an_award_beyond_the_budget_says_how_much_is_left(sign_in_verified, moderator, bid):
    Round.objects.filter(pk=bid.round_id).update(committed=190_000)
    page = sign_in_verified(moderator).post(url(bid), {"fund": "yes", "award_amount": "40000"}).content.decode()
    assert '<a href="#id_award_amount">Only £10,000 of the round’s budget is left</a>' in page
    assert Round.objects.get(pk=bid.round_id).committed == 190_000


def test_it_shows_why_an_approver_sent_the_last_proposal_back(sign_in_verified, moderator, bid):
    decisions.propose_decision(bid, by=moderator, fund=True, award_amount=40_000)
    decisions.send_back(bid, by=UserFactory(fund_approver=True), reason="Add a condition about accessibility")
    page = sign_in_verified(moderator).get(url(bid)).content.decode()
    assert "Add a condition about accessibility" in page
    assert 'name="award_amount"' in page
