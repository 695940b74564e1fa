import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from fund import decisions
from fund.models import FundedProject
from fund.tests.factories import member_of, submitted_application
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(moderator=True)


@pytest.fixture
def bid(staff):
    bid = submitted_application(title="Open bin data", amount_requested=40_000)
    bid.applicant = member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")
    decisions.propose_decision(bid, by=staff, fund=True, award_amount=35_000, feedback="Strong research")
    mail.outbox.clear()
    return bid


def url(bid):
    return f"/manage/fund/decisions/{bid.reference}/approve"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    assert client.post(url(bid)).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["moderator", "programme_admin", "assessor"])
def test_it_refuses_anyone_but_a_fund_approver(request, sign_in_verified, bid, person):
    assert sign_in_verified(request.getfixturevalue(person)).post(url(bid)).status_code == 403
    bid.refresh_from_db()
    assert bid.status == BidStatus.DECISION_PROPOSED
    assert mail.outbox == []


def test_it_only_accepts_a_post(sign_in_verified, bid):
    assert sign_in_verified(UserFactory(fund_approver=True)).get(url(bid)).status_code == 405


def test_it_approves_the_award_and_tells_the_applicants(sign_in_verified, bid):
    approver = UserFactory(fund_approver=True)
    client = sign_in_verified(approver)

    response = client.post(url(bid))

    assert response.url == f"/manage/fund/decisions/{bid.reference}"
    bid.refresh_from_db()
    assert bid.status == BidStatus.AWARDED
    assert FundedProject.objects.get(bid=bid).amount_awarded == 35_000
    assert [message.to for message in mail.outbox] == [["robin@leadshire.gov.uk"]]
    project = FundedProject.objects.get(bid=bid).project_phase.project
    assert f"http://testserver/projects/{project.slug}" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="fund.awarded", actor=approver).exists()
    assert "You approved an award. We have emailed the applicants" in client.get(response.url).content.decode()


def test_it_shows_an_error_when_the_decision_has_moved_on(sign_in_verified, bid):
    # Another approver sent it back while this one had the page open.
    decisions.send_back(bid, by=UserFactory(fund_approver=True), reason="Check the conditions")
    mail.outbox.clear()

    response = sign_in_verified(UserFactory(fund_approver=True)).post(url(bid))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "This decision cannot be approved because the bid is application submitted" in page
    assert not FundedProject.objects.exists()
    assert mail.outbox == []
