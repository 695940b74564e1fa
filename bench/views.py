"""The floors: what the same gunicorn, middleware and database manage with no work of the
service's own. A page or a form post is measured as a fraction of these."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_safe

from bench.models import FloorWrite


@require_safe
def minimal(request):
    return HttpResponse("OK", content_type="text/plain")


@require_http_methods(["GET", "POST"])
def insert(request):
    # GET hands out a CSRF token as the service's forms do, so the load client posts to the
    # floor exactly as it posts to a journey.
    if request.method == "POST":
        FloorWrite.objects.create(text=request.POST.get("text", "")[:200])
        return redirect("/bench/insert?done=1")
    token = get_token(request)
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{token}">', content_type="text/html")
