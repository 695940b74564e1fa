import datetime

import pytest
from django.core import mail
from django.utils import timezone

from fund.tests.factories import ApplicationFactory, BidFactory, BudgetLineFactory, member_of
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/check"


@pytest.fixture
def bid():
    # The window closes in a few minutes, so moving the clock past it keeps the session alive.
    closing = timezone.now() + datetime.timedelta(minutes=5)
    return BidFactory(
        invited=True, round__applications_open=True, round__applications_close_at=closing, amount_requested=40_000
    )


@pytest.fixture
def applicant(bid):
    return member_of(bid.lead_organisation, email="robin@leadshire.gov.uk")


@pytest.fixture
def client_of(client, applicant):
    client.force_login(applicant)
    return client


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.post(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    ApplicationFactory(bid=bid)
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.post(url(bid)).status_code == 404
    bid.refresh_from_db()
    assert bid.status == BidStatus.INVITED


def test_it_shows_every_answer_with_a_link_to_change_it(client_of, bid):
    ApplicationFactory(bid=bid)
    page = client_of.get(url(bid)).content.decode()
    assert "A product manager and a user researcher" in page
    assert "User researcher" in page and "£20,000" in page
    for section in ("team", "plan", "budget", "user-research", "openness"):
        assert f"/fund/bids/{bid.reference}/application/{section}" in page


def test_it_submits_and_shows_the_confirmation(client_of, bid, applicant):
    ApplicationFactory(bid=bid)

    response = client_of.post(url(bid))

    assert response.url == f"/fund/bids/{bid.reference}/application/submitted"
    bid.refresh_from_db()
    assert bid.status == BidStatus.APPLICATION_SUBMITTED
    assert [message.to for message in mail.outbox] == [[applicant.email]]


def test_a_budget_that_does_not_add_up_is_shown_in_the_error_summary(client_of, bid):
    BudgetLineFactory(application=ApplicationFactory(bid=bid, budget=False), amount=39_999)

    page = client_of.post(url(bid)).content.decode()

    assert "<title>Error: " in page
    assert "Your budget adds up to £39,999; it must add up to the £40,000 you asked for" in page
    bid.refresh_from_db()
    assert bid.status == BidStatus.INVITED
    assert mail.outbox == []


def test_it_refuses_after_the_window_closes(client_of, bid, monkeypatch):
    ApplicationFactory(bid=bid)
    page = client_of.get(url(bid)).content.decode()
    assert "Submit application" in page
    late = bid.round.applications_close_at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: late)

    response = client_of.post(url(bid))

    # Closed: the application can no longer be changed, so the page is its read-only view.
    assert response.url == f"/fund/bids/{bid.reference}/application"
    bid.refresh_from_db()
    assert bid.status == BidStatus.INVITED


def test_before_the_window_opens_it_offers_no_submit_button(client):
    bid = BidFactory(invited=True, round__evaluating=True)
    ApplicationFactory(bid=bid)
    client.force_login(member_of(bid.lead_organisation))
    page = client.get(url(bid)).content.decode()
    assert "Submit application" not in page
    assert "You can submit your application from" in page
