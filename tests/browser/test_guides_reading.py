"""Someone from a council reads the community guides without signing in: finds a guide by its
category, reads it, looks through its history, sees what one change did, reads an old version
and follows the recent changes. Writing and editing guides is another journey."""

from playwright.sync_api import expect

from events.models import Topic
from guides.models import Category, Revision
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise, saved_days_ago
from organisations.tests.factories import OrganisationFactory
from tests.browser.guide_pages import ComparePage, CompareRevisionsPage, GuidesPage, compare_instead


def test_someone_reads_a_guide_its_history_and_what_changed(page):
    leeds = OrganisationFactory(name="Leeds City Council")
    research = GuideFactory(
        title="Running a user research session",
        category=Category.HOW_TOS,
        body="## Before\n\nBook a room.\n\n## During\n\nAsk open questions.",
    )
    # Browser tests empty the database between them, reference data included.
    research.topics.add(Topic.objects.get_or_create(slug="accessibility", defaults={"name": "Accessibility"})[0])
    saved_days_ago(research.current_revision, 7)
    saved_days_ago(
        revise(
            research,
            body="## Before\n\nBook a quiet room.\n\nPay people for their time.\n\n## During\n\nAsk open questions.",
            summary="Quieter rooms and paying people",
            author_organisation=leeds,
            author_display_name="Sam K",
        ),
        3,
    )
    saved_days_ago(revise(research, body="Spam from a vandal", summary="Vandalism", hidden=True), 2)
    GuideFactory(title="Buying a case management system", category=Category.PROCUREMENT)

    guides = GuidesPage(page).open()
    expect(page.locator("#licence")).to_contain_text("Open Government Licence v3.0")
    expect(page.locator("#recently-changed")).to_contain_text("Sam K, Leeds City Council")

    guide = guides.open_category("How-tos").open_guide("Running a user research session")
    expect(guide.body.get_by_role("heading", name="Before")).to_be_visible()
    expect(guide.body).to_contain_text("Book a quiet room.")
    expect(guide.body).not_to_contain_text("Spam from a vandal")
    expect(guide.summary("Topics")).to_have_text("Accessibility")
    expect(guide.summary("Last changed")).to_contain_text("by Sam K, Leeds City Council")

    history = guide.open_history()
    expect(history.rows).to_have_count(2)
    expect(history.page.locator("#history")).not_to_contain_text("Vandalism")

    comparison = history.compare(1, 2)
    expect(comparison.diff.locator("del")).to_have_text(["Removed: Book a room."])
    expect(comparison.diff.locator("ins")).to_have_text(
        ["Added: Book a quiet room.", "Added: blank line", "Added: Pay people for their time."]
    )

    hidden = Revision.objects.get(guide=research, is_hidden=True).number
    compare_instead(comparison, "1", str(hidden))
    asking = CompareRevisionsPage(page).check()
    asking.check_error("To revision", f"There is no revision {hidden} in this guide’s history")
    expect(page.locator("#diff")).to_have_count(0)

    compare_instead(asking, "1", "2")
    old = ComparePage(page, 1, 2).check().open_revision(1, "Running a user research session")
    expect(old.page.locator("#revision-status")).to_contain_text("This is an old version of the guide.")
    expect(old.page.locator("#guide-body")).to_contain_text("Book a room.")

    changes = GuidesPage(page).open().open_recent_changes()
    expect(changes.rows).to_have_count(3)
    expect(changes.rows.first).to_contain_text("Buying a case management system")
    expect(changes.page.locator("#changes")).not_to_contain_text("Vandalism")
