"""Needs: the public list, its feed and each need's page; members writing a need and sending
it for review; other organisations joining it and suppliers registering interest; and the
need's organisation inviting suppliers to a show-and-tell, linking its procurement notice and
closing it. Another organisation's drafts and management pages are not found."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import public, signed_in
from core.workflow import TransitionRefused
from events.workflow import LISTED_STATES
from tender import needs, questions
from tender.feeds import NeedsFeed
from tender.forms.needs import (
    CloseForm,
    NeedFilterForm,
    NeedForm,
    OrganisationChoiceForm,
    ProcurementForm,
    ShowAndTellForm,
    SupplierChoiceForm,
)
from tender.workflow import PUBLIC_NEED_STATES, NeedStatus

# The public ---------------------------------------------------------------------------------


@public
@require_safe
def need_list(request):
    form = NeedFilterForm(request.GET or None)
    page = needs.page_of(needs.listed(form.filters()), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filters = f"?{query.urlencode()}" if query else ""
    context = {
        "form": form,
        "page": page,
        "pagination": pagination(page, request.GET),
        "filters": filters,
        "atom_url": reverse("tender:needs_feed") + filters,
        "can_write": bool(needs.public_sector_organisations_of(request.user)),
    }
    return render(request, "tender/needs/need_list.html", context)


@public
@require_safe
def needs_feed(request):
    return NeedsFeed()(request)


@public
@require_safe
def need_detail(request, slug):
    return render_need_page(request, needs.public_need(slug))


# Writing a need -----------------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def new_need(request):
    organisations = needs.public_sector_organisations_of(request.user)
    if not organisations:
        context = {"is_supplier": bool(needs.suppliers_of(request.user))}
        return render(request, "tender/needs/need_membership.html", context, status=403)
    form = NeedForm(posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or organisations[0]
        try:
            need = needs.create_draft(organisation, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return _after_saving(request, need)
    return render(request, "tender/needs/need_form.html", {"form": form, "organisations": organisations})


@signed_in
@require_http_methods(["GET", "POST"])
def edit_need(request, slug):
    need = needs.need_for_member(request.user, slug)
    if need.status not in needs.EDITABLE_STATES:
        return redirect("tender:check_need", slug=slug)
    form = NeedForm(posted(request), need=need)
    if request.method == "POST" and form.is_valid():
        try:
            changed = needs.change_draft(need, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return _after_saving(request, changed)
    return render(request, "tender/needs/need_form.html", {"form": form, "need": need})


@signed_in
@require_http_methods(["GET", "POST"])
def check_need(request, slug):
    need = needs.need_for_member(request.user, slug)
    if need.status in PUBLIC_NEED_STATES:
        return redirect(need)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            needs.submit(need, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
            need = needs.need_for_member(request.user, slug)
        else:
            return redirect("tender:need_submitted", slug=slug)
    context = {
        "need": need,
        "problem": render_markdown(need.problem),
        "form": form,
        "can_submit": need.status in needs.EDITABLE_STATES,
    }
    return render(request, "tender/needs/check.html", context)


@signed_in
@require_safe
def need_submitted(request, slug):
    need = needs.need_for_member(request.user, slug)
    return render(request, "tender/needs/submitted.html", {"need": need})


@signed_in
@require_safe
def your_needs(request):
    page = needs.your_needs_page(request.user, request.GET.get("page"))
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "can_write": bool(needs.public_sector_organisations_of(request.user)),
    }
    return render(request, "tender/needs/your_needs.html", context)


# Other organisations and suppliers ----------------------------------------------------------


@signed_in
@require_POST
def join_need(request, slug):
    form = OrganisationChoiceForm(request.POST, organisations=needs.public_sector_organisations_of(request.user))
    return _act_on_need(
        request, slug, form, needs.join, "{} is now listed as having this problem too", chosen="organisation"
    )


@signed_in
@require_POST
def leave_need(request, slug):
    form = OrganisationChoiceForm(request.POST, organisations=needs.public_sector_organisations_of(request.user))
    return _act_on_need(
        request, slug, form, needs.leave, "{} is no longer listed as having this problem", chosen="organisation"
    )


@signed_in
@require_POST
def register_interest(request, slug):
    form = SupplierChoiceForm(request.POST, suppliers=needs.suppliers_of(request.user))
    return _act_on_need(
        request, slug, form, needs.register_interest, "{} has registered interest in this need", chosen="supplier"
    )


def _act_on_need(request, slug, form, act, done: str, *, chosen: str):
    """For the organisation or supplier chosen on `form`: `act` on the need, or show the need's
    page with the refusal."""
    need = needs.public_need(slug)
    if form.is_valid():
        who = form.cleaned_data[chosen]
        try:
            act(need, who, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, done.format(who.name))
            return redirect(need)
    return render_need_page(request, needs.public_need(slug), form=form)


# The need's organisation --------------------------------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def show_and_tell(request, slug):
    need = needs.need_for_member(request.user, slug)
    form = ShowAndTellForm(posted(request), need=need)
    if request.method == "POST" and form.is_valid():
        event = form.cleaned_data["event"]
        try:
            needs.invite_to_show_and_tell(need, event, by=request.user)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, f"Suppliers who registered interest are invited to ‘{event.title}’")
            return redirect(need)
    context = {
        "need": need,
        "form": form,
        "has_events": form.fields["event"].queryset.exists(),
        "interest_count": needs.interest_count(need),
    }
    return render(request, "tender/needs/show_and_tell.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def link_procurement(request, slug):
    need = needs.need_for_member(request.user, slug)
    form = ProcurementForm(posted(request), initial={"procurement_reference": need.procurement_reference})
    if request.method == "POST" and form.is_valid():
        try:
            needs.link_procurement(need, form.cleaned_data["procurement_reference"], by=request.user)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The need is linked to its procurement notice")
            return redirect(need)
    return render(request, "tender/needs/procurement.html", {"need": need, "form": form})


@signed_in
@require_http_methods(["GET", "POST"])
def close_need(request, slug):
    need = needs.need_for_member(request.user, slug)
    form = CloseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            needs.close(need, by=request.user, outcome=form.cleaned_data["outcome"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The need is closed. Its page now shows what happened")
            return redirect(need)
    return render(request, "tender/needs/close.html", {"need": need, "form": form})


# Helpers ------------------------------------------------------------------------------------


def render_need_page(request, need, *, form=None):
    """A need's page for whoever is looking. `form` is one of the page's forms that was posted
    and refused: its errors show in the summary at the top."""
    user = request.user
    joins = list(need.joins.all())
    joined = {join.organisation_id for join in joins}
    others = [o for o in needs.public_sector_organisations_of(user) if o.pk != need.organisation_id]
    suppliers = needs.suppliers_of(user)
    interested = needs.interested_suppliers(need, suppliers)
    is_open = need.status == NeedStatus.PUBLISHED
    is_own = needs.is_member(user, need)
    event = need.show_and_tell
    context = {
        **questions.need_page_context(need, user),
        "need": need,
        "problem": render_markdown(need.problem),
        "joins": joins,
        "organisation_count": 1 + len(joins),
        "form": form,
        "can_join": [o for o in others if o.pk not in joined] if is_open else [],
        "can_leave": [o for o in others if o.pk in joined] if is_open else [],
        "can_register": [s for s in suppliers if s.pk not in interested] if is_open else [],
        "registered": [s for s in suppliers if s.pk in interested],
        "is_own": is_own,
        "interest_count": needs.interest_count(need) if is_own else None,
        "show_and_tell": event if event is not None and event.status in LISTED_STATES else None,
    }
    return render(request, "tender/needs/need_detail.html", context)


def _after_saving(request, need):
    if "save_draft" in request.POST:
        messages.success(request, f"Your draft ‘{need.title}’ is saved. You can come back to it from this page")
        return redirect("tender:your_needs")
    return redirect("tender:check_need", slug=need.slug)
