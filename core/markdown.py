"""Markdown that people write (event descriptions, round guidance, newsletter issues) as
safe HTML in GOV.UK styles."""

import re

import markdown
import nh3

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


def render_markdown(text: str) -> str:
    """Safe HTML for `text`. A top-level heading becomes an <h2>: the page's <h1> is its
    title."""
    html = re.sub(r"<(/?)h1>", r"<\1h2>", markdown.markdown(text))
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAG_CLASSES),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        set_tag_attribute_values={tag: {"class": css} for tag, css in ALLOWED_TAG_CLASSES.items() if css},
        url_schemes={"http", "https", "mailto"},
    )
