import pytest
from django.utils import timezone

from accounts.demo import people_and_staff
from declaration.demo import declarations
from declaration.tests.factories import SignatureFactory
from fund import eligibility
from fund.demo.rounds import DRAFTS, SUBMITTED, open_round
from fund.models import Bid, PartnerStatus, Round
from fund.workflow import BidStatus
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# The councils the demo's bids name; Bristol and Cardiff sign through the declaration demo.
FOUNDING = ["CMD", "HCK", "LDS", "ESS", "SKP", "BIR", "NFK", "MIK", "NEL", "SWK", "STN", "KTT", "HRW", "BNS"]
FOUNDING += ["DNC", "CAM", "BUC", "MAN", "GMCA", "LCE", "WOK", "NBL", "WMCA", "NKE", "WLI"]


@pytest.fixture
def councils():
    for code in FOUNDING:
        SignatureFactory(organisation__register_code=code, signed=True, is_founding=True)
    for code in ("BST", "CRF", "GLG", "KEN", "CON", "BNH"):
        OrganisationFactory(register_code=code)
    OrganisationFactory(slug="adur-and-worthing-councils", organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
    people_and_staff()
    declarations()


def test_it_opens_a_round_with_submitted_expressions_of_interest_that_meet_its_rules(councils):
    summary = open_round()

    round_ = Round.objects.get()
    assert summary == f"Demo fund round: {round_} added; 14 expressions of interest and 4 writers added"
    assert round_.eoi_window_open(timezone.now())
    assert dict(round_.phases.values_list("phase", "max_award")) == {
        "discovery": 50_000,
        "alpha": 100_000,
        "beta": 350_000,
    }
    assert round_.criteria.filter(stage="eoi").count() == 4
    submitted = Bid.objects.filter(status=BidStatus.EOI_SUBMITTED)
    assert submitted.count() == len(SUBMITTED) == 12
    assert Bid.objects.filter(status=BidStatus.DRAFT).count() == len(DRAFTS)
    for bid in submitted:
        assert eligibility.refusals(round_, bid.lead_organisation, bid=bid) == []
        assert bid.amount_requested <= round_.phases.get(phase=bid.phase).max_award
        assert set(bid.partners.values_list("status", flat=True)) == {PartnerStatus.CONFIRMED}
        assert round_.eoi_opens_at <= bid.eoi_submitted_at <= timezone.now()


def test_running_it_again_adds_nothing(councils):
    open_round()
    counts = (Round.objects.count(), Bid.objects.count())

    assert (
        open_round()
        == "Demo fund round: Local Digital Fund round 9 already there; 0 expressions of interest and 0 writers added"
    )
    assert (Round.objects.count(), Bid.objects.count()) == counts


def test_it_leaves_out_bids_whose_lead_is_not_here_or_has_not_signed():
    OrganisationFactory(register_code="CMD")
    assert open_round().endswith("0 expressions of interest and 0 writers added")
    assert Round.objects.exists()
    assert not Bid.objects.exists()
