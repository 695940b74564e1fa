import pytest

from accounts.tests.factories import MembershipFactory
from declaration.tests.factories import SignatureFactory
from fund.models import Bid
from fund.tests.factories import BidFactory, RoundFactory
from fund.workflow import BidStatus, RoundStatus
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/fund/{round_.slug}/apply"


def signatory(**fields):
    organisation = OrganisationFactory(**fields)
    SignatureFactory(organisation=organisation, signed=True)
    return organisation


@pytest.fixture
def round_():
    return RoundFactory()


def test_it_sends_someone_signed_out_to_sign_in(client, round_):
    assert client.get(url(round_)).url == f"/sign-in?next={url(round_)}"


def test_it_starts_a_draft_for_the_members_council(client, member, round_):
    council = signatory(name="Camden Council")
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)

    page = client.get(url(round_)).content.decode()
    assert "Camden Council</strong> can lead a bid in this round" in page
    response = client.post(url(round_), {"organisation": council.pk})

    bid = Bid.objects.get()
    assert response.url == f"/fund/bids/{bid.reference}"
    assert (bid.lead_organisation, bid.created_by, bid.status) == (council, member, BidStatus.DRAFT)


def test_it_says_which_rule_stops_each_organisation_and_how_to_sign(client, member, round_):
    MembershipFactory(user=member, organisation=OrganisationFactory(name="Unsigned Council"))
    fire = signatory(name="Testshire Fire", organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
    MembershipFactory(user=member, organisation=fire)
    client.force_login(member)

    page = client.get(url(round_)).content.decode()

    assert "Unsigned Council has not signed it" in page
    assert (
        '<a class="govuk-link" href="/declaration/sign">Sign the Local Digital Declaration for Unsigned Council</a>'
        in page
    )
    assert "Only local authorities can lead a bid" in page
    assert 'type="submit"' not in page.split("<main")[1].split("</main>")[0]


def test_it_refuses_to_start_for_an_organisation_the_rules_stop(client, member, round_):
    unsigned = OrganisationFactory()
    MembershipFactory(user=member, organisation=unsigned)
    client.force_login(member)

    page = client.post(url(round_), {"organisation": unsigned.pk}).content.decode()

    assert "Select an organisation you work for" in page
    assert not Bid.objects.exists()


def test_with_several_eligible_organisations_the_member_chooses(client, member, round_):
    first, second = signatory(name="Camden Council"), signatory(name="Hackney Council")
    MembershipFactory(user=member, organisation=first)
    MembershipFactory(user=member, organisation=second)
    client.force_login(member)

    assert 'name="organisation" value="' in client.get(url(round_)).content.decode()
    page = client.post(url(round_), {}).content.decode()
    assert '<a href="#id_organisation_0">Select the organisation that will lead the bid</a>' in page

    client.post(url(round_), {"organisation": second.pk})
    assert Bid.objects.get().lead_organisation == second


def test_someone_from_no_organisation_is_told_to_join_one(client, member, round_):
    client.force_login(member)
    page = client.get(url(round_)).content.decode()
    assert 'href="/account/organisations/join"' in page


def test_a_pending_membership_does_not_count(client, member, round_):
    council = signatory()
    MembershipFactory(user=member, organisation=council, pending=True)
    client.force_login(member)
    client.post(url(round_), {"organisation": council.pk})
    assert not Bid.objects.exists()


def test_after_the_close_it_says_so_and_starts_nothing(client, member):
    round_ = RoundFactory(evaluating=True)
    council = signatory()
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)

    page = client.post(url(round_), {"organisation": council.pk}).content.decode()

    assert "closed for expressions of interest" in page
    assert not Bid.objects.exists()


def test_it_offers_the_organisations_drafts_again(client, member, round_):
    council = signatory()
    MembershipFactory(user=member, organisation=council)
    draft = BidFactory(round=round_, lead_organisation=council, title="Bins")
    client.force_login(member)
    assert f'href="/fund/bids/{draft.reference}">Bins</a>' in client.get(url(round_)).content.decode()


def test_a_draft_round_is_not_found(client, member):
    client.force_login(member)
    assert client.get(url(RoundFactory(status=RoundStatus.DRAFT))).status_code == 404
