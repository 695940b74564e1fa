"""Staff's side of the Tender: a dashboard of what waits for them, and moderators' review of
needs (publish, or reject with a reason). Every decision is a call to tender.needs."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import staff_required
from core.workflow import TransitionRefused, actions_for
from tender import needs
from tender.forms.needs import ReasonForm
from tender.workflow import NEED_TRANSITIONS, NeedStatus


@staff_required("moderator")
@require_safe
def dashboard(request):
    return render(request, "tender/manage/dashboard.html", {"counts": needs.dashboard_counts()})


@staff_required("moderator")
@require_safe
def needs_queue(request):
    view = request.GET.get("show", NeedStatus.SUBMITTED)
    if view not in needs.MODERATION_VIEWS:
        view = NeedStatus.SUBMITTED
    page = needs.for_moderators(view, request.GET.get("page"))
    counts = needs.moderation_counts()
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "view": view,
        "views": [(str(key), label, counts[str(key)]) for key, label in needs.MODERATION_VIEWS.items()],
    }
    return render(request, "tender/manage/needs_queue.html", context)


@staff_required("moderator")
@require_safe
def need_review(request, pk):
    return _render_need(request, needs.need_for_moderator(pk), DecisionForm())


@staff_required("moderator")
@require_POST
def publish_need(request, pk):
    need = needs.need_for_moderator(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            needs.publish(need, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "The need is published. We have emailed the person who wrote it")
            return redirect("tender:manage_need", pk=pk)
    # Reloaded: a refusal may mean someone else has moved it on since this page was loaded.
    return _render_need(request, needs.need_for_moderator(pk), form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def reject_need(request, pk):
    need = needs.need_for_moderator(pk)
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            needs.reject(need, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The need is rejected. We have emailed your reason to the person who wrote it")
            return redirect("tender:manage_need", pk=pk)
    return render(request, "tender/manage/reject_need.html", {"form": form, "need": need})


def _render_need(request, need, form):
    context = {
        "need": need,
        "problem": render_markdown(need.problem),
        "form": form,
        "actions": [
            action
            for action in actions_for(NEED_TRANSITIONS, need.status, request.user)
            if action in ("publish", "reject")
        ],
    }
    return render(request, "tender/manage/need.html", context)
