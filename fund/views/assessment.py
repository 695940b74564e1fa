"""Assessing bids. Staff: a round's bids, one bid with its assessors and outcome, and the
moderation view of the scores. Assessors: their assessments, the conflict declaration that
comes before the bid, scoring, checking and submitting. Every change is a call to
fund.assessment."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import role_required, staff_required
from core.workflow import TransitionRefused
from fund import assessment as assessing
from fund.forms.assessment import (
    AssignForm,
    BidFilterForm,
    ConflictForm,
    ModerationFilterForm,
    OutcomeForm,
    ScoreForm,
)
from fund.workflow import STATUS_TAG_CLASSES, AssessmentStage, AssessmentStatus, BidStatus

# Staff: bids and moderation ------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def manage_bids(request, slug):
    round_ = assessing.round_for_staff(slug)
    filters = BidFilterForm(request.GET or None)
    page = assessing.bids_for_staff(round_, **filters.filters(), page_number=request.GET.get("page"))
    context = {"round": round_, "filters": filters, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/assessment/manage_bids.html", context)


@staff_required("moderator")
@require_safe
def moderation(request, slug):
    round_ = assessing.round_for_staff(slug)
    filters = ModerationFilterForm(request.GET or None)
    stage, sort = filters.chosen()
    page = assessing.moderation(round_, stage, sort=sort, page_number=request.GET.get("page"))
    context = {
        "round": round_,
        "filters": filters,
        "stage": AssessmentStage(stage),
        "page": page,
        "pagination": pagination(page, request.GET),
        "large_spread": assessing.one_decimal(assessing.LARGE_SPREAD),
        "at_application_stage": stage == AssessmentStage.APPLICATION,
    }
    return render(request, "fund/assessment/moderation.html", context)


@staff_required("moderator")
@require_safe
def manage_bid(request, reference):
    return _render_bid(request, assessing.bid_for_staff(reference))


@staff_required("moderator")
@require_POST
def assign_assessors(request, reference):
    bid = assessing.bid_for_staff(reference)
    form = AssignForm(request.POST, assessors=assessing.all_assessors())
    if form.is_valid():
        chosen = list(form.cleaned_data["assessors"])
        try:
            assessing.assign(bid, chosen, by=request.user)
        except TransitionRefused as refusal:
            form.add_error("assessors" if refusal.field else None, refusal.message)
        else:
            names = ", ".join(str(assessor) for assessor in chosen)
            messages.success(request, f"Assigned {names}. We have emailed them")
            return redirect("fund:manage_bid", reference=reference)
    return _render_bid(request, assessing.bid_for_staff(reference), form=form)


@staff_required("moderator")
@require_POST
def remove_assessor(request, reference, pk):
    bid = assessing.bid_for_staff(reference)
    assessment = assessing.assessment_of_bid(bid, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            assessing.remove_assessor(assessment, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"{assessment.assessor} no longer assesses this bid")
            return redirect("fund:manage_bid", reference=reference)
    return _render_bid(request, assessing.bid_for_staff(reference), form=form)


@staff_required("moderator")
@require_POST
def record_outcome(request, reference):
    bid = assessing.bid_for_staff(reference)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            assessing.record_eoi_outcome(bid, by=request.user, outcome=outcome, feedback=form.cleaned_data["feedback"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            done = "invited to full application" if outcome == "invite" else "declined"
            messages.success(request, f"The bid is {done}. We have emailed the applicants")
            return redirect("fund:manage_bid", reference=reference)
    return _render_bid(request, assessing.bid_for_staff(reference), form=form)


def _render_bid(request, bid, *, form=None):
    """The staff bid page. `form` is the form just posted, if any, shown with its errors in
    place of the blank one."""
    stage = assessing.stage_shown(bid)
    waiting_stage = assessing.stage_to_assess(bid)
    assessments = assessing.assessments_of(bid, stage)
    submitted = [item for item in assessments if item.status == AssessmentStatus.SUBMITTED]
    assign_form = None
    if waiting_stage:
        to_assign = assessing.assessors_to_assign(bid, waiting_stage)
        assign_form = form if isinstance(form, AssignForm) else AssignForm(assessors=to_assign)
        # Those already assigned are left out, also when a refused form is shown again.
        assign_form.fields["assessors"].queryset = to_assign
    outcome_form = None
    if bid.status == BidStatus.EOI_SUBMITTED:
        outcome_form = form if isinstance(form, OutcomeForm) else OutcomeForm()
    context = {
        "bid": bid,
        "stage": AssessmentStage(stage),
        "tag_class": STATUS_TAG_CLASSES[bid.status],
        "assessments": assessments,
        "sheets": assessing.score_sheets_of(submitted, assessing.criteria_for(bid.round, stage)),
        "assign_form": assign_form,
        "outcome_form": outcome_form,
        "min_assessments": assessing.MIN_ASSESSMENTS,
        "can_decide": bid.status == BidStatus.APPLICATION_SUBMITTED,
        "form": form,
    }
    return render(request, "fund/assessment/manage_bid.html", context)


# Assessors ----------------------------------------------------------------------------------------


@role_required("assessor")
@require_safe
def assessments(request):
    page = assessing.assignments_of(request.user, request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/assessment/assessments.html", context)


@role_required("assessor")
@require_safe
def assessment_detail(request, pk):
    assessment = assessing.assessment_for_assessor(request.user, pk)
    if assessment.status == AssessmentStatus.ASSIGNED:
        return redirect("fund:declare_conflicts", pk=pk)
    if assessment.status == AssessmentStatus.IN_PROGRESS:
        return redirect("fund:score_assessment", pk=pk)
    context = {
        "assessment": assessment,
        "sheet": assessing.score_sheet(assessment),
        "others": assessing.others_submitted(assessment),
    }
    return render(request, "fund/assessment/submitted.html", context)


@role_required("assessor")
@require_http_methods(["GET", "POST"])
def declare_conflicts(request, pk):
    assessment = assessing.assessment_for_assessor(request.user, pk)
    if assessment.status != AssessmentStatus.ASSIGNED:
        return redirect("fund:assessment", pk=pk)
    if closed := assessing.why_closed(assessment):
        return _closed(request, assessment, closed)
    form = ConflictForm(posted(request))
    if form.is_valid():
        has_conflict = form.cleaned_data["conflict"] == "yes"
        try:
            if has_conflict:
                assessing.declare_conflict(assessment, by=request.user, note=form.cleaned_data["note"])
            else:
                assessing.declare_no_conflict(assessment, by=request.user)
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            if not has_conflict:
                return redirect("fund:score_assessment", pk=pk)
            messages.success(request, "You declared a conflict of interest. Staff will ask someone else to assess it")
            return redirect("fund:assessments")
    return render(request, "fund/assessment/declare_conflicts.html", {"assessment": assessment, "form": form})


@role_required("assessor")
@require_http_methods(["GET", "POST"])
def score_assessment(request, pk):
    assessment = assessing.assessment_for_assessor(request.user, pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        return redirect("fund:assessment", pk=pk)
    if closed := assessing.why_closed(assessment):
        return _closed(request, assessment, closed)
    sheet = assessing.score_sheet(assessment)
    draft = request.POST.get("action") == "draft"
    criteria = [row.criterion for row in sheet.criteria]
    form = ScoreForm(
        posted(request),
        criteria=criteria,
        stage=assessment.stage,
        complete=not draft,
        initial=ScoreForm.initial_from(sheet),
    )
    if form.is_valid():
        try:
            assessing.save_scores(
                assessment,
                by=request.user,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comment=form.cleaned_data["comment"],
            )
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            if not draft:
                return redirect("fund:check_assessment", pk=pk)
            messages.success(request, f"Your draft assessment of {assessment.bid.reference} is saved")
            return redirect("fund:assessments")
    context = {"assessment": assessment, "form": form, "total_weight": sum(c.weight for c in criteria)}
    return render(request, "fund/assessment/score.html", context)


@role_required("assessor")
@require_http_methods(["GET", "POST"])
def check_assessment(request, pk):
    assessment = assessing.assessment_for_assessor(request.user, pk)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        return redirect("fund:assessment", pk=pk)
    if closed := assessing.why_closed(assessment):
        return _closed(request, assessment, closed)
    form = DecisionForm(posted(request))
    if form.is_valid():
        try:
            assessing.submit(assessment, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Your assessment of {assessment.bid.reference} is submitted")
            return redirect("fund:assessment", pk=pk)
    context = {"assessment": assessment, "sheet": assessing.score_sheet(assessment), "form": form}
    return render(request, "fund/assessment/check.html", context)


def _closed(request, assessment, reason):
    return render(request, "fund/assessment/closed.html", {"assessment": assessment, "reason": reason}, status=403)
