import pytest

from accounts.tests.factories import MembershipFactory
from fund.tests.factories import BidFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}/phase"


@pytest.fixture
def draft(client, member):
    bid = BidFactory(phase="", amount_requested=None)
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    return bid


def test_it_offers_the_rounds_phases_with_their_maxima(client, draft):
    page = client.get(url(draft)).content.decode()
    assert "Discovery, up to £50,000" in page
    assert "Beta, up to £350,000" in page


def test_it_saves_a_phase_and_amount_written_with_a_pound_sign(client, draft):
    response = client.post(url(draft), {"phase": "alpha", "amount_requested": "£95,000"})

    assert response.url == f"/fund/bids/{draft.reference}"
    draft.refresh_from_db()
    assert (draft.phase, draft.amount_requested) == ("alpha", 95_000)


def test_it_refuses_more_than_the_phases_maximum(client, draft):
    page = client.post(url(draft), {"phase": "discovery", "amount_requested": "50001"}).content.decode()

    assert "<title>Error: " in page
    message = "Enter an amount of £50,000 or less, the most this round awards for discovery"
    assert f'<a href="#id_amount_requested">{message}</a>' in page
    assert 'id="id_amount_requested-error"' in page
    draft.refresh_from_db()
    assert draft.amount_requested is None


def test_it_refuses_a_phase_the_round_does_not_fund(client, member):
    bid = BidFactory(round=RoundFactory(phases={"discovery": 50_000}))
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    page = client.post(url(bid), {"phase": "beta", "amount_requested": "1"}).content.decode()
    assert "Select a phase this round funds" in page


def test_it_says_how_to_write_the_amount(client, draft):
    page = client.post(url(draft), {"phase": "alpha", "amount_requested": "lots"}).content.decode()
    assert "Enter the amount in pounds, like £40,000" in page


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    assert client.post(url(BidFactory()), {"phase": "alpha", "amount_requested": "1"}).status_code == 404
