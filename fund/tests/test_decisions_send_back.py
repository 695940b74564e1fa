import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from fund import decisions
from fund.models import Round
from fund.tests.factories import member_of, submitted_application
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(moderator=True, email="rachel@localdigital.example")


@pytest.fixture
def bid(staff):
    bid = submitted_application(amount_requested=40_000)
    member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")
    decisions.propose_decision(bid, by=staff, fund=True, award_amount=35_000)
    mail.outbox.clear()
    return bid


def url(bid):
    return f"/manage/fund/decisions/{bid.reference}/send-back"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["moderator", "assessor"])
def test_it_refuses_anyone_but_a_fund_approver(request, sign_in_verified, bid, person):
    response = sign_in_verified(request.getfixturevalue(person)).post(url(bid), {"reason": "No"})
    assert response.status_code == 403


def test_it_asks_for_a_reason(sign_in_verified, fund_approver, bid):
    page = sign_in_verified(fund_approver).post(url(bid), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why you are sending the decision back</a>' in page
    bid.refresh_from_db()
    assert bid.status == BidStatus.DECISION_PROPOSED


def test_it_sends_it_back_to_the_proposer_without_telling_the_applicants(sign_in_verified, bid):
    response = sign_in_verified(UserFactory(fund_approver=True)).post(
        url(bid), {"reason": "The award leaves no room for beta"}
    )

    assert response.url == "/manage/fund/decisions"
    bid.refresh_from_db()
    assert bid.status == BidStatus.APPLICATION_SUBMITTED
    assert Round.objects.get(pk=bid.round_id).committed == 0
    assert [message.to for message in mail.outbox] == [["rachel@localdigital.example"]]
    assert "The award leaves no room for beta" in mail.outbox[0].body
