"""Members of a local authority write an expression of interest: the start page with the
round's eligibility check, the task list and its sections, partners and their confirmation
by email, checking and submitting, and the list of their organisations' bids. Only approved
members of the lead organisation find a bid's pages; for anyone else it is not there."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.dates import moment_in_words
from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import public, signed_in
from core.tokens import LinkRefused
from core.workflow import TransitionRefused
from fund import bids, eligibility, queries
from fund.forms.bids import ChooseLeadForm, PartnerForm, PartnerResponseForm, PhaseForm, PrinciplesForm, ProjectForm
from fund.models import PartnerStatus
from fund.workflow import BidStatus

LINK_REFUSED_STATUS = {"invalid": 404, "expired": 410, "used": 410}
SECTION_TITLES = {
    "project": "Project details",
    "phase": "Phase and amount",
    "partners": "Partners",
    "principles": "The declaration’s principles and reuse",
}


# Starting ---------------------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def start(request, slug):
    round_ = queries.published_round(slug)
    if request.user.is_supplier_account:
        return render(request, "tender/suppliers/public_sector_only.html", status=403)
    organisations = list(queries.member_organisations(request.user))
    checks = [(organisation, eligibility.refusals(round_, organisation)) for organisation in organisations]
    eligible = [organisation.pk for organisation, found in checks if not found]
    form = ChooseLeadForm(posted(request), organisations=queries.organisations_by_id(eligible))
    closed = bids.window_problem(round_)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            bid = bids.start(round_, form.cleaned_data["organisation"], by=request.user)
        except bids.NotEligible as refusal:
            for found in refusal.refusals:
                form.add_error("organisation", found.message)
        except TransitionRefused as refusal:
            form.add_error("organisation", refusal.message)
        else:
            return redirect("fund:bid", reference=bid.reference)
    drafts = queries.drafts_led_by(round_, organisations)
    context = {
        "round": round_,
        "checks": checks,
        "eligible": eligible,
        "form": form,
        "closed": closed,
        "drafts": drafts,
        "closes": moment_in_words(round_.eoi_closes_at),
    }
    return render(request, "fund/apply/start.html", context)


# The task list and its sections -------------------------------------------------------------------


@signed_in
@require_safe
def task_list(request, reference):
    bid = queries.bid_for_member(request.user, reference)
    if bid.status != BidStatus.DRAFT:
        return render(request, "fund/apply/bid.html", _answers(bid))
    missing = bids.unanswered_sections(bid)
    sections = [(name, title, name not in missing) for name, title in SECTION_TITLES.items()]
    context = {
        **_answers(bid),
        "sections": sections,
        "completed": len(sections) - len(missing),
        "closed": bids.window_problem(bid.round),
        "closes": moment_in_words(bid.round.eoi_closes_at),
    }
    return render(request, "fund/apply/task_list.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def project(request, reference):
    return _section(request, reference, ProjectForm, "project", bids.save_project)


@signed_in
@require_http_methods(["GET", "POST"])
def phase(request, reference):
    return _section(request, reference, PhaseForm, "phase", bids.save_phase)


@signed_in
@require_http_methods(["GET", "POST"])
def principles(request, reference):
    return _section(request, reference, PrinciplesForm, "principles", bids.save_principles)


# Partners --------------------------------------------------------------------------------------------


@signed_in
@require_safe
def partners(request, reference):
    bid = queries.bid_for_member(request.user, reference)
    return _blocked(request, bid) or _render_partners(request, bid, DecisionForm())


@signed_in
@require_http_methods(["GET", "POST"])
def add_partner(request, reference):
    bid = queries.bid_for_member(request.user, reference)
    blocked = _blocked(request, bid)
    if blocked:
        return blocked
    form = PartnerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        organisation = form.organisation
        try:
            bids.invite_partner(
                bid, by=request.user, organisation=organisation, contact_email=form.cleaned_data["contact_email"]
            )
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"We have emailed your contact at {organisation} a link to confirm")
            return redirect("fund:bid_partners", reference=reference)
    names = queries.partner_names(bid)
    return render(request, "fund/apply/add_partner.html", {"bid": bid, "form": form, "organisation_names": names})


@signed_in
@require_POST
def remove_partner(request, reference, pk):
    bid = queries.bid_for_member(request.user, reference)
    partner = get_object_or_404(bid.partners.select_related("organisation"), pk=pk)
    return _partner_action(
        request,
        bid,
        lambda: bids.remove_partner(bid, by=request.user, partner=partner),
        f"You removed {partner.organisation}",
    )


@signed_in
@require_POST
def resend_partner_link(request, reference, pk):
    bid = queries.bid_for_member(request.user, reference)
    partner = get_object_or_404(bid.partners.select_related("organisation"), pk=pk)
    return _partner_action(
        request,
        bid,
        lambda: bids.send_partner_link_again(bid, by=request.user, partner=partner),
        f"We have emailed your contact at {partner.organisation} a new link. The old one no longer works",
    )


@public
@require_http_methods(["GET", "POST"])
def partner_response(request, token):
    # The link from the contact's email is the authority: no account is needed to answer.
    try:
        partner = bids.check_partner_link(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal)
    form = PartnerResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            answered = bids.respond_as_partner(token, confirm=form.cleaned_data["answer"] == "confirm")
        except LinkRefused as refusal:
            return _link_refused(request, refusal)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return render(request, "fund/apply/partner_answered.html", {"partner": answered, "bid": answered.bid})
    bid = partner.bid
    others = bid.partners.filter(status=PartnerStatus.CONFIRMED).exclude(pk=partner.pk).select_related("organisation")
    context = {"partner": partner, "bid": bid, "others": others, "form": form}
    return render(request, "fund/apply/partner_response.html", context)


# Checking and submitting ---------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def check(request, reference):
    bid = queries.bid_for_member(request.user, reference)
    blocked = _blocked(request, bid)
    if blocked:
        return blocked
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            bids.submit(bid, by=request.user)
        except bids.NotEligible as refusal:
            for found in refusal.refusals:
                form.add_error(None, found.message)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("fund:bid_submitted", reference=reference)
        bid = queries.bid_for_member(request.user, reference)
    context = {
        **_answers(bid),
        "form": form,
        "missing": [SECTION_TITLES[name] for name in bids.unanswered_sections(bid)],
        "refusals": [] if form.errors else eligibility.refusals(bid.round, bid.lead_organisation, bid=bid),
    }
    return render(request, "fund/apply/check.html", context)


@signed_in
@require_safe
def submitted(request, reference):
    bid = queries.bid_for_member(request.user, reference)
    if bid.status == BidStatus.DRAFT:
        return redirect("fund:bid_check", reference=reference)
    return render(request, "fund/apply/submitted.html", {"bid": bid})


@signed_in
@require_safe
def your_bids(request):
    page = queries.bids_of(request.user, request.GET.get("page"))
    works_somewhere = queries.member_organisations(request.user).exists()
    context = {"page": page, "pagination": pagination(page, request.GET), "works_somewhere": works_somewhere}
    return render(request, "fund/apply/your_bids.html", context)


# Helpers ---------------------------------------------------------------------------------------------


def _section(request, reference, form_class, name: str, save):
    bid = queries.bid_for_member(request.user, reference)
    blocked = _blocked(request, bid)
    if blocked:
        return blocked
    extra = {"round_phases": bid.round.phases.all()} if form_class is PhaseForm else {}
    form = form_class(posted(request), initial={field: getattr(bid, field) for field in bids.SECTIONS[name]}, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            save(bid, by=request.user, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return redirect("fund:bid", reference=reference)
    context = {"bid": bid, "form": form, "title": SECTION_TITLES[name]}
    return render(request, f"fund/apply/{name}.html", context)


def _blocked(request, bid):
    """The page to show instead of a form when the bid cannot change: a submitted bid's
    answers, or the round's closing notice once its window has shut."""
    if bid.status != BidStatus.DRAFT:
        return redirect("fund:bid", reference=bid.reference)
    closed = bids.window_problem(bid.round)
    if closed:
        opens_later = timezone.now() < bid.round.eoi_opens_at
        return render(request, "fund/apply/closed.html", {"bid": bid, "closed": closed, "opens_later": opens_later})
    return None


def _partner_action(request, bid, action, success: str):
    blocked = _blocked(request, bid)
    if blocked:
        return blocked
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            action()
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, success)
            return redirect("fund:bid_partners", reference=bid.reference)
    return _render_partners(request, queries.bid_for_member(request.user, bid.reference), form)


def _render_partners(request, bid, form):
    partners = list(bid.partners.all())
    for partner in partners:
        partner.status_tag_class = queries.PARTNER_STATUS_TAG_CLASSES[partner.status]
    context = {"bid": bid, "partners": partners, "form": form, "shortfall": eligibility.signatory_shortfall(bid)}
    return render(request, "fund/apply/partners.html", context)


def _answers(bid) -> dict:
    partners = list(bid.partners.all())
    for partner in partners:
        partner.status_tag_class = queries.PARTNER_STATUS_TAG_CLASSES[partner.status]
    return {
        "bid": bid,
        "partners": partners,
        "maximum": next((row for row in bid.round.phases.all() if row.phase == bid.phase), None),
    }


def _link_refused(request, refusal: LinkRefused):
    status = LINK_REFUSED_STATUS[refusal.reason]
    return render(request, "fund/apply/link_refused.html", {"reason": refusal.reason}, status=status)
