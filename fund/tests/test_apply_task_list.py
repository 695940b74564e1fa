import re

import pytest

from accounts.tests.factories import MembershipFactory
from declaration.tests.factories import SignatureFactory
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}"


def signatory(**fields):
    organisation = OrganisationFactory(**fields)
    SignatureFactory(organisation=organisation, signed=True)
    return organisation


@pytest.fixture
def draft(client, member):
    council = signatory(name="Camden Council")
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)
    return BidFactory(lead_organisation=council, round=RoundFactory(min_signatory_authorities=2), reuse="")


def statuses(page: str) -> dict[str, str]:
    found = re.findall(
        r'task-list__link" href="[^"]+" aria-describedby="[^"]+">([^<]+)</a>'
        r'.*?task-list__status" id="[^"]+">\s*(.*?)\s*</div>',
        page,
        re.S,
    )
    return {name: re.sub(r"<[^>]+>", "", status).strip() for name, status in found}


def test_it_sends_someone_signed_out_to_sign_in(client):
    bid = BidFactory()
    assert client.get(url(bid)).url == f"/sign-in?next={url(bid)}"


def test_it_does_not_find_another_organisations_bid(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    assert client.get(url(BidFactory())).status_code == 404


def test_a_partner_organisations_member_does_not_find_it_either(client, member):
    bid = BidFactory()
    partner = BidPartnerFactory(bid=bid, confirmed=True)
    MembershipFactory(user=member, organisation=partner.organisation)
    client.force_login(member)
    assert client.get(url(bid)).status_code == 404


def test_it_shows_each_section_and_whether_it_is_complete(client, draft):
    partner = BidPartnerFactory(bid=draft, organisation__name="Hackney Council")

    page = client.get(url(draft)).content.decode()

    assert statuses(page) == {
        "Project details": "Completed",
        "Phase and amount": "Completed",
        "Partners": "Incomplete",
        "The declaration’s principles and reuse": "Incomplete",
    }
    assert "Hackney Council: waiting for confirmation" in page
    assert "You have completed 2 of 4 sections" in page
    assert "Cannot start yet" in page
    assert f'href="/fund/bids/{draft.reference}/check"' not in page

    SignatureFactory(organisation=partner.organisation, signed=True)
    partner.status = "confirmed"
    partner.save()
    draft.reuse = "Open Referral"
    draft.save()
    page = client.get(url(draft)).content.decode()
    assert set(statuses(page).items()) == {
        ("Project details", "Completed"),
        ("Phase and amount", "Completed"),
        ("Partners", "Completed"),
        ("The declaration’s principles and reuse", "Completed"),
        ("Check your answers and submit", "Not yet started"),
    }
    assert f'href="/fund/bids/{draft.reference}/check"' in page


def test_after_the_close_it_says_the_round_closed_and_links_to_nothing(client, draft):
    draft.round = RoundFactory(evaluating=True)
    draft.save()

    page = client.get(url(draft)).content.decode()

    assert "closed for expressions of interest at" in page
    assert "govuk-task-list" not in page
    assert f"/fund/bids/{draft.reference}/project" not in page


def test_a_submitted_bid_shows_its_answers_without_change_links(client, draft):
    draft.status = BidStatus.EOI_SUBMITTED
    draft.save()

    page = client.get(url(draft)).content.decode()

    assert "Expression of interest submitted" in page
    assert draft.problem in page
    assert ">Change<" not in page
    assert "govuk-task-list" not in page


def test_an_invited_bid_leads_to_its_full_application(client, draft):
    draft.status = BidStatus.INVITED
    draft.save()

    page = client.get(url(draft)).content.decode()

    assert "Invited to apply" in page
    assert f'href="/fund/bids/{draft.reference}/application"' in page


def test_it_answers_only_get(client, draft):
    assert client.post(url(draft)).status_code == 405
