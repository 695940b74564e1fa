import pytest

from core.models import AuditEvent
from fund.models import Application
from fund.tests.factories import ApplicationFactory, BidFactory, member_of
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/team"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True)


@pytest.fixture
def client_of(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    return client


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.post(url(bid), {"team": "Ours now"}).status_code == 404
    assert not Application.objects.exists()


def test_it_saves_the_answer_as_a_draft_and_returns_to_the_task_list(client_of, bid):
    response = client_of.post(url(bid), {"team": "A product manager at the lead; a developer at each partner"})

    assert response.status_code == 302
    assert response.url == f"/fund/bids/{bid.reference}/application"
    assert Application.objects.get(bid=bid).team == "A product manager at the lead; a developer at each partner"
    assert AuditEvent.objects.filter(action="fund.application_saved").count() == 1


def test_it_shows_the_saved_answer_to_change(client_of, bid):
    ApplicationFactory(bid=bid, team="Two researchers")
    assert "Two researchers" in client_of.get(url(bid)).content.decode()


def test_it_asks_for_an_answer(client_of, bid):
    response = client_of.post(url(bid), {"team": "  "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert '<a href="#id_team">Enter who will work on the project and their roles</a>' in page
    assert not Application.objects.exists()


def test_it_refuses_an_answer_that_is_too_long(client_of, bid):
    page = client_of.post(url(bid), {"team": "x" * 5001}).content.decode()
    assert "Team and roles must be 5,000 characters or fewer" in page


def test_a_submitted_application_cannot_be_changed(client, bid):
    ApplicationFactory(bid=bid, team="As submitted")
    bid.status = BidStatus.APPLICATION_SUBMITTED
    bid.save()
    client.force_login(member_of(bid.lead_organisation))

    response = client.post(url(bid), {"team": "Changed afterwards"})

    assert response.status_code == 302
    assert response.url == f"/fund/bids/{bid.reference}/application"
    assert Application.objects.get(bid=bid).team == "As submitted"


def test_it_only_answers_get_and_post(client_of, bid):
    assert client_of.put(url(bid)).status_code == 405
