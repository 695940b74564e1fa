"""Decisions on full applications: programme staff propose one; a fund approver approves it
or sends it back. Every move is a call to fund.decisions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import role_required, staff_required
from core.workflow import TransitionRefused
from fund import applications, decisions
from fund.forms.decisions import ProposeDecisionForm, SendBackForm
from fund.workflow import BidStatus


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def decide(request, reference):
    bid = decisions.bid_to_decide(reference)
    form = ProposeDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decisions.propose_decision(bid, by=request.user, **form.cleaned_data)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your decision is waiting for a fund approver to approve it")
            return redirect("fund:decide", reference=reference)
        bid = decisions.bid_to_decide(reference)
    context = {
        **_bid_context(bid),
        "form": form,
        "can_propose": bid.status == BidStatus.APPLICATION_SUBMITTED,
        "returned": decisions.last_return(bid) if bid.status == BidStatus.APPLICATION_SUBMITTED else None,
    }
    return render(request, "fund/decisions/decide.html", context)


@role_required("fund_approver")
@require_safe
def approvals(request):
    page = decisions.proposals_waiting(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/decisions/approvals.html", context)


@role_required("fund_approver")
@require_safe
def approval(request, reference):
    return _render_approval(request, decisions.bid_to_decide(reference), DecisionForm())


@role_required("fund_approver")
@require_POST
def approve(request, reference):
    bid = decisions.bid_to_decide(reference)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            approved = decisions.approve(bid, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            outcome = "an award" if approved.status == BidStatus.AWARDED else "not to fund the bid"
            messages.success(request, f"You approved {outcome}. We have emailed the applicants")
            return redirect("fund:approval", reference=reference)
    # Reloaded: a refusal may mean someone else has moved it on since this page was loaded.
    return _render_approval(request, decisions.bid_to_decide(reference), form)


@role_required("fund_approver")
@require_http_methods(["GET", "POST"])
def send_back(request, reference):
    bid = decisions.bid_to_decide(reference)
    form = SendBackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decisions.send_back(bid, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "You sent the decision back. We have emailed the member of staff who proposed it")
            return redirect("fund:approvals")
    return render(request, "fund/decisions/send_back.html", {"bid": bid, "form": form})


# Helpers ----------------------------------------------------------------------------------


def _render_approval(request, bid, form):
    context = {**_bid_context(bid), "form": form, "waiting": bid.status == BidStatus.DECISION_PROPOSED}
    return render(request, "fund/decisions/approval.html", context)


def _bid_context(bid) -> dict:
    return {
        "bid": bid,
        "application": applications.application_of(bid),
        "summary": decisions.assessment_summary(bid),
        "phase_maximum": decisions.phase_maximum(bid),
    }
