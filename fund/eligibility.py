"""Who may lead a bid in a round, by the rules the round's prospectus sets. Every check of
eligibility, on the start page and again at submission, goes through `refusals`."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from declaration.models import Signature
from declaration.workflow import SignatureStatus
from fund.models import Bid, BidPartner, PartnerStatus, Round
from fund.workflow import BidStatus
from organisations.models import LOCAL_AUTHORITY_TYPES, Organisation

# Submitted bids that count towards an organisation's limit: all but those it withdrew.
COUNTED_STATES = frozenset(set(BidStatus) - {BidStatus.DRAFT, BidStatus.WITHDRAWN})


@dataclass(frozen=True)
class Refusal:
    """One rule that stops a bid, said so the applicant knows what to do about it. `link`
    and `link_text`, when given, are the way to put it right."""

    rule: str
    message: str
    link: str = ""
    link_text: str = ""


def refusals(round_: Round, lead: Organisation, *, bid: Bid | None = None) -> list[Refusal]:
    """Every rule of `round_` that stops `lead` leading a bid in it: empty when it may. With
    `bid` (at submission) the bid itself is not counted against the lead's limit, and the
    bid must have enough signatory local authorities among its lead and confirmed partners."""
    found = []
    if lead.has_ended:
        found.append(Refusal("ended", f"{lead} no longer exists, so it cannot lead a bid"))
    if round_.lead_must_be_local_authority and not lead.is_local_authority:
        found.append(
            Refusal(
                "local_authority",
                f"Only local authorities can lead a bid in {round_}. {lead} can take part as a partner "
                "in a bid a local authority leads",
            )
        )
    if round_.lead_must_be_signatory and not _signatories([lead.pk]):
        found.append(
            Refusal(
                "signatory",
                f"Only organisations that have signed the Local Digital Declaration can lead a bid in {round_}, "
                f"and {lead} has not signed it",
                link=reverse("declaration:sign"),
                link_text=f"Sign the Local Digital Declaration for {lead}",
            )
        )
    led = Bid.objects.filter(round=round_, lead_organisation=lead, status__in=COUNTED_STATES)
    if bid is not None:
        led = led.exclude(pk=bid.pk)
    count = led.count()
    if count >= round_.max_bids_led:
        found.append(
            Refusal(
                "bids_led",
                f"{lead} already leads {count} submitted bid{'s' if count != 1 else ''} in {round_}. "
                f"One organisation may lead {round_.max_bids_led} at most",
            )
        )
    if bid is not None:
        shortfall = signatory_shortfall(bid)
        if shortfall:
            found.append(
                Refusal(
                    "signatory_authorities",
                    f"A bid in {round_} needs at least {round_.min_signatory_authorities} local authorities that "
                    "have signed the Local Digital Declaration, counting the lead and partners who have confirmed. "
                    f"This bid needs {shortfall} more: add a partner or ask those you invited to confirm",
                )
            )
    return found


def signatory_authorities(bid: Bid) -> int:
    """How many of the bid's lead and confirmed partners are local authorities that have
    signed the declaration."""
    confirmed = BidPartner.objects.filter(bid=bid, status=PartnerStatus.CONFIRMED).values_list(
        "organisation_id", flat=True
    )
    candidates = (
        Organisation.objects.current()
        .filter(Q(pk=bid.lead_organisation_id) | Q(pk__in=confirmed), organisation_type__in=LOCAL_AUTHORITY_TYPES)
        .values_list("pk", flat=True)
    )
    return len(_signatories(list(candidates)))


def signatory_shortfall(bid: Bid) -> int:
    """How many more signatory local authorities the bid needs before it can be submitted."""
    return max(0, bid.round.min_signatory_authorities - signatory_authorities(bid))


def _signatories(organisation_ids: list[int]) -> set[int]:
    # A signature whose withdrawal is only requested still stands until staff confirm it.
    return set(
        Signature.objects.filter(organisation_id__in=organisation_ids, status=SignatureStatus.SIGNED).values_list(
            "organisation_id", flat=True
        )
    )
