"""Every business action on an expression of interest: members of the lead organisation start
a draft, answer its sections, invite partners and submit it inside the round's window;
partners confirm or decline through the link emailed to them. Views call these; nothing else
writes a bid's answers or status."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.models import User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import moment_in_words
from core.db import retry_while_sqlite_is_busy
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from declaration.services import REFERENCE_ALPHABET
from fund import eligibility
from fund.eligibility import Refusal
from fund.models import Bid, BidPartner, PartnerStatus, Round
from fund.queries import is_member
from fund.workflow import BID_TRANSITIONS, BidStatus, RoundStatus
from organisations.models import Organisation

PARTNER_LINK_DAYS = 14
# The sections of the task list, in order, and the answers each holds.
SECTIONS = {
    "project": ("title", "problem"),
    "phase": ("phase", "amount_requested"),
    "partners": (),
    "principles": ("principles", "reuse"),
}


class NotEligible(TransitionRefused):
    """The round's rules stop this bid: each refusal says which rule and what to do."""

    def __init__(self, refusals: list[Refusal]):
        super().__init__(refusals[0].message)
        self.refusals = refusals


# Starting and answering -------------------------------------------------------------------------


def start(round_: Round, organisation: Organisation, *, by) -> Bid:
    """A new draft expression of interest led by `organisation`, whose member `by` is."""
    if round_.status != RoundStatus.PUBLISHED:
        raise TransitionRefused("This round is not open")
    if not is_member(by, organisation.pk):
        raise TransitionRefused("You can only start a bid for an organisation you work for", field="organisation")
    _refuse_outside_window(round_)
    found = eligibility.refusals(round_, organisation)
    if found:
        raise NotEligible(found)
    for _ in range(5):
        try:
            with transaction.atomic():
                bid = Bid.objects.create(
                    round=round_,
                    lead_organisation=organisation,
                    created_by=by,
                    reference=f"LDF-{get_random_string(6, REFERENCE_ALPHABET)}",
                )
                audit.record(bid, "fund.eoi_started", by=by)
                return bid
        except IntegrityError:
            continue  # the random reference was taken: draw another
    raise RuntimeError("Could not find an unused reference")


def save_project(bid: Bid, *, by, title: str, problem: str) -> Bid:
    return _save(bid, by, {"title": title.strip(), "problem": problem.strip()})


def save_phase(bid: Bid, *, by, phase: str, amount_requested: int) -> Bid:
    """The phase the bid asks funding for, and how much: no more than the round's maximum."""
    with transaction.atomic():
        locked = _lock_editable(bid, by)
        _refuse_over_maximum(locked, phase, amount_requested)
        return _write(locked, by, {"phase": phase, "amount_requested": amount_requested})


def save_principles(bid: Bid, *, by, principles: str, reuse: str) -> Bid:
    return _save(bid, by, {"principles": principles.strip(), "reuse": reuse.strip()})


def unanswered_sections(bid: Bid) -> list[str]:
    """The task list's sections still to complete. Partners are complete once at least one
    organisation is asked and the round's minimum of signatory authorities is met."""
    missing = []
    for name, fields in SECTIONS.items():
        if name == "partners":
            done = bool(bid.partners.all()) and not eligibility.signatory_shortfall(bid)
        else:
            done = all(getattr(bid, field) not in ("", None) for field in fields)
        if not done:
            missing.append(name)
    return missing


# Partners -----------------------------------------------------------------------------------------


def invite_partner(bid: Bid, *, by, organisation: Organisation, contact_email: str) -> BidPartner:
    """Ask `organisation` to be a partner: the contact, who must have an address at one of
    its email domains if it has any, gets a link to confirm or decline."""
    contact_email = contact_email.strip().lower()
    with transaction.atomic():
        locked = _lock_editable(bid, by)
        if organisation.has_ended:
            raise TransitionRefused(f"{organisation} no longer exists. Choose a current organisation", field="name")
        if organisation.pk == locked.lead_organisation_id:
            raise TransitionRefused(f"{organisation} leads this bid. Choose a partner organisation", field="name")
        existing = locked.partners.filter(organisation=organisation).first()
        if existing is not None and existing.status == PartnerStatus.DECLINED:
            raise TransitionRefused(
                f"{organisation} declined to be a partner. Remove it from your partners to ask again", field="name"
            )
        if existing is not None:
            raise TransitionRefused(f"{organisation} is already a partner in this bid", field="name")
        _refuse_outside_domains(organisation, contact_email)
        token = new_token()
        partner = BidPartner.objects.create(
            bid=locked,
            organisation=organisation,
            contact_email=contact_email,
            token_hash=hash_token(token),
            link_expires_at=timezone.now() + timedelta(days=PARTNER_LINK_DAYS),
        )
        # The contact's address is private: the trail names the organisation only.
        audit.record(locked, "fund.partner_invited", by=by, changes={"partner": (None, organisation.name)})
        _email_partner(partner, token)
    return partner


def send_partner_link_again(bid: Bid, *, by, partner: BidPartner) -> BidPartner:
    """A new link for a partner who has not answered; the old one stops working."""
    with transaction.atomic():
        locked = _lock_editable(bid, by)
        row = _partner_of(locked, partner)
        if row.status != PartnerStatus.INVITED:
            raise TransitionRefused(f"{row.organisation} has already answered")
        token = new_token()
        row.token_hash = hash_token(token)
        row.link_expires_at = timezone.now() + timedelta(days=PARTNER_LINK_DAYS)
        row.save(update_fields=["token_hash", "link_expires_at"])
        audit.record(locked, "fund.partner_link_resent", by=by, changes={"partner": (None, row.organisation.name)})
        _email_partner(row, token)
    return row


def remove_partner(bid: Bid, *, by, partner: BidPartner) -> None:
    with transaction.atomic():
        locked = _lock_editable(bid, by)
        row = _partner_of(locked, partner)
        name = row.organisation.name
        row.delete()
        audit.record(locked, "fund.partner_removed", by=by, changes={"partner": (name, None)})


def check_partner_link(token: str) -> BidPartner:
    partner = (
        BidPartner.objects.select_related("bid__round", "bid__lead_organisation", "organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if partner is None:
        raise LinkRefused("invalid")
    if partner.status != PartnerStatus.INVITED:
        raise LinkRefused("used")
    if partner.link_expires_at <= timezone.now():
        raise LinkRefused("expired")
    return partner


def respond_as_partner(token: str, *, confirm: bool) -> BidPartner:
    """The partner's answer, from the link in their email: that email is the proof that they
    work there. Accepted after the bid is submitted too, as the lead asked before."""
    partner = check_partner_link(token)
    if partner.bid.status == BidStatus.WITHDRAWN:
        raise TransitionRefused("This bid has been withdrawn, so it no longer needs partners")
    status = PartnerStatus.CONFIRMED if confirm else PartnerStatus.DECLINED
    now = timezone.now()
    with transaction.atomic():
        # Of two clicks on one link, exactly one changes the row.
        answered = BidPartner.objects.filter(
            pk=partner.pk, status=PartnerStatus.INVITED, link_expires_at__gt=now
        ).update(status=status, responded_at=now)
        if not answered:
            raise LinkRefused("used")
        partner.status, partner.responded_at = status, now
        audit.record(
            partner.bid,
            f"fund.partner_{status}",
            changes={"partner": (partner.organisation.name, partner.get_status_display())},
        )
        context = {"bid": partner.bid, "partner": partner, "confirmed": confirm, "link": _task_list_link(partner.bid)}
        for email in _writers(partner.bid):
            send_email(email, "fund_partner_response", context)
    return partner


# Submitting -------------------------------------------------------------------------------------------


def submit(bid: Bid, *, by) -> Bid:
    """Send the expression of interest, inside the round's window (by the server's clock,
    checked under the lock), once every section is complete and the round's rules allow it."""
    return retry_while_sqlite_is_busy(lambda: _submit(bid, by=by))


def _submit(bid: Bid, *, by) -> Bid:
    step = BID_TRANSITIONS["submit_eoi"]
    with transaction.atomic():
        # The lead's row is locked first: of two of its bids submitted at once, the second
        # waits and counts the first against the lead's limit.
        lead = Organisation.objects.select_for_update().get(pk=bid.lead_organisation_id)
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
        _refuse_unless_member(locked, by)
        step.check(locked.status, by)
        _refuse_outside_window(locked.round)
        missing = unanswered_sections(locked)
        if missing and missing != ["partners"]:
            raise TransitionRefused("Complete every section before you submit")
        if not locked.partners.exists():
            raise TransitionRefused("Add at least one partner organisation before you submit")
        _refuse_over_maximum(locked, locked.phase, locked.amount_requested)
        found = eligibility.refusals(locked.round, lead, bid=locked)
        if found:
            raise NotEligible(found)
        before = locked.status
        locked.status, locked.eoi_submitted_at = step.target, timezone.now()
        locked.save(update_fields=["status", "eoi_submitted_at", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        context = {"bid": locked, "link": _task_list_link(locked)}
        for email in _writers(locked, also=by):
            send_email(email, "fund_eoi_submitted", context)
    return locked


def window_problem(round_: Round) -> str:
    """Why expressions of interest cannot be started, changed or sent now, by the server's
    clock; empty while the round's window is open."""
    now = timezone.now()
    if now < round_.eoi_opens_at:
        return f"{round_} opens for expressions of interest at {moment_in_words(round_.eoi_opens_at)}"
    if not round_.eoi_window_open(now):
        return (
            f"{round_} closed for expressions of interest at {moment_in_words(round_.eoi_closes_at)}. "
            "Expressions of interest can no longer be sent or changed"
        )
    return ""


# Helpers --------------------------------------------------------------------------------------------


def _save(bid: Bid, by, values: dict) -> Bid:
    with transaction.atomic():
        return _write(_lock_editable(bid, by), by, values)


def _write(locked: Bid, by, values: dict) -> Bid:
    before = {name: getattr(locked, name) for name in values}
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*values, "updated_at"])
    changes = audit.changed_fields(before, locked, list(values))
    if changes:
        audit.record(locked, "fund.eoi_changed", by=by, changes=changes)
    return locked


def _lock_editable(bid: Bid, by) -> Bid:
    """The bid, locked, if `by` may change it now: a member of the lead organisation, the bid
    still a draft, the round's window open. Checked under the lock, as a colleague may have
    submitted it in another tab."""
    locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
    _refuse_unless_member(locked, by)
    if locked.status != BidStatus.DRAFT:
        raise TransitionRefused("This expression of interest has been submitted, so it can no longer be changed")
    _refuse_outside_window(locked.round)
    return locked


def _refuse_unless_member(bid: Bid, by) -> None:
    if by is None or not by.is_authenticated or not is_member(by, bid.lead_organisation_id):
        raise TransitionRefused("Only people who work for the lead organisation can change this bid")


def _refuse_outside_window(round_: Round) -> None:
    problem = window_problem(round_)
    if problem:
        raise TransitionRefused(problem)


def _refuse_over_maximum(bid: Bid, phase: str, amount: int | None) -> None:
    offered = bid.round.phases.filter(phase=phase).first()
    if offered is None:
        raise TransitionRefused("Select a phase this round funds", field="phase")
    if amount is not None and amount > offered.max_award:
        raise TransitionRefused(
            f"Enter an amount of £{offered.max_award:,} or less, the most this round awards for "
            f"{offered.get_phase_display().lower()}",
            field="amount_requested",
        )


def _refuse_outside_domains(organisation: Organisation, email: str) -> None:
    domains = sorted(organisation.domains.values_list("domain", flat=True))
    if not domains:
        return
    at = email.rpartition("@")[2]
    if any(at == domain or at.endswith(f".{domain}") for domain in domains):
        return
    listed = domains[0] if len(domains) == 1 else ", ".join(domains[:-1]) + f" or {domains[-1]}"
    raise TransitionRefused(
        f"Enter an email address at {listed}, where people at {organisation} have their email",
        field="contact_email",
    )


def _partner_of(locked: Bid, partner: BidPartner) -> BidPartner:
    row = locked.partners.select_related("organisation").filter(pk=partner.pk).first()
    if row is None:
        raise TransitionRefused("That organisation is not a partner in this bid")
    return row


def _email_partner(partner: BidPartner, token: str) -> None:
    bid = partner.bid
    context = {
        "bid": bid,
        "partner": partner,
        "link": settings.SITE_URL + reverse("fund:partner_response", args=[token]),
        "expires": moment_in_words(partner.link_expires_at),
    }
    send_email(partner.contact_email, "fund_partner_invitation", context)


def _writers(bid: Bid, *, also=None) -> list[str]:
    """The addresses of the people who wrote the bid (started it or changed an answer), as
    long as they still work for the lead organisation."""
    authors = set(audit.events_for(bid).exclude(actor=None).values_list("actor_id", flat=True))
    authors |= {bid.created_by_id, getattr(also, "pk", None)}
    return list(
        User.objects.filter(
            pk__in=authors - {None},
            memberships__organisation_id=bid.lead_organisation_id,
            memberships__status=MembershipStatus.APPROVED,
        )
        .order_by("email")
        .values_list("email", flat=True)
    )


def _task_list_link(bid: Bid) -> str:
    return settings.SITE_URL + reverse("fund:bid", args=[bid.reference])
