from html.parser import HTMLParser

import pytest

from guides.markdown import image_markdown, linked_guides, render_guide
from guides.tests.factories import GuideFactory

pytestmark = pytest.mark.django_db


def test_it_renders_headings_lists_and_tables_with_gov_uk_styles():
    html = render_guide("# Before\n\n- Book a room\n\n| Step | Who |\n|---|:--|\n| Recruit | Researcher |\n")

    assert '<h2 class="govuk-heading-m">Before</h2>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert (
        '<div class="app-guide-table-scroll" role="region" aria-label="Table" tabindex="0"><table class="govuk-table">'
        in html
    )
    assert "</table></div>" in html
    assert '<th class="govuk-table__header">Step</th>' in html
    assert '<td class="govuk-table__cell">Recruit</td>' in html
    assert "style=" not in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert('hacked')</script>Hello",
        "<iframe src='https://evil.example'></iframe>Hello",
        "<img src=x onerror=alert('hacked')>Hello",
        "<p onclick=\"alert('hacked')\">Hello</p>",
        "[Hello](javascript:alert('hacked'))",
        "<a href=\"JaVaScRiPt:alert('hacked')\">Hello</a>",
        "<a href=\"&#106;avascript:alert('hacked')\">Hello</a>",
        "<svg onload=alert('hacked')></svg>Hello",
        "<style>body { display: none }</style>Hello",
    ],
)
def test_it_renders_scripts_frames_event_handlers_and_javascript_links_harmless(source):
    html = render_guide(source)

    assert "Hello" in html
    elements = ElementsFound()
    elements.feed(html)
    assert not elements.tags & {"script", "iframe", "svg", "style"}
    for name, value in elements.attributes:
        assert not name.startswith("on")
        assert not (name in ("href", "src") and "javascript" in value.lower())


class ElementsFound(HTMLParser):
    """Every element and attribute in some HTML, as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def test_a_link_to_an_existing_guide_goes_to_its_page_whatever_the_capitals():
    GuideFactory(title="Paying participants", slug="paying-participants")

    html = render_guide("See [[paying  Participants]] first.")

    assert '<a href="/guides/paying-participants" class="govuk-link" rel="noopener noreferrer">' in html
    assert "paying Participants</a>" in html
    assert "not written yet" not in html


def test_a_link_to_a_missing_guide_offers_to_write_it_with_the_title_filled_in():
    html = render_guide("Read [[Recruiting residents & carers]].")

    assert 'href="/guides/new?title=Recruiting+residents+%26+carers"' in html
    assert "Recruiting residents &amp; carers (not written yet)</a>" in html


def test_a_guide_link_cannot_carry_markup():
    html = render_guide("[[<script>alert(1)</script>]] and [[<img src=x onerror=alert(1)>]]")

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; (not written yet)</a>" in html


def test_guide_links_in_code_stay_as_written():
    GuideFactory(title="Paying participants")

    html = render_guide("`[[Paying participants]]`\n\n```\n[[Paying participants]]\n```\n")

    assert "<a" not in html
    assert html.count("[[Paying participants]]") == 2


def test_it_finds_every_linked_guide_once_with_one_query(django_assert_num_queries):
    first = GuideFactory(title="Paying participants")
    second = GuideFactory(title="Booking a room")
    body = "[[Paying participants]], [[booking a room]], [[Paying participants]] and [[Not yet written]]"

    with django_assert_num_queries(1):
        linked = linked_guides(body)

    assert linked == [first, second]


def test_it_shows_only_images_uploaded_for_guides():
    html = render_guide(
        "![Sticky notes](/guides/images/12)\n\n"
        "![Tracker](https://tracker.example/pixel.png)\n\n"
        "![Data](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "![Sneaky](/guides/images/12/../../admin)\n\n"
        '<img src="/guides/images/3" alt="Raw HTML image" onerror="alert(1)">'
    )

    assert '<img alt="Sticky notes" src="/guides/images/12" class="app-guide-image">' in html
    assert '<img src="/guides/images/3" alt="Raw HTML image" class="app-guide-image">' in html
    assert "tracker.example" not in html and "data:" not in html and "admin" not in html
    assert html.count("<img") == 2


def test_the_image_markdown_keeps_the_alt_text_whole():
    source = image_markdown("A [draft]  map\nof wards", "/guides/images/7")

    assert source == r"![A \[draft\] map of wards](/guides/images/7)"
    assert '<img alt="A [draft] map of wards" src="/guides/images/7"' in render_guide(source)
