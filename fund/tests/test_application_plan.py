import pytest

from fund.models import Application
from fund.tests.factories import BidFactory, member_of

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/plan"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True)


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.get(url(bid)).status_code == 404


def test_it_saves_the_plan(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    response = client.post(url(bid), {"plan": "Weeks 1 to 4: interviews. Weeks 5 to 8: prototypes."})
    assert response.url == f"/fund/bids/{bid.reference}/application"
    assert Application.objects.get(bid=bid).plan == "Weeks 1 to 4: interviews. Weeks 5 to 8: prototypes."


def test_it_asks_for_a_plan(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    page = client.post(url(bid), {"plan": ""}).content.decode()
    assert '<a href="#id_plan">Enter your plan for each phase</a>' in page
