"""Moderators review the signatures leads submit: the queue, one signature in full, and the
decisions on it. Every decision is a call to declaration.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm
from core.pagination import pagination
from core.permissions import staff_required
from core.workflow import TransitionRefused
from declaration import queries, services
from declaration.review_forms import QueueFilterForm, RejectForm, RequestChangesForm, WithdrawForm
from declaration.workflow import SignatureStatus, actions_for

# The moves a moderator makes on this page; the lead's "submit" is made elsewhere.
REVIEW_ACTIONS = ("approve", "request_changes", "reject", "withdraw")


@staff_required("moderator")
@require_safe
def queue(request):
    status = QueueFilterForm(request.GET or None).status_or_default()
    page = queries.signatures_in(status, request.GET.get("page"))
    context = {
        "page": page,
        "pagination": pagination(page, request.GET),
        "pipeline": queries.pipeline(),
        "withdrawal_requests": queries.withdrawal_requests(),
        "status": SignatureStatus(status),
        "target": queries.REVIEW_TARGET_WORKING_DAYS,
    }
    return render(request, "declaration/review/queue.html", context)


@staff_required("moderator")
@require_safe
def signature_detail(request, reference):
    return _render_signature(request, queries.signature_for_review(reference), DecisionForm())


@staff_required("moderator")
@require_POST
def approve(request, reference):
    signature = queries.signature_for_review(reference)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.approve(signature, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, f"You approved the declaration. We have emailed {signature.approver_name} a link to sign"
            )
            return redirect("declaration:review_signature", reference=reference)
    # Reloaded: a refusal means someone else has moved it on since this page was loaded.
    return _render_signature(request, queries.signature_for_review(reference), form)


@staff_required("moderator")
@require_POST
def resend_approver_link(request, reference):
    signature = queries.signature_for_review(reference)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.resend_approver_link(signature, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"We have emailed {signature.approver_name} a new link to sign")
            return redirect("declaration:review_signature", reference=reference)
    return _render_signature(request, queries.signature_for_review(reference), form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def request_changes(request, reference):
    return _decide_with_reason(
        request,
        reference,
        RequestChangesForm,
        lambda signature, text: services.request_changes(signature, by=request.user, advice=text),
        template="declaration/review/request_changes.html",
        done="You asked the lead for changes. We have emailed them your advice",
    )


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def reject(request, reference):
    return _decide_with_reason(
        request,
        reference,
        RejectForm,
        lambda signature, text: services.reject(signature, by=request.user, reason=text),
        template="declaration/review/reject.html",
        done="You rejected the declaration. We have emailed the lead your reason",
    )


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    return _decide_with_reason(
        request,
        reference,
        WithdrawForm,
        lambda signature, text: services.withdraw(signature, by=request.user, reason=text),
        template="declaration/review/withdraw.html",
        done="The signature has been withdrawn. The organisation no longer counts as a signatory",
        # The organisation's own reason, when it asked, is where the moderator's starts.
        initial=lambda signature: {"reason": signature.withdrawal_request_reason},
    )


# Helpers ----------------------------------------------------------------------------------


def _decide_with_reason(request, reference, form_class, decide, *, template, done, initial=None):
    """A decision that needs words from the moderator: the form's one field holds them."""
    signature = queries.signature_for_review(reference)
    form = form_class(request.POST or None, initial=initial(signature) if initial else None)
    if request.method == "POST" and form.is_valid():
        (field,) = form.fields
        try:
            decide(signature, form.cleaned_data[field])
        except TransitionRefused as refusal:
            # The service names its field "reason"; here it may be called "advice".
            form.add_error(field if refusal.field else None, refusal.message)
        else:
            messages.success(request, done)
            return redirect("declaration:review_signature", reference=reference)
    return render(request, template, {"form": form, "signature": signature})


def _render_signature(request, signature, form):
    versions = list(signature.versions.all())
    context = {
        "signature": signature,
        "form": form,
        "actions": [name for name in actions_for(signature.status, request.user) if name in REVIEW_ACTIONS],
        "can_resend_link": signature.status == SignatureStatus.AWAITING_SIGNATURE,
        "approver_email_outside_domains": signature.approver_email_outside_domains,
        "versions": [(version, queries.readable_answers(version)) for version in reversed(versions)],
        "changes": queries.changes_between(versions[-2], versions[-1]) if len(versions) > 1 else None,
    }
    return render(request, "declaration/review/signature.html", context)
