"""Page objects: what a test may do on each page of the service, and how to check it got there.

A journey test opens its first page with `SomePage(page).open()` and moves on through the
methods that click links and buttons, each of which returns the next page object after
checking it. Every page that is opened or checked gets an axe-core accessibility check.
"""

from __future__ import annotations

import re
from typing import Self

from django.test import RequestFactory
from playwright.sync_api import Locator, Page, expect

from core.views import server_error
from tests.browser.axe import assert_accessible


class ServicePage:
    path: str = "/"
    # The text of the page's h1; None checks only that there is exactly one, with some text.
    heading: str | None = None
    status: int = 200

    def __init__(self, page: Page) -> None:
        self.page = page

    def url(self) -> str:
        return self.path

    def open(self) -> Self:
        response = self.page.goto(self.url())
        assert response is not None, f"No response for {self.url()}"
        assert response.status == self.status, f"{self.url()} answered {response.status}, not {self.status}"
        return self.check()

    def check(self) -> Self:
        """Assert the browser shows this page, and that the page is accessible."""
        expect(self.h1).to_have_count(1)
        if self.heading is None:
            expect(self.h1).not_to_be_empty()
        else:
            expect(self.h1).to_have_text(self.heading)
        assert_accessible(self.page)
        return self

    @property
    def h1(self) -> Locator:
        return self.page.locator("h1")

    @property
    def menu_button(self) -> Locator:
        """The service navigation's Menu button, which GOV.UK Frontend shows on narrow screens."""
        return self.page.get_by_role("button", name="Menu")

    @property
    def navigation(self) -> Locator:
        return self.page.locator(".govuk-service-navigation__list")

    def open_menu(self) -> Self:
        self.menu_button.click()
        expect(self.menu_button).to_have_attribute("aria-expanded", "true")
        expect(self.navigation).to_be_visible()
        return self


class HomePage(ServicePage):
    path = "/"
    heading = "Local Digital"

    def start_declaration(self) -> DeclarationPage:
        self.page.get_by_role("button", name="Read and sign the declaration").click()
        return DeclarationPage(self.page).check()

    def follow_card(self, name: str) -> None:
        self.page.locator(".app-card").get_by_role("link", name=name, exact=True).click()


class AboutPage(ServicePage):
    path = "/about"
    heading = "About Local Digital"

    def section(self, fragment: str) -> Locator:
        return self.page.locator(f"h2#{fragment}")


class RoadmapPage(ServicePage):
    path = "/about/roadmap"
    heading = "Collaboration Unit roadmap"


class AccessibilityPage(ServicePage):
    path = "/accessibility"
    heading = "Accessibility statement for Local Digital"


class PrivacyPage(ServicePage):
    path = "/privacy"
    heading = "Privacy notice"


class CookiesPage(ServicePage):
    path = "/cookies"
    heading = "Cookies"


class DeclarationPage(ServicePage):
    path = "/declaration"
    heading = "The Local Digital Declaration"


class OrganisationListPage(ServicePage):
    path = "/organisations"
    heading = "Organisations"


class OrganisationPage(ServicePage):
    def __init__(self, page: Page, organisation) -> None:
        super().__init__(page)
        self.organisation = organisation
        self.heading = organisation.name

    def url(self) -> str:
        return self.organisation.get_absolute_url()


class SignInPage(ServicePage):
    path = "/sign-in"
    heading = "Sign in"


class StaffSignInPage(ServicePage):
    path = "/staff/sign-in"
    heading = "Sign in as staff"


class NotFoundPage(ServicePage):
    path = "/no-such-page"
    heading = "Page not found"
    status = 404


class ServerErrorPage(ServicePage):
    """No URL fails on purpose, so the browser is handed the page the 500 handler renders."""

    path = "/server-error"
    heading = "Sorry, there is a problem with the service"
    status = 500

    def open(self) -> Self:
        html = server_error(RequestFactory().get(self.path)).content.decode()
        self.page.route(f"**{self.path}", lambda route: route.fulfill(status=500, body=html, content_type="text/html"))
        return super().open()


def has_class(name: str) -> re.Pattern[str]:
    """For `expect(locator).to_have_class(...)`: the element has this class among others."""
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")
