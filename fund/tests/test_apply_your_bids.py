import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from fund.models import Bid, BidPartner, PartnerStatus
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/fund/bids"


def test_it_sends_someone_signed_out_to_sign_in(client):
    assert client.get(URL).url == f"/sign-in?next={URL}"


def test_it_lists_the_bids_the_members_organisations_lead_or_partner(client, member):
    council = OrganisationFactory(name="Camden Council")
    MembershipFactory(user=member, organisation=council)
    led = BidFactory(lead_organisation=council, title="Bins", submitted=True)
    joined = BidFactory(lead_organisation__name="Hackney Council", title="Parking")
    BidPartnerFactory(bid=joined, organisation=council)
    BidFactory(title="Someone else's")
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert f'href="/fund/bids/{led.reference}">Bins</a>' in page
    assert "Expression of interest submitted" in page
    assert "Parking" in page
    assert f'href="/fund/bids/{joined.reference}"' not in page
    assert "Your organisation is a partner" in page
    assert "Someone else's" not in page


def test_a_pending_membership_shows_nothing(client, member):
    council = OrganisationFactory()
    MembershipFactory(user=member, organisation=council, pending=True)
    BidFactory(lead_organisation=council, title="Bins")
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Bins" not in page
    assert 'href="/account/organisations/join"' in page


def many_bids(council, count: int) -> None:
    round_ = RoundFactory()
    others = OrganisationFactory.create_batch(2)
    start = Bid.objects.count()
    made = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"LDF-Y{start + number:05d}",
            lead_organisation=council if number % 2 else others[0],
            status=BidStatus.EOI_SUBMITTED,
            title=f"Bid {number}",
            eoi_submitted_at=timezone.now(),
        )
        for number in range(count)
    )
    BidPartner.objects.bulk_create(
        BidPartner(
            bid=bid,
            organisation=council if bid.lead_organisation_id != council.pk else others[1],
            status=PartnerStatus.CONFIRMED,
            contact_email="contact@example.org",
            token_hash=f"{bid.pk:064d}",
            link_expires_at=timezone.now(),
        )
        for bid in made
    )


def test_it_lists_400_bids_in_the_same_queries(client, member, django_assert_max_num_queries):
    council = OrganisationFactory()
    MembershipFactory(user=member, organisation=council)
    client.force_login(member)
    many_bids(council, 2)
    with django_assert_max_num_queries(10) as few:
        client.get(URL)
    many_bids(council, 398)

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL, {"page": 2}).content.decode()

    assert page.count('<tr class="govuk-table__row">') == 26


def test_a_bid_the_members_organisation_declined_to_join_is_not_listed(client, member):
    council = OrganisationFactory()
    MembershipFactory(user=member, organisation=council)
    declined = BidFactory(title="Declined one")
    BidPartnerFactory(bid=declined, organisation=council, status=PartnerStatus.DECLINED)
    joined = BidFactory(title="Joined one")
    BidPartnerFactory(bid=joined, organisation=council, confirmed=True)
    BidPartnerFactory(bid=joined, status=PartnerStatus.DECLINED)
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "Joined one" in page
    assert "Declined one" not in page
