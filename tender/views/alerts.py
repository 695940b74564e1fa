"""Topic alerts: a person at a listed supplier chooses the topics they hear about, and every
alert email's link unsubscribes them in one click. Every change is a call to tender.alerts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import DecisionForm, posted
from core.permissions import public, signed_in
from core.tokens import LinkRefused
from core.workflow import TransitionRefused
from tender import alerts
from tender.forms.alerts import TopicsForm


@signed_in
@require_http_methods(["GET", "POST"])
def choose_topics(request):
    alert = alerts.alert_of(request.user)
    form = TopicsForm(posted(request), initial={"topics": list(alert.topics.all()) if alert else []})
    if request.method == "POST" and form.is_valid():
        try:
            alerts.follow(request.user, form.cleaned_data["topics"])
        except TransitionRefused as refusal:
            form.add_refusal(refusal)
        else:
            messages.success(
                request, "Your topics are saved. We will email you when a need on one of them is published"
            )
            return redirect("tender:alerts")
    context = {"form": form, "alert": alert, "may_follow": alerts.may_follow(request.user)}
    return render(request, "tender/alerts/choose_topics.html", context)


@signed_in
@require_POST
def stop(request):
    form = DecisionForm(request.POST)
    alert = alerts.alert_of(request.user)
    if form.is_valid() and alert is not None:
        alerts.stop(alert, by=request.user)
        messages.success(request, "You will not get any more emails about new needs")
    return redirect("tender:alerts")


# Exempt from CSRF because mail clients unsubscribe with a bare POST of
# "List-Unsubscribe=One-Click" (RFC 8058) and can send no CSRF token. The signed token in the
# URL is the authority here, and a forged POST could only do what the link itself does:
# unsubscribe its holder.
@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        alert = alerts.alert_for_link(token)
    except LinkRefused:
        return render(request, "tender/alerts/link_refused.html", status=404)
    # GET only shows a button: mail scanners follow links, and must not unsubscribe anyone.
    if request.method == "GET" and alert is not None:
        return render(request, "tender/alerts/unsubscribe.html", {"token": token})
    if request.method == "POST" and alert is not None:
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        alerts.stop(alert, reason="One-click unsubscribe from a mail client" if one_click else "")
    # Rendered, not redirected: a mail client's one-click POST expects a plain success, and
    # repeating it does no harm.
    return render(request, "tender/alerts/unsubscribed.html")
