"""Members submit community events, see what they and their colleagues submitted, and change
or cancel those events. Only approved members of an organisation may submit; another
organisation's events are not found."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import posted
from core.pagination import pagination
from core.permissions import signed_in
from core.ratelimits import limit_posts
from core.workflow import TransitionRefused
from events import queries, services
from events.forms import EventForm, ReasonForm
from events.workflow import EventStatus, actions_for


@signed_in
@require_http_methods(["GET", "POST"])
@limit_posts("events.submit", "user", "EVENT_SUBMIT_RATE")
def submit_event(request):
    if request.user.is_supplier_account:
        return render(request, "tender/suppliers/public_sector_only.html", status=403)
    organisations = queries.organisations_of(request.user)
    if not organisations:
        return render(request, "events/submit/need_membership.html")
    form = EventForm(posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or organisations[0]
        try:
            event = services.submit_event(organisation, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            return redirect("events:submitted", pk=event.pk)
    context = {"form": form, "organisations": organisations}
    return render(request, "events/submit/event_form.html", context)


@signed_in
@require_safe
def submitted(request, pk):
    event = queries.event_for_editor(request.user, pk)
    return render(request, "events/submit/submitted.html", {"event": event})


@signed_in
@require_safe
def your_events(request):
    page = queries.events_of_member(request.user, request.GET.get("page"))
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "can_submit": bool(queries.organisations_of(request.user)),
    }
    return render(request, "events/submit/your_events.html", context)


@signed_in
@require_http_methods(["GET", "POST"])
def change_event(request, pk):
    event = queries.event_for_editor(request.user, pk)
    if event.status == EventStatus.CANCELLED:
        return render(request, "events/cancelled.html", {"event": event, "back": "events:yours"})
    if event.has_ended:
        return render(request, "events/submit/ended.html", {"event": event})
    form = EventForm(posted(request), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_event(event, by=request.user, details=form.details())
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(request, _changed_message(event.status, changed.status))
            return redirect("events:yours")
    return render(request, "events/submit/event_form.html", {"form": form, "event": event})


@signed_in
@require_http_methods(["GET", "POST"])
def cancel_event(request, pk):
    event = queries.event_for_editor(request.user, pk)
    if event.has_ended:
        return render(request, "events/submit/ended.html", {"event": event})
    form = ReasonForm(
        posted(request),
        label="Why is the event cancelled?",
        required_message="Enter why the event is cancelled",
        hint="We show this on the event’s page",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel(event, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_error("reason" if refusal.field else None, refusal.message)
        else:
            messages.success(request, f"‘{event.title}’ is cancelled. Its page and calendars now say so")
            return redirect("events:yours")
    context = {"form": form, "event": event, "can_cancel": "cancel" in actions_for(event.status, request.user)}
    return render(request, "events/submit/cancel.html", context)


def _changed_message(before: str, after: str) -> str:
    if before == EventStatus.PUBLISHED and after == EventStatus.SUBMITTED:
        return (
            "Your changes are saved. Because the title, time or place changed, a moderator will review "
            "the event before it is listed again"
        )
    if before == EventStatus.REJECTED and after == EventStatus.SUBMITTED:
        return "Your changes are saved and the event is sent for review again"
    return "Your changes are saved"
