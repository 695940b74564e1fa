import itertools

import pytest
from django.utils import timezone

from fund.models import Bid, BidPartner, PartnerStatus
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
REFERENCES = itertools.count()


def url(round_) -> str:
    return f"/fund/{round_.slug}/expressions-of-interest"


def submitted_bids(round_, count: int) -> None:
    """`count` submitted bids, each with a confirmed partner, written in a few queries."""
    leads = OrganisationFactory.create_batch(3)
    partner = OrganisationFactory(name="Testshire Fire and Rescue")
    numbers = [next(REFERENCES) for _ in range(count)]
    made = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"LDF-M{number:05d}",
            lead_organisation=leads[number % 3],
            status=BidStatus.EOI_SUBMITTED,
            title=f"Shared service {number}",
            problem="Residents wait too long.",
            phase="discovery",
            amount_requested=40_000,
            eoi_submitted_at=timezone.now(),
        )
        for number in numbers
    )
    BidPartner.objects.bulk_create(
        BidPartner(
            bid=bid,
            organisation=partner,
            status=PartnerStatus.CONFIRMED,
            contact_email=f"contact{bid.pk}@fire.example",
            token_hash=f"{bid.pk:064d}",
            link_expires_at=timezone.now(),
        )
        for bid in made
    )


@pytest.fixture
def closed_round():
    return RoundFactory(evaluating=True, publish_eois_after_close=True)


def test_it_lists_the_submitted_expressions_of_interest_without_personal_data(client, closed_round):
    bid = BidFactory(
        round=closed_round,
        submitted=True,
        title="Bin collection data",
        lead_organisation__name="Camden Council",
        created_by__full_name="Robin Writer",
        created_by__email="robin@camden.example",
        amount_requested=45_000,
    )
    BidPartnerFactory(
        bid=bid, organisation__name="Hackney Council", confirmed=True, contact_email="sam@hackney.example"
    )
    BidPartnerFactory(bid=bid, organisation__name="Waiting Council")
    BidFactory(round=closed_round, title="Unsent draft")
    BidFactory(round=closed_round, title="Withdrawn one", status=BidStatus.WITHDRAWN)

    page = client.get(url(closed_round)).content.decode()

    for text in ("Bin collection data", "Camden Council", "Hackney Council", "Discovery", "£45,000", bid.problem):
        assert text in page
    for hidden in ("Waiting Council", "Unsent draft", "Withdrawn one", "Robin Writer", "robin@", "sam@"):
        assert hidden not in page
    assert "We received 1 expression of interest" in page


def test_it_is_not_found_before_the_close_or_when_the_round_does_not_publish(client):
    assert client.get(url(RoundFactory(publish_eois_after_close=True))).status_code == 404
    assert client.get(url(RoundFactory(evaluating=True, publish_eois_after_close=False))).status_code == 404


def test_it_pages_through_400_bids_with_the_same_queries(client, closed_round, django_assert_max_num_queries):
    submitted_bids(closed_round, 2)
    with django_assert_max_num_queries(6) as few:
        client.get(url(closed_round))
    submitted_bids(closed_round, 398)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(closed_round), {"page": 3})

    page = response.content.decode()
    assert "We received 400 expressions of interest" in page
    assert page.count('class="govuk-summary-card"') == 25
