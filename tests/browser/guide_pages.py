"""Page objects for the community guides: reading a guide, its history and what changed,
writing and editing guides (merging when someone else saved first), reverting, and watching.
They follow `tests.browser.pages`: each method that moves on returns the next page object
after checking it, axe-core included."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.browser.pages import ServicePage

# Reading ------------------------------------------------------------------------------------


class GuidesPage(ServicePage):
    path = "/guides"
    heading = "Guides"

    def open_category(self, name: str) -> CategoryPage:
        self.page.locator("#categories").get_by_role("link", name=name, exact=True).click()
        return CategoryPage(self.page, name).check()

    def open_recent_changes(self) -> RecentChangesPage:
        self.page.get_by_role("link", name="See recent changes to the guides").click()
        return RecentChangesPage(self.page).check()

    def write_a_new_guide(self) -> NewGuidePage:
        self.page.get_by_role("button", name="Write a new guide").click()
        return NewGuidePage(self.page).check()


class CategoryPage(ServicePage):
    def __init__(self, page: Page, name: str) -> None:
        super().__init__(page)
        self.heading = name

    def open_guide(self, title: str) -> GuidePage:
        self.page.locator("#guides").get_by_role("link", name=title, exact=True).click()
        return GuidePage(self.page, title).check()


class GuidePage(ServicePage):
    """A guide's own page; `slug` is needed only to open it by its address."""

    def __init__(self, page: Page, title: str, slug: str = "") -> None:
        super().__init__(page)
        self.heading = title
        self.path = f"/guides/{slug}"

    @property
    def body(self) -> Locator:
        return self.page.locator("#guide-body")

    def open_history(self) -> HistoryPage:
        self.page.get_by_role("link", name="History of this guide").click()
        return HistoryPage(self.page).check()

    def edit(self) -> EditGuidePage:
        self.page.get_by_role("link", name="Edit this guide").click()
        return EditGuidePage(self.page).check()

    def watch(self) -> GuidePage:
        self.click_button("Watch this guide")
        expect(self.success_banner).to_be_visible()
        return self.check()


class HistoryPage(ServicePage):
    heading = "History"

    @property
    def rows(self) -> Locator:
        return self.page.locator("#history tbody tr")

    def compare(self, from_number: int, to_number: int) -> ComparePage:
        self.page.get_by_label(f"Compare from revision {from_number}", exact=True).check()
        self.page.get_by_label(f"Compare to revision {to_number}", exact=True).check()
        self.click_button("Compare the chosen revisions")
        return ComparePage(self.page, from_number, to_number).check()

    def open_revision(self, number: int, title: str) -> RevisionPage:
        self.page.locator("#history").get_by_role("link", name=f"Revision {number}", exact=True).click()
        return RevisionPage(self.page, title).check()


class ComparePage(ServicePage):
    def __init__(self, page: Page, from_number: int, to_number: int) -> None:
        super().__init__(page)
        self.heading = f"Changes from revision {from_number} to revision {to_number}"

    @property
    def diff(self) -> Locator:
        return self.page.locator("#diff")

    def open_revision(self, number: int, title: str) -> RevisionPage:
        self.page.locator("#compared-revisions").get_by_role("link", name=f"Revision {number}").click()
        return RevisionPage(self.page, title).check()


class CompareRevisionsPage(ServicePage):
    """The comparison page while it has no comparison to show: asking for two revisions."""

    heading = "Compare revisions"


def compare_instead(page: ServicePage, from_number: str, to_number: str) -> None:
    page.page.get_by_label("From revision", exact=True).fill(from_number)
    page.page.get_by_label("To revision", exact=True).fill(to_number)
    page.click_button("Compare")


class RevisionPage(ServicePage):
    def __init__(self, page: Page, title: str) -> None:
        super().__init__(page)
        self.heading = title

    def revert(self, number: int) -> RevertPage:
        self.page.get_by_role("link", name=f"Revert the guide to revision {number}", exact=True).click()
        return RevertPage(self.page, number).check()


class RecentChangesPage(ServicePage):
    path = "/guides/recent-changes"
    heading = "Recent changes"

    @property
    def rows(self) -> Locator:
        return self.page.locator("#changes tbody tr")


# Writing ------------------------------------------------------------------------------------


class GuideFormPage(ServicePage):
    """What the forms to write a guide, edit one and merge with someone else's save share."""

    button = "Publish changes"

    @property
    def text_field(self) -> Locator:
        return self.page.get_by_label("Guide", exact=True)

    @property
    def summary_field(self) -> Locator:
        return self.page.get_by_label("Summary of your changes", exact=True)

    def fill(self, *, body: str, summary: str) -> None:
        self.text_field.fill(body)
        self.summary_field.fill(summary)

    def publish(self, title: str, *, body: str, summary: str) -> GuidePage:
        self.fill(body=body, summary=summary)
        self.click_button(self.button)
        return GuidePage(self.page, title).check()


class NewGuidePage(GuideFormPage):
    path = "/guides/new"
    heading = "Write a new guide"
    button = "Publish guide"

    def write(self, title: str, category: str, *, body: str, summary: str) -> GuidePage:
        self.page.get_by_label("Title", exact=True).fill(title)
        self.page.get_by_role("group", name="Category").get_by_label(category, exact=True).check()
        return self.publish(title, body=body, summary=summary)


class EditGuidePage(GuideFormPage):
    """The edit form; `slug` is needed only to open it by its address."""

    heading = "Edit this guide"

    def __init__(self, page: Page, slug: str = "") -> None:
        super().__init__(page)
        self.path = f"/guides/{slug}/edit"

    def publish_after_someone_else(self, *, body: str, summary: str) -> MergePage:
        """Publish, when someone else has saved the guide since this form was opened."""
        self.fill(body=body, summary=summary)
        self.click_button(self.button)
        return MergePage(self.page).check()


class MergePage(GuideFormPage):
    """The edit form again, nothing saved, with their version beside the editor's."""

    heading = "Merge your changes with theirs"

    @property
    def their_text(self) -> Locator:
        return self.page.locator("#their-version").get_by_label("Their text", exact=True)

    @property
    def text_field(self) -> Locator:
        """The editor's own text, under the heading "Your version"."""
        return self.page.locator("#your-version").get_by_role("textbox")

    @property
    def changes_since(self) -> Locator:
        return self.page.locator("#changes-since")


class RevertPage(ServicePage):
    def __init__(self, page: Page, number: int) -> None:
        super().__init__(page)
        self.number = number
        self.heading = f"Revert to revision {number}"

    def revert(self, title: str) -> GuidePage:
        self.click_button(f"Revert to revision {self.number}")
        return GuidePage(self.page, title).check()
