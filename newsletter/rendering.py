"""How an issue looks to a subscriber: its web version, rendered from Markdown and sanitised,
and its plain-text email. Staff previews use the same functions as sending, so a preview is
what subscribers get."""

import re

import markdown
import nh3
from django.conf import settings
from django.urls import reverse

from core.email import render_email

ISSUE_TEMPLATE = "newsletter_issue"

# GOV.UK Frontend styles an element by its class, so each allowed tag gets the class it
# needs. Anything else is stripped, keeping its text; scripts and styles go with their text.
ALLOWED_TAG_CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "a": "govuk-link",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "li": "",
    "strong": "",
    "em": "",
    "code": "",
    "pre": "",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
    "br": "",
}

# Placeholders in previews and test emails, where no subscriber's link exists.
EXAMPLE_TOKEN = "example-link-in-previews"  # noqa: S105 (not a secret: it matches no link)


def render_markdown(text: str) -> str:
    """Safe HTML for `text`. A top-level heading becomes an <h2>: the page's <h1> is the
    issue's title."""
    html = re.sub(r"<(/?)h1>", r"<\1h2>", markdown.markdown(text))
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAG_CLASSES),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        set_tag_attribute_values={tag: {"class": css} for tag, css in ALLOWED_TAG_CLASSES.items() if css},
        url_schemes={"http", "https", "mailto"},
    )


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
