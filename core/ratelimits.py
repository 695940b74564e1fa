"""Rate limits on form posts (sign-in, subscribing), with django-ratelimit.

A view over its limit answers with the 429 page: the decorator raises, and django-ratelimit's
middleware turns that into settings.RATELIMIT_VIEW.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def limit_posts(group: str, key, setting: str):
    """Limit POSTs per `key` ("ip", "user_or_ip" or a function) to the rate named by the
    setting, read per request so that deployments and tests can change it."""

    def rate(group, request):
        return getattr(settings, setting)

    return ratelimit(group=group, key=key, rate=rate, method="POST", block=True)


def posted_email(group, request) -> str:
    """Key a limit on the email address in the form, however it is capitalised."""
    return request.POST.get("email", "").strip().lower()
