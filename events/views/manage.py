"""Moderators review submitted events (publish, reject with a reason, cancel), and staff
publish and change the programme's own events. Every decision is a call to events.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.markdown import render_markdown
from core.pagination import pagination
from core.permissions import staff_required
from core.workflow import TransitionRefused
from events import queries, services
from events.forms import ProgrammeEventForm, ReasonForm
from events.workflow import EventStatus, actions_for

REASONS = {
    "reject": {
        "label": "Why are you rejecting the event?",
        "required_message": "Enter why you are rejecting the event",
        "hint": "We email this to the person who submitted it",
    },
    "cancel": {
        "label": "Why is the event cancelled?",
        "required_message": "Enter why the event is cancelled",
        "hint": "We show this on the event’s page",
    },
}


@staff_required("moderator")
@require_safe
def queue(request):
    view = request.GET.get("show", EventStatus.SUBMITTED)
    if view not in queries.MODERATION_VIEWS:
        view = EventStatus.SUBMITTED
    page = queries.for_moderators(view, request.GET.get("page"))
    counts = queries.moderation_counts()
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "view": view,
        "views": [(key, label, counts[key]) for key, label in queries.MODERATION_VIEWS.items()],
    }
    return render(request, "events/manage/queue.html", context)


@staff_required("moderator")
@require_safe
def event_detail(request, pk):
    return _render_event(request, queries.event_for_moderator(pk), DecisionForm())


@staff_required("moderator")
@require_POST
def publish(request, pk):
    event = queries.event_for_moderator(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.publish(event, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "The event is published. We have emailed the person who submitted it")
            return redirect("events:manage_event", pk=pk)
    # Reloaded: a refusal means someone else has moved it on since this page was loaded.
    return _render_event(request, queries.event_for_moderator(pk), form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def reject(request, pk):
    event = queries.event_for_moderator(pk)
    form = ReasonForm(posted(request), **REASONS["reject"])
    if request.method == "POST" and form.is_valid():
        try:
            services.reject(event, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_error("reason" if refusal.field else None, refusal.message)
        else:
            messages.success(
                request, "The event is rejected. We have emailed your reason to the person who submitted it"
            )
            return redirect("events:manage_event", pk=pk)
    return render(request, "events/manage/reject.html", {"form": form, "event": event})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    event = queries.event_for_moderator(pk)
    form = ReasonForm(posted(request), **REASONS["cancel"])
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(event, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_error("reason" if refusal.field else None, refusal.message)
        else:
            messages.success(request, "The event is cancelled. Its page and calendars now say so")
            return redirect("events:manage_event", pk=pk)
    return render(request, "events/manage/cancel.html", {"form": form, "event": event})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def new_programme_event(request):
    form = ProgrammeEventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_programme_event(by=request.user, details=form.details(), places=form.places())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "The event is published")
            return redirect("events:manage_event", pk=event.pk)
    return render(request, "events/manage/programme_event_form.html", {"form": form})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def edit_programme_event(request, pk):
    event = queries.programme_event_for_staff(pk)
    if event.status == EventStatus.CANCELLED:
        return render(request, "events/cancelled.html", {"event": event, "back": "events:manage_event"})
    form = ProgrammeEventForm(posted(request), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_event(event, by=request.user, details=form.details(), places=form.places())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, "Your changes are saved")
            return redirect("events:manage_event", pk=pk)
    return render(request, "events/manage/programme_event_form.html", {"form": form, "event": event})


# Helpers ----------------------------------------------------------------------------------


def _render_event(request, event, form):
    context = {
        "event": event,
        "description": render_markdown(event.description),
        "form": form,
        # An event that has happened is the archive's record: it can be corrected, not cancelled.
        "actions": [
            action for action in actions_for(event.status, request.user) if not (event.has_ended and action == "cancel")
        ],
        "can_edit": event.is_programme_event and event.status != EventStatus.CANCELLED,
    }
    return render(request, "events/manage/event.html", context)
