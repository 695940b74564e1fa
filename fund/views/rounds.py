"""Rounds of the Local Digital Fund: the public list, each round's page with its timeline and
rules, the expressions of interest a round publishes after it closes, and the staff pages
that set a round up. Every change is a call to fund.rounds."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.dates import moment_in_words
from core.forms import DecisionForm, posted
from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import public, staff_required
from core.spreadsheet import csv_response
from core.workflow import TransitionRefused
from fund import queries, rounds
from fund.forms.rounds import (
    CriterionForm,
    EligibilityForm,
    NewRoundForm,
    PhaseForm,
    RoundDetailsForm,
    RoundWindowsForm,
)
from fund.models import RoundStage
from fund.workflow import AssessmentStage, RoundStatus

# The public pages -------------------------------------------------------------------------------


@public
@require_safe
def round_list(request):
    page = queries.published_rounds(request.GET.get("page"))
    now = timezone.now()
    for round_ in page.object_list:
        round_.stage_label = RoundStage(round_.stage(now)).label
    return render(request, "fund/rounds/list.html", {"page": page, "pagination": pagination(page, request.GET)})


@public
@require_safe
def round_detail(request, slug):
    round_ = queries.published_round(slug)
    now = timezone.now()
    context = {
        "round": round_,
        "stage": RoundStage(round_.stage(now)),
        "timeline": queries.timeline(round_, now),
        "eoi_open": round_.eoi_window_open(now),
        "eoi_opens": moment_in_words(round_.eoi_opens_at),
        "eoi_closes": moment_in_words(round_.eoi_closes_at),
        "eois_public": queries.eois_are_public(round_, now),
        "guidance": render_markdown(round_.guidance),
    }
    return render(request, "fund/rounds/detail.html", context)


@public
@require_safe
def eoi_list(request, slug):
    round_ = queries.published_round(slug)
    page = queries.eoi_page(queries.public_eois(round_), request.GET.get("page"))
    context = {"round": round_, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "fund/rounds/eoi_list.html", context)


@public
@require_safe
def eoi_csv(request, slug):
    round_ = queries.published_round(slug)
    bids = queries.public_eois(round_)
    rows = (
        [
            bid.reference,
            bid.title,
            bid.lead_organisation.name,
            "; ".join(partner.organisation.name for partner in bid.confirmed_partners),
            bid.get_phase_display(),
            bid.amount_requested,
            bid.problem,
        ]
        for bid in bids.iterator(chunk_size=500)
    )
    headings = ["Reference", "Title", "Lead organisation", "Partners", "Phase", "Amount requested", "Problem"]
    return csv_response(f"{round_.slug}-expressions-of-interest.csv", headings, rows)


# Staff: the rounds ------------------------------------------------------------------------------


@staff_required("moderator")
@require_safe
def manage_rounds(request):
    page = queries.rounds_for_staff(request.GET.get("page"))
    return render(request, "fund/rounds/manage_list.html", {"page": page, "pagination": pagination(page, request.GET)})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def create_round(request):
    form = NewRoundForm(posted(request))
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in rounds.DETAIL_FIELDS}
        try:
            round_ = rounds.create(by=request.user, **details, **form.windows)
        except TransitionRefused as refusal:
            _add_refusal(form, refusal)
        else:
            messages.success(request, f"You created {round_}. Add its phases and criteria, then publish it")
            return redirect("fund:manage_round", slug=round_.slug)
    return render(request, "fund/rounds/create.html", {"form": form})


@staff_required("moderator")
@require_safe
def manage_round(request, slug):
    return _render_overview(request, queries.round_for_staff(slug), DecisionForm())


@staff_required("moderator")
@require_POST
def publish_round(request, slug):
    round_ = queries.round_for_staff(slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            rounds.publish(round_, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"You published {round_}. It is now on the list of rounds")
            return redirect("fund:manage_round", slug=slug)
    return _render_overview(request, queries.round_for_staff(slug), form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def edit_round(request, slug):
    round_ = queries.round_for_staff(slug)
    form = RoundDetailsForm(posted(request), initial={name: getattr(round_, name) for name in rounds.DETAIL_FIELDS})
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in rounds.DETAIL_FIELDS}
        return _save(request, form, round_, lambda: rounds.change_details(round_, by=request.user, **details))
    return render(request, "fund/rounds/edit_details.html", {"form": form, "round": round_})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def edit_windows(request, slug):
    round_ = queries.round_for_staff(slug)
    form = RoundWindowsForm(posted(request), initial=RoundWindowsForm.initial_for(round_))
    if request.method == "POST" and form.is_valid():
        return _save(request, form, round_, lambda: rounds.change_windows(round_, by=request.user, **form.windows))
    return render(request, "fund/rounds/edit_windows.html", {"form": form, "round": round_})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def edit_eligibility(request, slug):
    round_ = queries.round_for_staff(slug)
    form = EligibilityForm(posted(request), initial=EligibilityForm.initial_for(round_))
    if request.method == "POST" and form.is_valid():
        rules = form.cleaned_data
        return _save(request, form, round_, lambda: rounds.change_eligibility(round_, by=request.user, **rules))
    return render(request, "fund/rounds/edit_eligibility.html", {"form": form, "round": round_})


# Staff: phases and criteria -----------------------------------------------------------------------


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def phase(request, slug, pk=None):
    round_ = queries.round_for_staff(slug)
    existing = get_object_or_404(round_.phases, pk=pk) if pk is not None else None
    initial = {"phase": existing.phase, "max_award": existing.max_award} if existing else {}
    form = PhaseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            form,
            round_,
            lambda: rounds.save_phase(round_, by=request.user, existing=existing, **form.cleaned_data),
            template="fund/rounds/phase.html",
            context={"phase": existing},
        )
    return render(request, "fund/rounds/phase.html", {"form": form, "round": round_, "phase": existing})


@staff_required("moderator")
@require_POST
def remove_phase(request, slug, pk):
    round_ = queries.round_for_staff(slug)
    existing = get_object_or_404(round_.phases, pk=pk)
    # Bound to the phase as it stands, so a refusal shows beside its current values.
    form = PhaseForm({"phase": existing.phase, "max_award": existing.max_award})
    form.is_valid()
    return _save(
        request,
        form,
        round_,
        lambda: rounds.remove_phase(round_, by=request.user, round_phase=existing),
        template="fund/rounds/phase.html",
        context={"phase": existing},
    )


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def criterion(request, slug, pk=None):
    round_ = queries.round_for_staff(slug)
    existing = get_object_or_404(round_.criteria, pk=pk) if pk is not None else None
    fields = ["stage", "title", "guidance", "weight", "position"]
    initial = {name: getattr(existing, name) for name in fields} if existing else {"stage": AssessmentStage.EOI}
    form = CriterionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            form,
            round_,
            lambda: rounds.save_criterion(round_, by=request.user, existing=existing, **form.cleaned_data),
            template="fund/rounds/criterion.html",
            context={"criterion": existing},
        )
    return render(request, "fund/rounds/criterion.html", {"form": form, "round": round_, "criterion": existing})


@staff_required("moderator")
@require_POST
def remove_criterion(request, slug, pk):
    round_ = queries.round_for_staff(slug)
    existing = get_object_or_404(round_.criteria, pk=pk)
    form = CriterionForm(
        {name: getattr(existing, name) for name in ["stage", "title", "guidance", "weight", "position"]}
    )
    form.is_valid()
    return _save(
        request,
        form,
        round_,
        lambda: rounds.remove_criterion(round_, by=request.user, criterion=existing),
        template="fund/rounds/criterion.html",
        context={"criterion": existing},
    )


# Helpers ------------------------------------------------------------------------------------------


def _save(request, form, round_, change, *, template: str = "", context: dict | None = None):
    """Make `change`; back to the round's overview if it is made, else the form again with
    the reason it was refused."""
    try:
        change()
    except TransitionRefused as refusal:
        _add_refusal(form, refusal)
    else:
        round_.refresh_from_db()  # a new name, for the message
        messages.success(request, f"You changed {round_}")
        return redirect("fund:manage_round", slug=round_.slug)
    names = {
        RoundDetailsForm: "fund/rounds/edit_details.html",
        RoundWindowsForm: "fund/rounds/edit_windows.html",
        EligibilityForm: "fund/rounds/edit_eligibility.html",
    }
    return render(request, template or names[type(form)], {"form": form, "round": round_, **(context or {})})


def _add_refusal(form, refusal: TransitionRefused) -> None:
    field = refusal.field
    if field in rounds.WINDOW_FIELDS:
        field = f"{field}_date"
    form.add_error(field if field in form.fields else None, refusal.message)


def _render_overview(request, round_, form):
    criteria = list(round_.criteria.all())
    stages = []
    for stage in AssessmentStage:
        rows = [row for row in criteria if row.stage == stage]
        stages.append((stage, rows, sum(row.weight for row in rows)))
    context = {
        "round": round_,
        "form": form,
        "stages": stages,
        "counts": queries.bid_counts(round_),
        "timeline": queries.timeline(round_),
        "is_draft": round_.status == RoundStatus.DRAFT,
    }
    return render(request, "fund/rounds/manage.html", context)
