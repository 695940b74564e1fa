import pytest

from accounts.tests.factories import MembershipFactory
from fund.tests.factories import BidFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}/submitted"


def test_it_confirms_with_the_reference(client, member):
    bid = BidFactory(submitted=True)
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)

    page = client.get(url(bid)).content.decode()

    assert "govuk-panel--confirmation" in page
    assert f"<strong>{bid.reference}</strong>" in page


def test_a_draft_goes_to_its_check_page(client, member):
    bid = BidFactory()
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    assert client.get(url(bid)).url == f"/fund/bids/{bid.reference}/check"


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    assert client.get(url(BidFactory(submitted=True))).status_code == 404
