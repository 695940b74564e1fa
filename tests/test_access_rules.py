"""Every URL states who may use it. A view without a rule fails here before it ships."""

from django.urls import URLPattern, URLResolver, get_resolver

KNOWN_RULES = {"public", "signed_in", "staff"}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            # The Django admin has its own rule: OTPAdminSite admits verified staff only.
            if pattern.app_name == "admin":
                continue
            # The API has its own rule: public and read-only, which api/tests/test_openapi.py
            # checks operation by operation.
            if pattern.namespace == "api":
                continue
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_view_declares_an_access_rule():
    missing = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if getattr(view, "access_rule", None) not in KNOWN_RULES
    ]
    assert missing == [], f"Views without an access rule (use core.permissions): {missing}"
