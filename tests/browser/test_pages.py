"""Every public page opens with one h1 and no axe-core violations, and GOV.UK Frontend's
JavaScript runs on them without errors under the Content Security Policy."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from organisations.tests.factories import OrganisationFactory
from tests.browser.axe import assert_accessible
from tests.browser.pages import (
    AboutPage,
    AccessibilityPage,
    CookiesPage,
    DeclarationPage,
    HomePage,
    NotFoundPage,
    OrganisationListPage,
    OrganisationPage,
    PrivacyPage,
    RoadmapPage,
    ServerErrorPage,
    SignInPage,
    StaffSignInPage,
    has_class,
)

PUBLIC_PAGES = [
    HomePage,
    DeclarationPage,
    AboutPage,
    RoadmapPage,
    AccessibilityPage,
    PrivacyPage,
    CookiesPage,
    OrganisationListPage,
    SignInPage,
    StaffSignInPage,
    NotFoundPage,
    ServerErrorPage,
]

NARROW = {"width": 375, "height": 812}


@pytest.mark.parametrize("service_page", PUBLIC_PAGES, ids=lambda cls: cls.path)
def test_it_shows_an_accessible_page(page, service_page):
    service_page(page).open()


def test_it_shows_an_accessible_organisation_page(page):
    OrganisationPage(page, OrganisationFactory()).open()


def test_it_runs_govuk_frontend_without_errors(page, console_errors):
    page.set_viewport_size(NARROW)
    home = HomePage(page).open()

    expect(page.locator("body")).to_have_class(has_class("govuk-frontend-supported"))
    expect(home.navigation).to_be_hidden()
    expect(home.menu_button).to_have_attribute("aria-expanded", "false")
    home.open_menu()

    assert_accessible(page)
    assert console_errors == []


def test_it_reports_scripts_the_content_security_policy_blocks(page, console_errors):
    # Proves the check above can fail: an inline script the policy does not name is refused.
    HomePage(page).open()

    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="document.body.dataset.ran = 'yes'")

    expect(page.locator("body")).not_to_have_attribute("data-ran", "yes")
    assert any("Content Security Policy" in error for error in console_errors), console_errors
    console_errors.clear()


def test_it_takes_a_visitor_from_the_home_page_to_the_declaration(page):
    HomePage(page).open().start_declaration()

    assert page.url.endswith("/declaration")


@pytest.mark.parametrize(
    ("card", "path", "heading"),
    [("Events", "/events", "Events"), ("The Local Digital Fund", "/fund", "Local Digital Fund")],
)
def test_it_links_each_card_to_its_service(page, card, path, heading):
    HomePage(page).open().follow_card(card)

    assert page.url.endswith(path)
    expect(page.locator("h1")).to_have_text(heading)
    assert_accessible(page)


def test_it_gives_a_back_link_a_landmark_only_where_there_is_one(page):
    HomePage(page).open()
    expect(page.get_by_role("navigation", name="Back")).to_have_count(0)

    OrganisationPage(page, OrganisationFactory()).open()
    expect(page.get_by_role("navigation", name="Back").get_by_role("link")).to_be_visible()


def test_it_links_straight_to_how_to_sign_the_declaration(page):
    HomePage(page).open().follow_card("sign the declaration")

    DeclarationPage(page).check()
    assert page.url.endswith("/declaration#sign")
    expect(page.locator("#sign")).to_be_in_viewport()
