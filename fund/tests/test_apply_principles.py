import pytest

from accounts.tests.factories import MembershipFactory
from fund.tests.factories import BidFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}/principles"


@pytest.fixture
def draft(client, member):
    bid = BidFactory(principles="", reuse="")
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    return bid


def test_it_saves_both_answers(client, draft):
    response = client.post(url(draft), {"principles": "We work in the open.", "reuse": "Open Referral UK"})

    assert response.url == f"/fund/bids/{draft.reference}"
    draft.refresh_from_db()
    assert (draft.principles, draft.reuse) == ("We work in the open.", "Open Referral UK")


def test_it_says_what_is_missing(client, draft):
    page = client.post(url(draft), {"principles": "", "reuse": ""}).content.decode()
    assert "Enter how the project will follow the declaration’s principles" in page
    assert "Enter what existing work you will reuse, or say why there is none" in page


def test_after_the_close_it_saves_nothing(client, draft):
    draft.round = RoundFactory(evaluating=True)
    draft.save()
    client.post(url(draft), {"principles": "Late", "reuse": "Late"})
    draft.refresh_from_db()
    assert draft.principles == ""


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    assert client.get(url(BidFactory())).status_code == 404
