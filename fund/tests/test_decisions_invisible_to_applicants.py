"""Nobody outside the programme learns of a decision before a fund approver approves it: not
on any page the applicants can open, and not by email."""

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from fund import decisions
from fund.tests.factories import member_of, submitted_application

pytestmark = pytest.mark.django_db

SECRETS = ["37,123", "37123", "Report monthly to the minister", "Feedback only for approved decisions"]


@pytest.fixture
def bid():
    return submitted_application(amount_requested=40_000)


@pytest.fixture
def applicant(bid):
    return member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")


def applicant_pages(client, bid) -> list[str]:
    paths = ["/fund/bids", f"/fund/bids/{bid.reference}", f"/fund/bids/{bid.reference}/application"]
    pages = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages.append(response.content.decode())
    return pages


def test_a_proposed_award_shows_on_no_applicant_page_and_in_no_email(client, bid, applicant):
    client.force_login(applicant)
    decisions.propose_decision(
        bid,
        by=UserFactory(moderator=True),
        fund=True,
        award_amount=37_123,
        conditions="Report monthly to the minister",
        feedback="Feedback only for approved decisions",
    )

    for page in applicant_pages(client, bid):
        for secret in SECRETS:
            assert secret not in page
    for page in applicant_pages(client, bid):
        assert "Decision in progress" in page
        assert "waiting for approval" not in page
    assert all(applicant.email not in message.to for message in mail.outbox)


def test_a_proposal_sent_back_is_never_seen_either(client, bid, applicant):
    client.force_login(applicant)
    decisions.propose_decision(bid, by=UserFactory(moderator=True), fund=True, award_amount=37_123)
    decisions.send_back(bid, by=UserFactory(fund_approver=True), reason="Feedback only for approved decisions")

    for page in applicant_pages(client, bid):
        for secret in SECRETS:
            assert secret not in page
    assert all(applicant.email not in message.to for message in mail.outbox)


def test_once_approved_the_applicants_are_told(client, bid, applicant):
    client.force_login(applicant)
    decisions.propose_decision(
        bid, by=UserFactory(moderator=True), fund=True, award_amount=37_123, conditions="Report monthly to the minister"
    )
    decisions.approve(bid, by=UserFactory(fund_approver=True))

    assert "£37,123" in applicant_pages(client, bid)[2]
    assert [message.to for message in mail.outbox if applicant.email in message.to] == [[applicant.email]]
