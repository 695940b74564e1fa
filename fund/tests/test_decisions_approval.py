import pytest

from accounts.tests.factories import UserFactory
from fund import decisions
from fund.tests.factories import BidFactory, SubmittedAssessmentFactory, submitted_application
from fund.workflow import AssessmentStage

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    bid = submitted_application(title="Open bin data", amount_requested=40_000)
    SubmittedAssessmentFactory(bid=bid, stage=AssessmentStage.APPLICATION, assessor__full_name="Dana Assessor")
    staff = UserFactory(moderator=True, full_name="Rachel Wong")
    return decisions.propose_decision(
        bid, by=staff, fund=True, award_amount=35_000, conditions="Share findings", feedback="Strong research"
    )


def url(bid):
    return f"/manage/fund/decisions/{bid.reference}"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["moderator", "assessor"])
def test_it_is_for_fund_approvers_only(request, sign_in_verified, bid, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(bid)).status_code == 403


def test_it_shows_the_proposal_its_assessment_and_the_application(sign_in_verified, bid):
    page = sign_in_verified(UserFactory(fund_approver=True)).get(url(bid)).content.decode()
    assert "Fund: £35,000" in page
    assert "Share findings" in page and "Strong research" in page
    assert "Rachel Wong" in page
    assert "Dana Assessor" in page
    assert "Discovery: eight weeks of research" in page
    assert "Approve decision" in page and "Send back" in page


def test_a_bid_without_a_submitted_application_is_not_found(sign_in_verified):
    bid = BidFactory(invited=True)
    assert sign_in_verified(UserFactory(fund_approver=True)).get(url(bid)).status_code == 404


def test_a_decided_bid_offers_no_buttons(sign_in_verified, bid):
    approver = UserFactory(fund_approver=True)
    decisions.approve(bid, by=approver)
    page = sign_in_verified(UserFactory(fund_approver=True)).get(url(bid)).content.decode()
    assert "Approve decision" not in page
    assert "Approved by" in page
