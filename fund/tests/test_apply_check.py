import pytest

from accounts.tests.factories import MembershipFactory
from declaration.tests.factories import SignatureFactory
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}/check"


def signatory(**fields):
    organisation = OrganisationFactory(**fields)
    SignatureFactory(organisation=organisation, signed=True)
    return organisation


@pytest.fixture
def draft(client, member):
    council = signatory(name="Camden Council")
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)
    bid = BidFactory(round=RoundFactory(min_signatory_authorities=2), lead_organisation=council, created_by=member)
    BidPartnerFactory(bid=bid, organisation=signatory(name="Hackney Council"), confirmed=True)
    return bid


def test_it_shows_every_answer_with_a_link_to_change_it(client, draft):
    page = client.get(url(draft)).content.decode()

    for answer in (draft.title, draft.problem, "Discovery", "£40,000", "Hackney Council", draft.reuse):
        assert answer in page
    for section, field in [("project", "title"), ("phase", "amount_requested"), ("principles", "reuse")]:
        assert f'href="/fund/bids/{draft.reference}/{section}#id_{field}"' in page
    assert "Now submit your expression of interest" in page


def test_it_submits_and_shows_the_confirmation(client, draft, member, mailoutbox):
    response = client.post(url(draft))

    assert response.url == f"/fund/bids/{draft.reference}/submitted"
    draft.refresh_from_db()
    assert draft.status == BidStatus.EOI_SUBMITTED
    assert [message.to for message in mailoutbox] == [[member.email]]


def test_it_says_what_stops_the_submission(client, draft):
    draft.partners.update(status="invited")

    page = client.get(url(draft)).content.decode()

    assert "Before you can submit" in page
    assert "Complete “Partners”" in page
    assert "This bid needs 1 more" in page
    assert "Now submit" not in page


def test_a_refused_submission_shows_each_reason(client, draft):
    BidFactory.create_batch(2, round=draft.round, lead_organisation=draft.lead_organisation, submitted=True)

    page = client.post(url(draft)).content.decode()

    assert "<title>Error: " in page
    assert "Camden Council already leads 2 submitted bids" in page
    draft.refresh_from_db()
    assert draft.status == BidStatus.DRAFT


def test_after_the_close_it_submits_nothing(client, draft):
    draft.round = RoundFactory(evaluating=True, min_signatory_authorities=2)
    draft.save()

    page = client.post(url(draft)).content.decode()

    assert "Expressions of interest have closed" in page
    draft.refresh_from_db()
    assert draft.status == BidStatus.DRAFT


def test_a_submitted_bid_goes_back_to_its_answers(client, draft):
    client.post(url(draft))
    assert client.get(url(draft)).url == f"/fund/bids/{draft.reference}"


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    bid = BidFactory()
    assert client.post(url(bid)).status_code == 404
    bid.refresh_from_db()
    assert bid.status == BidStatus.DRAFT
