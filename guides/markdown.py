"""A guide's Markdown as safe HTML: what `core.markdown` allows, plus tables, images uploaded
for guides and `[[Guide title]]` links between guides.

A `[[Title]]` link goes to the guide of that title (whatever its capitals) or, when there is
none yet, to the page that starts it with the title filled in. An image shows only if it is
one uploaded here (`GuideImage`): a picture from elsewhere could track readers, and the
content security policy would block it anyway.
"""

import re
import xml.etree.ElementTree as etree  # noqa: S405 - Markdown builds its tree with it; nothing is parsed
from dataclasses import dataclass, field
from urllib.parse import urlencode

import markdown
import nh3
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from core.markdown import ALLOWED_TAG_CLASSES
from guides.models import Guide

WIKI_LINK = r"\[\[([^\[\]\n]{1,150})\]\]"
MISSING_SUFFIX = " (not written yet)"

GUIDE_TAG_CLASSES = {
    **ALLOWED_TAG_CLASSES,
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "img": "app-guide-image",
}
# nh3 writes `>` in attribute values as `&gt;`, so this never stops inside an attribute.
IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')
# A wide table scrolls inside its own box on a phone rather than widening the page; the box
# can take focus so that keyboard users can scroll it too.
TABLE_START = '<table class="govuk-table">'
SCROLLING_TABLE_START = (
    f'<div class="app-guide-table-scroll" role="region" aria-label="Table" tabindex="0">{TABLE_START}'
)


@dataclass
class RenderedGuide:
    html: SafeString
    # The guides its `[[Title]]` links reach (outside code), for GuideLink.
    linked: list[Guide] = field(default_factory=list)


def render_guide(body: str) -> SafeString:
    """Safe HTML for a guide's Markdown `body`."""
    return convert(body).html


def linked_guides(body: str) -> list[Guide]:
    """The guides `body` links to with `[[Title]]`, each once."""
    return convert(body).linked


def convert(body: str) -> RenderedGuide:
    guides = _guides_titled(re.findall(WIKI_LINK, body))
    links = _WikiLinks(guides)
    converter = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", links])
    # A top-level heading becomes an <h2>: the page's <h1> is the guide's title.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", converter.convert(body))
    cleaned = nh3.clean(
        html,
        tags=set(GUIDE_TAG_CLASSES),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, "img": {"src", "alt"}},
        attribute_filter=_only_guide_images,
        set_tag_attribute_values={tag: {"class": css} for tag, css in GUIDE_TAG_CLASSES.items() if css},
        url_schemes={"http", "https", "mailto"},
    )
    cleaned = IMAGE_WITHOUT_SOURCE.sub("", cleaned)
    cleaned = cleaned.replace(TABLE_START, SCROLLING_TABLE_START).replace("</table>", "</table></div>")
    safe = mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above; only our own markup added since
    return RenderedGuide(safe, links.linked)


def image_markdown(alt_text: str, url: str) -> str:
    """The Markdown that shows an uploaded image, its alt text escaped so it cannot end early."""
    escaped = re.sub(r"([\\\[\]])", r"\\\1", " ".join(alt_text.split()))
    return f"![{escaped}]({url})"


def _guides_titled(titles: list[str]) -> dict[str, Guide]:
    wanted = {_normal(title).lower() for title in titles}
    if not wanted:
        return {}
    found = Guide.objects.annotate(lower_title=Lower("title")).filter(lower_title__in=wanted).only("title", "slug")
    return {guide.title.lower(): guide for guide in found}


def _normal(title: str) -> str:
    return " ".join(title.split())


def _only_guide_images(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        prefix = reverse("guides:image", args=[0])[:-1]
        number = value.removeprefix(prefix)
        return value if value.startswith(prefix) and number.isascii() and number.isdigit() else None
    return value


class _WikiLinkPattern(InlineProcessor):
    def __init__(self, pattern: str, links: "_WikiLinks"):
        super().__init__(pattern)
        self.links = links

    def handleMatch(self, match, data):
        title = _normal(match.group(1))
        if not title:
            return None, None, None
        link = etree.Element("a")
        guide = self.links.guides.get(title.lower())
        if guide is None:
            link.set("href", f"{reverse('guides:new')}?{urlencode({'title': title})}")
            link.text = AtomicString(title + MISSING_SUFFIX)
        else:
            link.set("href", reverse("guides:guide", args=[guide.slug]))
            link.text = AtomicString(title)
            if guide not in self.links.linked:
                self.links.linked.append(guide)
        return link, match.start(0), match.end(0)


class _WikiLinks(Extension):
    def __init__(self, guides: dict[str, Guide]):
        super().__init__()
        self.guides = guides
        self.linked: list[Guide] = []

    def extendMarkdown(self, md):
        # After code spans (190) and before ordinary links (160), so `[[x]]` in code stays text;
        # the title is shown as written, never read as more Markdown.
        md.inlinePatterns.register(_WikiLinkPattern(WIKI_LINK, self), "guide_link", 175)
