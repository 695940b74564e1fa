"""How an issue looks to a subscriber: its web version, rendered from Markdown and sanitised,
and its plain-text email. Staff previews use the same functions as sending, so a preview is
what subscribers get."""

from django.conf import settings
from django.urls import reverse

from core.email import render_email

ISSUE_TEMPLATE = "newsletter_issue"

# Placeholders in previews and test emails, where no subscriber's link exists.
EXAMPLE_TOKEN = "example-link-in-previews"  # noqa: S105 (not a secret: it matches no link)


def subscriber_links(token: str) -> dict[str, str]:
    """The absolute links a subscriber's email carries for one manage-link token."""
    return {
        "preferences_url": settings.SITE_URL + reverse("newsletter:preferences", args=[token]),
        "unsubscribe_url": settings.SITE_URL + reverse("newsletter:unsubscribe", args=[token]),
    }


def issue_email_context(issue, links: dict[str, str], *, is_test: bool = False) -> dict:
    return {"issue": issue, "is_test": is_test, **links}


def preview_email(issue) -> tuple[str, str]:
    """The subject and plain-text body of `issue` as a subscriber would get it."""
    return render_email(ISSUE_TEMPLATE, issue_email_context(issue, subscriber_links(EXAMPLE_TOKEN)))
