from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from core import audit, outbox, queries
from core.forms import OutboxFilterForm
from core.models import OutboundEmail
from core.pagination import pagination
from core.permissions import public, staff_required
from core.tasks import deliver_email


@public
@require_safe
def home(request):
    return render(request, "core/home.html")


@public
@require_safe
def about(request):
    return render(request, "core/about.html")


@public
@require_safe
def roadmap(request):
    return render(request, "core/roadmap.html")


@public
@require_safe
def accessibility(request):
    return render(request, "core/accessibility.html")


@public
@require_safe
def privacy(request):
    return render(request, "core/privacy.html")


@public
@require_safe
def cookies(request):
    return render(request, "core/cookies.html")


@public
@require_safe
# A load balancer asks whether this app server is alive: no cache may answer for it.
@never_cache
def healthcheck(request):
    return HttpResponse("OK", content_type="text/plain")


@staff_required()
@require_safe
def audit_trail(request, app_label, model_name, pk):
    # PostgreSQL refuses NUL in text, and a malformed UUID fails validation: neither names
    # an object, so both are "not found" rather than a server error.
    if "\x00" in pk:
        raise Http404
    try:
        model = apps.get_model(app_label, model_name)
        obj = model._default_manager.get(pk=pk)
    except (LookupError, ValueError, ValidationError, ObjectDoesNotExist):
        raise Http404 from None
    events = audit.events_for(obj)[:200]
    return render(request, "core/audit_trail.html", {"object": obj, "events": events})


@staff_required()
@require_safe
def outbox_list(request):
    form = OutboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = queries.outbox_page(status, request.GET.get("page"))
    context = {"form": form, "page": page, "pagination": pagination(page, request.GET)}
    return render(request, "core/outbox.html", context)


@staff_required()
@require_POST
def retry_email(request, pk):
    message = get_object_or_404(OutboundEmail, pk=pk)
    if outbox.retry(message, by=request.user):
        deliver_email.enqueue(str(message.pk))
        messages.success(request, f"The email to {message.to} is back in the queue")
    else:
        messages.info(
            request, "That email was not queued again: it is no longer marked as failed, or its address was erased"
        )
    return redirect("core:outbox")


def rate_limited(request, exception):
    return render(request, "core/errors/429.html", status=429)


def csrf_failure(request, reason=""):
    return render(request, "core/errors/csrf.html", status=403)


def bad_request(request, exception):
    return render(request, "core/errors/400.html", status=400)


def permission_denied(request, exception):
    return render(request, "core/errors/403.html", status=403)


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        # An address the API does not have: answered in the API's error shape.
        return JsonResponse({"message": "The API has nothing at this address", "errors": []}, status=404)
    return render(request, "core/errors/404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": "Something went wrong on our side; try again later", "errors": []}, status=500)
    # No request context: whatever broke the request may break the context processors too.
    return HttpResponse(get_template("core/errors/500.html").render(), status=500)
