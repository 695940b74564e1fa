"""Cache headers for every page the API middleware leaves alone: what an anonymous visitor sees
may be kept by a shared cache for a short while, and nothing else may be kept at all."""

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag


class PublicPageCacheMiddleware:
    """A page is public when anyone without a session would get the same bytes: a GET or HEAD
    answered 200 to a request with no session cookie, and setting no cookie itself (a page with
    a POST form sets csrftoken, whose token is in the page). A shared cache may keep it for
    PUBLIC_PAGE_CACHE_SECONDS, so that is also how long a publication takes to show: nothing
    purges the cache, a short life is the invalidation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Whatever set its own Cache-Control (the API and open data, never_cache views) knows better.
        if response.has_header("Cache-Control"):
            return response
        if _is_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS)
            # The cache in front keys on the URL; a session cookie must bypass it.
            patch_vary_headers(response, ["Cookie"])
            if request.method == "GET":
                # NotModifiedMiddleware, outside the page cache, answers If-None-Match with it.
                set_response_etag(response)
            return response
        patch_cache_control(response, private=True, no_cache=True)
        if _may_be_signed_in(request, response):
            # A page for a signed-in person may hold personal data: no browser or proxy stores it.
            patch_cache_control(response, no_store=True)
        return response


def _is_public(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
    )


def _may_be_signed_in(request, response) -> bool:
    # Decided from the session cookie, not request.user: asking for the user would load the
    # session (and the user) from the database on every error page and redirect. Everyone signed
    # in carries the cookie, or is being given it by this response; an anonymous session (a
    # flash message) is treated the same, which only costs a browser cache it did not need.
    name = settings.SESSION_COOKIE_NAME
    return name in request.COOKIES or name in response.cookies


class NotModifiedMiddleware(ConditionalGetMiddleware):
    """The one place that answers a matching If-None-Match or If-Modified-Since with 304 Not
    Modified, for pages, API answers and downloads alike. It sits outside the app's page cache,
    so a kept page is answered too, and adds no ETag of its own: the middleware that decides a
    response may be shared gives it one."""

    def needs_etag(self, response):
        return False
