"""What every answer of the API and the open data downloads shares: a rate limit per client,
and headers that let a shared cache keep them (with an ETag; core.middleware answers 304)."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django_ratelimit.core import get_usage

OPEN_DATA_PATHS = ("/api/", "/data/")


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_DATA_PATHS) or request.method == "OPTIONS":
            return self.get_response(request)
        usage = get_usage(request, group="open-data", key=_client_address, rate=_rate, increment=True)
        if usage and usage["should_limit"]:
            return _too_many_requests(usage["time_left"])
        response = self.get_response(request)
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            if request.method == "GET":
                # core.middleware.NotModifiedMiddleware answers If-None-Match with it.
                set_response_etag(response)
        elif response.status_code >= 400:
            # An error may be over in a moment: a cache must not keep it.
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def _client_address(group, request) -> str:
    # Behind a proxy the client's address is in the header RATELIMIT_IP_META_KEY names. A
    # request with no address at all (a test harness) shares one allowance.
    return request.META.get(settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR", "")


def _rate(group, request) -> str:
    # Read per request, so that deployments and tests can change it.
    return settings.API_RATE


def _too_many_requests(seconds_left: int) -> HttpResponse:
    # The count may be unreadable (the cache is down): then ask the client to wait a moment.
    seconds_left = max(1, seconds_left)
    body = {"message": f"Too many requests from your address: try again in {seconds_left} seconds", "errors": []}
    response = HttpResponse(json.dumps(body), status=429, content_type="application/json")
    response["Retry-After"] = str(seconds_left)
    patch_cache_control(response, no_store=True)
    return response
