"""Read functions for the fund's round and expression-of-interest pages: bounded and
pre-joined, so a page costs the same number of queries however many bids it shows."""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from core.dates import LONDON, moment_in_words
from fund.models import Bid, BidPartner, PartnerStatus, Phase, Round, RoundPhase, RoundStage
from fund.workflow import BidStatus, RoundStatus
from organisations.models import Organisation

PAGE_SIZE = 25
# Expressions of interest the public may see once a round publishes them: all submitted,
# except those their leads withdrew.
PUBLISHED_EOI_STATES = frozenset(set(BidStatus) - {BidStatus.DRAFT, BidStatus.WITHDRAWN})
# How each bid state looks on a GOV.UK tag, keyed by code so relabelling a state changes nothing.
# Phases in the order a project goes through them, not alphabetically by code.
PHASE_ORDER = Case(*(When(phase=phase, then=Value(number)) for number, phase in enumerate(Phase)))
PARTNER_STATUS_TAG_CLASSES = {
    PartnerStatus.INVITED: "govuk-tag--yellow",
    PartnerStatus.CONFIRMED: "govuk-tag--green",
    PartnerStatus.DECLINED: "govuk-tag--red",
}


# Dates as people read them -------------------------------------------------------------------


def london_date(moment: datetime) -> str:
    local = timezone.localtime(moment, LONDON)
    return f"{local.day} {local:%B %Y}"


# Where a round is in its year -------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineStep:
    title: str
    when: str
    current: bool


def timeline(round_: Round, now: datetime | None = None) -> list[TimelineStep]:
    """The round's stages with their dates, the one it is in now marked."""
    stage = round_.stage(now)
    steps = [
        (
            "Expressions of interest",
            f"From {moment_in_words(round_.eoi_opens_at)} to {moment_in_words(round_.eoi_closes_at)}",
            {RoundStage.EOI_OPEN},
        ),
        (
            "Expressions of interest evaluated",
            f"Until {london_date(round_.evaluation_ends_at)}",
            {RoundStage.EVALUATION},
        ),
        (
            "Full applications from invited bids",
            f"From {moment_in_words(round_.applications_open_at)} to {moment_in_words(round_.applications_close_at)}",
            {RoundStage.APPLICATIONS_OPEN},
        ),
        ("Funding decisions", f"Applicants told by {london_date(round_.decisions_by)}", {RoundStage.DECIDING}),
        ("Kick-off", london_date(round_.kick_off_at), {RoundStage.DECIDED, RoundStage.UNDERWAY}),
    ]
    return [TimelineStep(title, when, stage in stages) for title, when, stages in steps]


# Rounds -------------------------------------------------------------------------------------------


def published_rounds_in_order() -> QuerySet[Round]:
    """Published rounds, those not yet under way first, each group newest first."""
    now = timezone.now()
    return (
        Round.objects.filter(status=RoundStatus.PUBLISHED)
        .prefetch_related(_phases_in_order("phases"))
        .annotate(is_past=Case(When(kick_off_at__lte=now, then=Value(1)), default=Value(0)))
        .order_by("is_past", "-eoi_opens_at", "pk")
    )


def published_rounds(page_number) -> Page:
    return Paginator(published_rounds_in_order(), PAGE_SIZE).get_page(page_number)


def published_round(slug: str) -> Round:
    rounds = Round.objects.filter(status=RoundStatus.PUBLISHED).prefetch_related(_phases_in_order("phases"))
    return get_object_or_404(rounds, slug=slug)


def rounds_for_staff(page_number) -> Page:
    rounds = Round.objects.annotate(
        submitted=Count("bids", filter=Q(bids__status__in=PUBLISHED_EOI_STATES)),
        drafts=Count("bids", filter=Q(bids__status=BidStatus.DRAFT)),
    ).order_by("-eoi_opens_at", "pk")
    return Paginator(rounds, PAGE_SIZE).get_page(page_number)


def round_for_staff(slug: str) -> Round:
    return get_object_or_404(Round.objects.prefetch_related(_phases_in_order("phases"), "criteria"), slug=slug)


def bid_counts(round_: Round) -> list[tuple[BidStatus, int]]:
    """How many of the round's bids are in each state, counted in one query."""
    counts = Bid.objects.filter(round=round_).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in BidStatus}
    )
    return [(status, counts[status.value]) for status in BidStatus]


# Expressions of interest in public --------------------------------------------------------------


def eois_are_public(round_: Round, now: datetime | None = None) -> bool:
    return round_.publish_eois_after_close and (now or timezone.now()) >= round_.eoi_closes_at


def public_eois(round_: Round) -> QuerySet[Bid]:
    """The round's submitted expressions of interest with their lead and confirmed partners:
    organisations only, never the people who wrote them. 404 until the round publishes them."""
    if not eois_are_public(round_):
        raise Http404("This round does not publish its expressions of interest")
    return (
        Bid.objects.filter(round=round_, status__in=PUBLISHED_EOI_STATES)
        .select_related("lead_organisation")
        .prefetch_related(_confirmed_partners())
        .order_by("lead_organisation__name", "title", "pk")
    )


def eoi_page(bids: QuerySet[Bid], page_number) -> Page:
    return Paginator(bids, PAGE_SIZE).get_page(page_number)


# Applicants' bids -----------------------------------------------------------------------------------


def member_organisations(user) -> QuerySet[Organisation]:
    """The organisations `user` works for: their approved memberships."""
    return Organisation.objects.filter(memberships__user=user, memberships__status=MembershipStatus.APPROVED).order_by(
        "name"
    )


def is_member(user, organisation_id: int) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, status=MembershipStatus.APPROVED
    ).exists()


def organisations_by_id(ids: list[int]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def drafts_led_by(round_: Round, organisations: list[Organisation]) -> QuerySet[Bid]:
    """Drafts in `round_` that the organisations lead, for the start page to offer again."""
    return (
        Bid.objects.filter(round=round_, status=BidStatus.DRAFT, lead_organisation__in=organisations)
        .select_related("lead_organisation")
        .order_by("-updated_at", "pk")
    )


def partner_names(bid: Bid) -> QuerySet:
    """The names the partner finder suggests: every current organisation but the lead."""
    return Organisation.objects.current().exclude(pk=bid.lead_organisation_id).values_list("name", flat=True)


def bids_of(user, page_number) -> Page:
    """Bids that the user's organisations lead or were asked to join (and did not decline),
    newest first."""
    organisations = member_organisations(user).values("pk")
    partnering = Q(
        partners__organisation__in=organisations,
        partners__status__in=[PartnerStatus.INVITED, PartnerStatus.CONFIRMED],
    )
    bids = (
        Bid.objects.filter(Q(lead_organisation__in=organisations) | partnering)
        .distinct()
        .select_related("round", "lead_organisation")
        .prefetch_related(Prefetch("partners", queryset=BidPartner.objects.select_related("organisation")))
        .order_by("-created_at", "pk")
    )
    page = Paginator(bids, PAGE_SIZE).get_page(page_number)
    led = set(organisations.values_list("pk", flat=True))
    for bid in page.object_list:
        bid.user_leads = bid.lead_organisation_id in led
    return page


def bid_for_member(user, reference: str) -> Bid:
    """A bid for the task list and its sections: only approved members of its lead
    organisation find it; everyone else is told it is not there."""
    bids = Bid.objects.select_related("round", "lead_organisation").prefetch_related(
        Prefetch("partners", queryset=BidPartner.objects.select_related("organisation")),
        _phases_in_order("round__phases"),
    )
    bid = get_object_or_404(bids, reference=reference)
    if not is_member(user, bid.lead_organisation_id):
        raise Http404("No bid with that reference")
    return bid


def _phases_in_order(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=RoundPhase.objects.order_by(PHASE_ORDER))


def _confirmed_partners() -> Prefetch:
    return Prefetch(
        "partners",
        queryset=BidPartner.objects.filter(status=PartnerStatus.CONFIRMED).select_related("organisation"),
        to_attr="confirmed_partners",
    )
