import pytest

from core.markdown import render_markdown


def test_it_renders_markdown_with_gov_uk_styles():
    html = render_markdown("# Big\n\n## News\n\nSome *words* and [a link](https://www.gov.uk).\n\n- one\n- two")
    assert '<h2 class="govuk-heading-m">Big</h2>' in html
    assert '<h2 class="govuk-heading-m">News</h2>' in html
    assert "<em>words</em>" in html
    assert '<a href="https://www.gov.uk" class="govuk-link" rel="noopener noreferrer">a link</a>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "Hello <script src=https://evil.example/x.js></script>",
        '<p onclick="alert(1)">Click</p>',
        '<a href="/" onmouseover="alert(1)">hover</a>',
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<div style="position:fixed">cover</div>',
        "<svg onload=alert(1)>",
    ],
)
def test_it_strips_scripts_and_event_handlers(source):
    html = render_markdown(source).lower()
    for danger in [
        "<script",
        "alert(1)",
        "onclick",
        "onmouseover",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "style=",
    ]:
        assert danger not in html


def test_it_keeps_the_text_of_tags_it_strips():
    assert "cover" in render_markdown('<div class="x">cover</div>')
