"""A guide from start to finish: someone at a council writes it, someone at another council
watches it, the writer improves it twice, compares the first and third versions and goes back
to the second. Then two people edit at once: the one who saves second is shown the merge page,
loses nothing, and publishes the combined text. The watcher is emailed about the changes with
links to the guide and to what changed. Each person uses a browser of their own."""

import re

from playwright.sync_api import expect

from accounts.tests.factories import MembershipFactory
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tests.browser.emails import wait_for_email
from tests.browser.guide_pages import ComparePage, EditGuidePage, GuidePage, GuidesPage
from tests.browser.tender_pages import sign_in_with_link

TITLE = "Running a user research session"
SLUG = "running-a-user-research-session"
WRITER = "robin.officer@testshire.gov.uk"
WRITER_NAME = "Robin Officer"
SECOND_EDITOR = "digital@leeds.gov.uk"
WATCHER = "priya@exampleton.gov.uk"

FIRST = "## Before\n\nBook a room.\n\n## During\n\nAsk open questions."
QUIETER = "## Before\n\nBook a quiet room.\n\n## During\n\nAsk open questions."
PAYING = "## Before\n\nBook a quiet room.\n\nPay people for their time.\n\n## During\n\nAsk open questions."
THANKING = QUIETER + "\n\n## After\n\nThank people within a day."
SILENCES = "## Before\n\nBook a quiet room.\n\n## During\n\nAsk open questions, then let silences run."
MERGED = SILENCES + "\n\n## After\n\nThank people within a day."


def test_a_guide_is_written_edited_compared_reverted_and_merged_while_a_watcher_is_emailed(open_page, mailoutbox):
    council = OrganisationFactory(name="Testshire County Council", organisation_type=OrganisationType.COUNTY)
    MembershipFactory(organisation=council, user__email=WRITER, user__full_name=WRITER_NAME)
    MembershipFactory(organisation=OrganisationFactory(name="Leeds City Council"), user__email=SECOND_EDITOR)
    MembershipFactory(organisation=OrganisationFactory(name="Exampleton Borough Council"), user__email=WATCHER)

    # Someone at a council writes a guide.
    writer = open_page()
    sign_in_with_link(writer, mailoutbox, WRITER)
    guide = GuidesPage(writer).open().write_a_new_guide().write(TITLE, "How-tos", body=FIRST, summary="First version")
    expect(guide.success_banner).to_contain_text("Your guide is published")
    expect(guide.body).to_contain_text("Book a room.")

    # Someone at another council watches it.
    watcher = open_page()
    sign_in_with_link(watcher, mailoutbox, WATCHER)
    watching = GuidePage(watcher, TITLE, SLUG).open().watch()
    expect(watching.success_banner).to_contain_text("You are watching this guide")

    # The writer improves the guide.
    guide = guide.edit().publish(TITLE, body=QUIETER, summary="Asked for quieter rooms")
    expect(guide.success_banner).to_contain_text("Your changes are published")

    # The watcher is emailed about the change, with links to the guide and to what changed.
    email = wait_for_email(mailoutbox, WATCHER, f"{TITLE} has changed")
    assert "Asked for quieter rooms" in email.body and "Testshire County Council" in email.body
    assert re.search(rf"^https?://[^/\s]+/guides/{SLUG}$", email.body, re.MULTILINE)
    diff_link = re.search(rf"^https?://[^/\s]+(/guides/{SLUG}/compare\?\S+)$", email.body, re.MULTILINE)
    assert diff_link and diff_link[1] == f"/guides/{SLUG}/compare?from=1&to=2"
    watcher.goto(diff_link[1])
    change = ComparePage(watcher, 1, 2).check()
    expect(change.diff.locator("del")).to_have_text(["Removed: Book a room."])
    expect(change.diff.locator("ins")).to_have_text(["Added: Book a quiet room."])

    # The writer improves it again, and its history shows three revisions.
    guide = guide.edit().publish(TITLE, body=PAYING, summary="Added paying people")
    expect(guide.body).to_contain_text("Pay people for their time.")
    history = guide.open_history()
    expect(history.rows).to_have_count(3)
    expect(history.rows.first).to_contain_text("Added paying people")
    expect(history.rows.first).to_contain_text("Testshire County Council")
    expect(history.page.get_by_role("main")).not_to_contain_text(WRITER_NAME)
    expect(history.page.get_by_role("main")).not_to_contain_text(WRITER)

    # The writer compares the first and third revisions: what was added and what removed.
    comparison = history.compare(1, 3)
    expect(comparison.diff.locator("del")).to_have_text(["Removed: Book a room."])
    expect(comparison.diff.locator("ins")).to_have_text(
        ["Added: Book a quiet room.", "Added: blank line", "Added: Pay people for their time."]
    )

    # They go back to the second revision, which makes a fourth.
    history = GuidePage(writer, TITLE, SLUG).open().open_history()
    guide = history.open_revision(2, TITLE).revert(2).revert(TITLE)
    expect(guide.success_banner).to_contain_text("The guide is back to the text of revision 2")
    expect(guide.body).not_to_contain_text("Pay people for their time.")
    history = guide.open_history()
    expect(history.rows).to_have_count(4)
    expect(history.rows.first).to_contain_text("Reverted to revision 2")

    # Someone at another council starts an edit; the writer saves one before they finish.
    second_editor = open_page()
    sign_in_with_link(second_editor, mailoutbox, SECOND_EDITOR)
    their_form = EditGuidePage(second_editor, SLUG).open()
    writers_form = GuidePage(writer, TITLE, SLUG).open().edit()
    writers_guide = writers_form.publish(TITLE, body=THANKING, summary="Added thanking people")

    # Their save is refused with nothing lost: the merge page shows both versions.
    merge = their_form.publish_after_someone_else(body=SILENCES, summary="Advice on silences")
    expect(merge.their_text).to_have_value(THANKING)
    expect(merge.text_field).to_have_value(SILENCES)
    expect(merge.summary_field).to_have_value("Advice on silences")
    expect(merge.changes_since).to_contain_text("Added thanking people")
    writers_history = writers_guide.open_history()
    expect(writers_history.rows).to_have_count(5)
    expect(writers_history.rows.first).to_contain_text("Added thanking people")

    # They combine the two and publish, on top of the writer's change.
    guide = merge.publish(TITLE, body=MERGED, summary="Advice on silences")
    expect(guide.success_banner).to_contain_text("Your changes are published")
    expect(guide.body).to_contain_text("let silences run")
    expect(guide.body).to_contain_text("Thank people within a day.")
    history = guide.open_history()
    expect(history.rows).to_have_count(6)
    expect(history.rows.first).to_contain_text("Advice on silences")
    expect(history.rows.first).to_contain_text("Leeds City Council")

    # The watcher heard about every change, the revert and the merged save included.
    wait_for_email(mailoutbox, WATCHER, f"{TITLE} has changed")
    lines_sent = [line for email in mailoutbox if WATCHER in email.to for line in email.body.splitlines()]
    for summary in ["Added paying people", "Reverted to revision 2", "Added thanking people", "Advice on silences"]:
        assert summary in lines_sent
