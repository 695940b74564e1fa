import pytest

from fund.models import Application
from fund.tests.factories import BidFactory, member_of

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/user-research"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True)


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.get(url(bid)).status_code == 404


def test_it_saves_the_approach(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    response = client.post(url(bid), {"user_research": "Interviews with residents and crews"})
    assert response.url == f"/fund/bids/{bid.reference}/application"
    assert Application.objects.get(bid=bid).user_research == "Interviews with residents and crews"


def test_it_asks_for_an_approach(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    page = client.post(url(bid), {"user_research": ""}).content.decode()
    assert '<a href="#id_user_research">Enter how you will do user research</a>' in page
