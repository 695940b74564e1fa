import pytest

from declaration.tests.factories import SignatureFactory
from fund.eligibility import refusals, signatory_authorities
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def signatory(**fields):
    organisation = OrganisationFactory(**fields)
    SignatureFactory(organisation=organisation, signed=True)
    return organisation


def rules(found) -> list[str]:
    return [refusal.rule for refusal in found]


def test_it_lets_a_signatory_council_lead():
    assert refusals(RoundFactory(), signatory(name="Camden Council")) == []


def test_it_refuses_a_lead_that_is_not_a_local_authority():
    fire = signatory(name="Testshire Fire and Rescue", organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
    round_ = RoundFactory(name="Local Digital Fund round 1")

    [refusal] = refusals(round_, fire)

    assert refusal.rule == "local_authority"
    assert refusal.message == (
        "Only local authorities can lead a bid in Local Digital Fund round 1. Testshire Fire and Rescue can "
        "take part as a partner in a bid a local authority leads"
    )


def test_a_round_may_let_other_organisations_lead():
    fire = signatory(organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
    assert refusals(RoundFactory(lead_must_be_local_authority=False), fire) == []


def test_it_refuses_a_lead_that_has_not_signed_and_says_how_to_sign():
    council = OrganisationFactory(name="Unsigned Council")
    round_ = RoundFactory(name="Local Digital Fund round 2")

    [refusal] = refusals(round_, council)

    assert refusal.rule == "signatory"
    assert "Unsigned Council has not signed it" in refusal.message
    assert refusal.link == "/declaration/sign"
    assert refusal.link_text == "Sign the Local Digital Declaration for Unsigned Council"


@pytest.mark.parametrize("trait", ["submitted", "awaiting_signature"])
def test_a_signature_not_yet_signed_does_not_count(trait):
    council = OrganisationFactory()
    SignatureFactory(organisation=council, **{trait: True})
    assert rules(refusals(RoundFactory(), council)) == ["signatory"]


def test_a_round_may_let_non_signatories_lead():
    assert refusals(RoundFactory(lead_must_be_signatory=False), OrganisationFactory()) == []


def test_it_refuses_a_council_leading_a_third_bid():
    council = signatory(name="Camden Council")
    round_ = RoundFactory(name="Local Digital Fund round 3", max_bids_led=2)
    BidFactory.create_batch(2, round=round_, lead_organisation=council, submitted=True)

    [refusal] = refusals(round_, council)

    assert refusal.rule == "bids_led"
    assert refusal.message == (
        "Camden Council already leads 2 submitted bids in Local Digital Fund round 3. "
        "One organisation may lead 2 at most"
    )


def test_drafts_withdrawn_bids_and_other_rounds_do_not_count_towards_the_limit():
    council = signatory()
    round_ = RoundFactory(max_bids_led=2)
    BidFactory(round=round_, lead_organisation=council, submitted=True)
    BidFactory(round=round_, lead_organisation=council)
    BidFactory(round=round_, lead_organisation=council, status=BidStatus.WITHDRAWN)
    BidFactory(lead_organisation=council, submitted=True)

    assert refusals(round_, council) == []


def test_at_submission_the_bid_itself_is_not_counted():
    council = signatory()
    round_ = RoundFactory(max_bids_led=1, min_signatory_authorities=1)
    bid = BidFactory(round=round_, lead_organisation=council, submitted=True)

    assert refusals(round_, council, bid=bid) == []


def test_it_refuses_an_organisation_that_has_ended():
    council = signatory(name="Old District Council", ended=True)

    found = refusals(RoundFactory(), council)

    assert rules(found) == ["ended"]
    assert found[0].message == "Old District Council no longer exists, so it cannot lead a bid"


def test_it_says_every_rule_that_stops_a_lead():
    charity = OrganisationFactory(organisation_type=OrganisationType.NON_PROFIT, ended=True)
    assert rules(refusals(RoundFactory(), charity)) == ["ended", "local_authority", "signatory"]


def test_at_submission_it_counts_the_lead_and_confirmed_signatory_authorities():
    round_ = RoundFactory(min_signatory_authorities=3)
    bid = BidFactory(round=round_, lead_organisation=signatory())
    BidPartnerFactory(bid=bid, organisation=signatory(organisation_type=OrganisationType.DISTRICT), confirmed=True)

    [refusal] = refusals(round_, bid.lead_organisation, bid=bid)

    assert refusal.rule == "signatory_authorities"
    assert "needs at least 3 local authorities" in refusal.message
    assert "This bid needs 1 more" in refusal.message

    BidPartnerFactory(bid=bid, organisation=signatory(organisation_type=OrganisationType.COUNTY), confirmed=True)
    assert refusals(round_, bid.lead_organisation, bid=bid) == []


def test_partners_that_cannot_count_towards_the_minimum():
    bid = BidFactory(lead_organisation=signatory())
    BidPartnerFactory(bid=bid, organisation=signatory())  # invited, not yet confirmed
    BidPartnerFactory(bid=bid, organisation=signatory(), status="declined")
    BidPartnerFactory(bid=bid, organisation=OrganisationFactory(), confirmed=True)  # has not signed
    fire = signatory(organisation_type=OrganisationType.OTHER_PUBLIC_BODY)
    BidPartnerFactory(bid=bid, organisation=fire, confirmed=True)  # not a local authority
    BidPartnerFactory(bid=bid, organisation=signatory(ended=True), confirmed=True)

    assert signatory_authorities(bid) == 1
