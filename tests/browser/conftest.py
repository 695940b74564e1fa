"""Fixtures for the browser tests: one Chromium for the whole run, a fresh context (cookies,
storage) for each test, pointed at pytest-django's live server.

Every test in this folder is marked `browser`, so `make test-browser` selects them and the
other test runs (`-m "not browser"`) leave them out.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import ConsoleMessage, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread, and Django refuses database
# calls from a thread with a running loop unless told this is safe. It is: the loop only
# drives the browser, and each test's database work happens in order.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
BROWSER_TESTS = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Runs before pytest deselects by `-m`, so the mark is there when it looks.
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: run `apt-get install chromium`.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def console_errors():
    """What the browser reported as errors while the test ran: console errors (including
    Content Security Policy violations and files that failed to load) and uncaught
    exceptions. The `page` fixture fails the test if any are left at the end."""
    return []


@pytest.fixture(autouse=True)
def _empty_cache(transactional_db):
    # Rate-limit counts live in the database cache, a table the flush between tests leaves
    # alone; each test starts with none.
    cache.clear()


@pytest.fixture
def open_page(browser, live_server, console_errors):
    """Opens a page in a browser of its own (its own cookies), as on another device. The
    errors it reports count like those of `page`."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _record_error(page, message, console_errors))
        page.on("pageerror", lambda error: console_errors.append(f"Uncaught exception: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    if console_errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(console_errors))


@pytest.fixture
def page(open_page):
    return open_page()


def _record_error(page: Page, message: ConsoleMessage, errors: list[str]) -> None:
    if message.type != "error":
        return
    # Chromium logs a document's own 4xx or 5xx status as a failed load. Tests assert the
    # status of the pages they visit, so only other files (CSS, JavaScript, images) count.
    if message.text.startswith("Failed to load resource") and message.location.get("url") == page.url:
        return
    errors.append(f"{message.text} ({message.location.get('url')})")
