"""Accessibility checks with axe-core, run inside the page the browser has open."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best-practice rules (one h1, every
# piece of content inside a landmark, and so on).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def assert_accessible(page: Page) -> None:
    """Fail with axe's readable report if the page has any violation, whatever its impact."""
    results = _axe.run(page, options=OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
