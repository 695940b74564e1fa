from contextlib import suppress
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import DecisionForm, posted
from core.pagination import pagination
from core.permissions import public, staff_required
from core.ratelimits import limit_posts, posted_email
from core.workflow import TransitionRefused
from newsletter import queries, services
from newsletter.consent import CONSENT
from newsletter.forms import (
    ConfirmForm,
    ConfirmSendForm,
    IssueActionForm,
    IssueForm,
    PreferencesForm,
    RecipientsForm,
    SubscribeForm,
)
from newsletter.models import topic_labels
from newsletter.rendering import preview_email
from newsletter.services import CONFIRMATION_LINK_DAYS, LinkRefused
from newsletter.tokens import normalise_email
from newsletter.workflow import actions_for, is_editable, is_subscribed

CHECK_EMAIL_SESSION_KEY = "newsletter_email"
LINK_REFUSED_STATUS = {"invalid": 404, "expired": 410, "used": 410}


# Helpers ----------------------------------------------------------------------------------


def _link_refused(request, reason: str):
    context = {"reason": reason}
    return render(request, "newsletter/link_refused.html", context, status=LINK_REFUSED_STATUS[reason])


# Subscribing ------------------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
@limit_posts("newsletter.subscribe.ip", "ip", "NEWSLETTER_RATE_PER_IP")
@limit_posts("newsletter.subscribe.email", posted_email, "NEWSLETTER_RATE_PER_EMAIL")
def subscribe(request):
    form = SubscribeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.subscribe(form.cleaned_data["email"], form.cleaned_data["topics"])
        request.session[CHECK_EMAIL_SESSION_KEY] = normalise_email(form.cleaned_data["email"])
        return redirect("newsletter:check_email")
    return render(request, "newsletter/subscribe.html", {"form": form, "consent": CONSENT})


@public
@require_safe
def check_email(request):
    email = request.session.get(CHECK_EMAIL_SESSION_KEY)
    if not email:
        return redirect("newsletter:subscribe")
    context = {"email": email, "days": CONFIRMATION_LINK_DAYS}
    return render(request, "newsletter/check_email.html", context)


@public
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    # GET only shows a button: mail scanners follow links, and must not confirm for anyone.
    try:
        if request.method == "GET":
            services.check_confirmation_link(token)
            return render(request, "newsletter/confirm.html", {"form": ConfirmForm()})
        services.confirm(token)
    except LinkRefused as refusal:
        return _link_refused(request, refusal.reason)
    request.session.pop(CHECK_EMAIL_SESSION_KEY, None)
    return redirect("newsletter:confirmed")


@public
@require_safe
def confirmed(request):
    return render(request, "newsletter/confirmed.html")


# Links in every email: unsubscribe, preferences, erasure ------------------------------------


# Exempt from CSRF because mail clients unsubscribe with a bare POST of
# "List-Unsubscribe=One-Click" (RFC 8058) and can send no CSRF token. The unguessable token in
# the URL is the authority here, and a forged POST could only do what the link itself does:
# unsubscribe its holder. No other view in this app is exempt.
@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = queries.subscriber_for_link(token)
    if subscriber is None:
        return _link_refused(request, "invalid")
    context = {"subscriber": subscriber, "token": token}
    if request.method == "GET" and is_subscribed(subscriber.status):
        return render(request, "newsletter/unsubscribe.html", context)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        # Already unsubscribed is fine: a second click, or a mail client trying again.
        with suppress(TransitionRefused):
            services.unsubscribe(subscriber, reason="One-click unsubscribe from a mail client" if one_click else "")
    # Rendered, not redirected: a mail client's one-click POST expects a plain success, and
    # repeating the POST does no harm.
    return render(request, "newsletter/unsubscribed.html", context)


@public
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = queries.subscriber_for_link(token)
    if subscriber is None:
        return _link_refused(request, "invalid")
    form = PreferencesForm(posted(request), initial={"topics": subscriber.topic_codes})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_topics(subscriber, form.cleaned_data["topics"])
        except TransitionRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your preferences have been saved")
            return redirect("newsletter:preferences", token=token)
    context = {
        "form": form,
        "subscriber": subscriber,
        "token": token,
        "subscribed": is_subscribed(subscriber.status),
        "deliveries": queries.deliveries_to(subscriber),
    }
    return render(request, "newsletter/preferences.html", context)


@public
@require_http_methods(["GET", "POST"])
def delete_data(request, token):
    subscriber = queries.subscriber_for_link(token)
    if subscriber is None:
        return _link_refused(request, "invalid")
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.erase(subscriber)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect("newsletter:data_deleted")
    return render(request, "newsletter/delete_data.html", {"form": form, "token": token})


@public
@require_safe
def data_deleted(request):
    return render(request, "newsletter/data_deleted.html")


# The public archive -----------------------------------------------------------------------


@public
@require_safe
def archive(request):
    page = queries.archive(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "newsletter/archive.html", context)


@public
@require_safe
def archived_issue(request, slug):
    return render(request, "newsletter/archived_issue.html", {"issue": queries.archived_issue(slug)})


# Staff: writing and sending issues ------------------------------------------------------------


@staff_required("moderator")
@require_safe
def manage_issues(request):
    page = queries.issues_for_staff(request.GET.get("page"))
    context = {"page": page, "pagination": pagination(page, request.GET)}
    return render(request, "newsletter/manage_issues.html", context)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def new_issue(request):
    form = IssueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        issue = services.create_issue(**form.cleaned_data, by=request.user)
        messages.success(request, "The issue has been saved as a draft")
        return redirect("newsletter:issue", pk=issue.pk)
    return render(request, "newsletter/issue_form.html", {"form": form})


def _render_issue(request, issue, form):
    context = {"issue": issue, "form": form, "actions": actions_for(issue.status, request.user)}
    context["editable"] = is_editable(issue.status)
    return render(request, "newsletter/issue.html", context)


@staff_required("moderator")
@require_safe
def issue(request, pk):
    return _render_issue(request, queries.issue_for_staff(pk), IssueActionForm())


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def edit_issue(request, pk):
    issue = queries.issue_for_staff(pk)
    if not is_editable(issue.status):
        return redirect("newsletter:issue", pk=issue.pk)
    form = IssueForm(posted(request), initial={"title": issue.title, "body": issue.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_issue(issue, **form.cleaned_data, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Your changes have been saved")
            return redirect("newsletter:issue", pk=issue.pk)
    return render(request, "newsletter/issue_form.html", {"form": form, "issue": issue})


@staff_required("moderator")
@require_safe
def preview_issue(request, pk):
    issue = queries.issue_for_staff(pk)
    subject, body = preview_email(issue)
    return render(request, "newsletter/preview_issue.html", {"issue": issue, "subject": subject, "body": body})


@staff_required("moderator")
@require_POST
def send_test(request, pk):
    issue = queries.issue_for_staff(pk)
    services.send_test(issue, by=request.user)
    messages.success(request, f"A test email has been sent to {request.user.email}")
    return redirect("newsletter:issue", pk=issue.pk)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def choose_recipients(request, pk):
    issue = queries.issue_for_staff(pk)
    if not is_editable(issue.status):
        return redirect("newsletter:issue", pk=issue.pk)
    form = RecipientsForm(posted(request), initial={"topics": issue.topics})
    if request.method == "POST" and form.is_valid():
        query = urlencode({"topics": form.cleaned_data["topics"]}, doseq=True)
        return redirect(f"{reverse('newsletter:confirm_send', args=[issue.pk])}?{query}")
    return render(request, "newsletter/choose_recipients.html", {"form": form, "issue": issue})


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def confirm_send(request, pk):
    issue = queries.issue_for_staff(pk)
    form = ConfirmSendForm(request.POST if request.method == "POST" else request.GET)
    if not (is_editable(issue.status) and form.is_valid()):
        return redirect("newsletter:choose_recipients", pk=issue.pk)
    topics = form.cleaned_data["topics"]
    if request.method == "POST":
        try:
            services.start_sending(issue, topics=topics, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Sending has started")
            return redirect("newsletter:issue", pk=issue.pk)
    context = {"form": form, "issue": issue, "topic_labels": topic_labels(topics)}
    context["count"] = queries.recipients(topics).count()
    return render(request, "newsletter/confirm_send.html", context)


@staff_required("moderator")
@require_POST
def pause_sending(request, pk):
    return _issue_action(request, pk, services.pause, "Sending has been paused")


@staff_required("moderator")
@require_POST
def resume_sending(request, pk):
    return _issue_action(request, pk, services.resume, "Sending has resumed")


def _issue_action(request, pk, action, done: str):
    issue = queries.issue_for_staff(pk)
    form = IssueActionForm(request.POST)
    if form.is_valid():
        try:
            action(issue, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
            issue.refresh_from_db()
            return _render_issue(request, issue, form)
        messages.success(request, done)
    return redirect("newsletter:issue", pk=issue.pk)
