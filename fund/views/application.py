"""Members of an invited bid's lead organisation write its full application: a task list of
sections, each saved as a draft, then check their answers and submit inside the application
window. Another organisation's bid is not found; a submitted application is read-only."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.permissions import signed_in
from core.workflow import TransitionRefused
from fund import applications
from fund.forms.application import (
    BudgetLineForm,
    OpennessForm,
    PlanForm,
    SubmitApplicationForm,
    TeamForm,
    UserResearchForm,
)
from fund.models import Bid


@signed_in
@require_safe
def task_list(request, reference):
    bid = applications.bid_for_applicant(request.user, reference)
    return render(request, "fund/application/task_list.html", _context(bid))


@signed_in
@require_http_methods(["GET", "POST"])
def team(request, reference):
    return _text_section(request, reference, TeamForm, "fund/application/team.html")


@signed_in
@require_http_methods(["GET", "POST"])
def plan(request, reference):
    return _text_section(request, reference, PlanForm, "fund/application/plan.html")


@signed_in
@require_http_methods(["GET", "POST"])
def user_research(request, reference):
    return _text_section(request, reference, UserResearchForm, "fund/application/user_research.html")


@signed_in
@require_http_methods(["GET", "POST"])
def budget(request, reference):
    bid = applications.bid_for_applicant(request.user, reference)
    if not applications.can_change(bid):
        return redirect("fund:application", reference=reference)
    finishing = request.method == "POST" and "finish" in request.POST
    line_form = BudgetLineForm(None if finishing else posted(request))
    finish_form = DecisionForm(request.POST if finishing else None)
    if finishing and finish_form.is_valid():
        lines = applications.budget_lines(applications.application_of(bid))
        total = applications.budget_total(lines)
        if total == bid.amount_requested:
            return redirect("fund:application", reference=reference)
        finish_form.add_error(None, applications.budget_mismatch(total, bid.amount_requested))
    elif request.method == "POST" and line_form.is_valid():
        try:
            applications.add_budget_line(bid, by=request.user, **line_form.cleaned_data)
        except TransitionRefused as refusal:
            line_form.add_error(None, refusal.message)
        else:
            return redirect("fund:application_budget", reference=reference)
    context = _context(bid)
    context |= {
        "over": context["total"] > bid.amount_requested,
        "difference": abs(bid.amount_requested - context["total"]),
        "form": finish_form if finishing else line_form,
        "line_form": line_form,
        "finish_form": finish_form,
    }
    return render(request, "fund/application/budget.html", context)


@signed_in
@require_POST
def remove_budget_line(request, reference, pk):
    bid = applications.bid_for_applicant(request.user, reference)
    try:
        applications.remove_budget_line(bid, by=request.user, line_id=pk)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("fund:application", reference=reference)
    return redirect("fund:application_budget", reference=reference)


@signed_in
@require_http_methods(["GET", "POST"])
def openness(request, reference):
    bid = applications.bid_for_applicant(request.user, reference)
    if not applications.can_change(bid):
        return redirect("fund:application", reference=reference)
    application = applications.application_of(bid)
    initial = {"code_licence": application.code_licence}
    if application.publishes_outputs_openly is not None:
        initial["publishes_outputs_openly"] = "yes" if application.publishes_outputs_openly else "no"
    form = OpennessForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save(request, bid, form, "fund/application/openness.html")
    return render(request, "fund/application/openness.html", {**_context(bid), "form": form})


@signed_in
@require_http_methods(["GET", "POST"])
def check(request, reference):
    bid = applications.bid_for_applicant(request.user, reference)
    if not applications.can_change(bid):
        return redirect("fund:application", reference=reference)
    form = SubmitApplicationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            applications.submit_application(bid, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("fund:application_submitted", reference=reference)
    return render(request, "fund/application/check.html", {**_context(bid), "form": form})


@signed_in
@require_safe
def submitted(request, reference):
    bid = applications.bid_for_applicant(request.user, reference)
    if bid.application_submitted_at is None:
        return redirect("fund:application", reference=reference)
    return render(request, "fund/application/submitted.html", {"bid": bid})


# Helpers ----------------------------------------------------------------------------------


def _text_section(request, reference, form_class, template):
    bid = applications.bid_for_applicant(request.user, reference)
    if not applications.can_change(bid):
        return redirect("fund:application", reference=reference)
    (field,) = form_class.base_fields
    application = applications.application_of(bid)
    form = form_class(posted(request), initial={field: getattr(application, field)})
    if request.method == "POST" and form.is_valid():
        return _save(request, bid, form, template)
    return render(request, template, {**_context(bid), "form": form})


def _save(request, bid: Bid, form, template):
    try:
        applications.save_answers(bid, by=request.user, **form.cleaned_data)
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return render(request, template, {**_context(bid), "form": form})
    return redirect("fund:application", reference=bid.reference)


def _context(bid: Bid) -> dict:
    application = applications.application_of(bid)
    lines = applications.budget_lines(application)
    sections = applications.sections(application, lines)
    return {
        "bid": bid,
        "application": application,
        "sections": sections,
        "ready_to_submit": all(section.status == applications.Progress.COMPLETED for section in sections),
        "lines": lines,
        "total": applications.budget_total(lines),
        "can_change": applications.can_change(bid),
        "window_open": bid.round.application_window_open(),
    }
