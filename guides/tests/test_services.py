import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from accounts.tests.factories import MembershipFactory, UserFactory
from accounts.workflow import MembershipStatus
from core.models import AuditEvent, OutboundEmail
from core.workflow import TransitionRefused
from events.models import Topic
from guides import services, watching
from guides.models import Category, EditingBlock, Guide, GuideLink, PublicName, Revision
from guides.services import EditConflict, GuideText
from guides.tests.factories import GuideFactory
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire Council")


@pytest.fixture
def editor(council):
    return MembershipFactory(organisation=council, user=UserFactory(full_name="Robin Editor")).user


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="user-research", body="## Before\n\nBook a room.")


def text(**changes) -> GuideText:
    fields = {
        "title": "Running a user research session",
        "body": "## Before\n\nBook a room and recruit five residents.",
        "summary": "Added how many people to recruit",
        "category": Category.HOW_TOS,
    }
    return GuideText(**(fields | changes))


# Who may edit -------------------------------------------------------------------------------


class TestMayEdit:
    def test_a_member_of_a_public_sector_organisation_may_edit(self, editor, guide):
        assert services.may_edit(editor) == ""
        assert services.may_edit(editor, guide) == ""

    def test_someone_not_signed_in_may_not(self, guide):
        assert services.may_edit(AnonymousUser(), guide) == services.NOT_SIGNED_IN

    @pytest.mark.parametrize(
        "membership",
        [
            {"pending": True},
            {"rejected": True},
            {"organisation__organisation_type": OrganisationType.NON_PROFIT},
            {"organisation__ended": True},
        ],
        ids=["pending", "rejected", "non-profit", "ended organisation"],
    )
    def test_someone_without_an_approved_public_sector_membership_may_not(self, guide, membership):
        user = MembershipFactory(**membership).user
        assert services.may_edit(user, guide) == services.NO_MEMBERSHIP

    def test_a_supplier_account_may_not_even_with_a_council_membership(self, editor, guide):
        SupplierFactory(members=[editor])
        assert services.may_edit(editor, guide) == services.SUPPLIER

    def test_a_blocked_member_may_not(self, editor, guide, moderator):
        services.block(editor, by=moderator, reason="Vandalism")
        assert services.may_edit(editor, guide) == services.BLOCKED

    def test_only_staff_may_edit_a_protected_guide(self, editor, guide, moderator):
        services.protect(guide, by=moderator)
        guide.refresh_from_db()
        assert services.may_edit(editor, guide) == services.PROTECTED
        assert services.may_edit(editor) == ""
        assert services.may_edit(moderator, guide) == ""


# Starting a guide ---------------------------------------------------------------------------


class TestCreateGuide:
    def test_it_starts_a_guide_with_its_first_revision(self, editor, council):
        PublicName.objects.create(user=editor, name="Robin")
        topic = Topic.objects.order_by("pk").first()

        guide = services.create_guide(by=editor, text=text(body="Line one\r\nLine two", topics=[topic]))

        assert (guide.title, guide.slug, guide.category) == (
            "Running a user research session",
            "running-a-user-research-session",
            "how_tos",
        )
        assert list(guide.topics.all()) == [topic]
        revision = guide.current_revision
        assert (revision.number, revision.body, revision.author) == (1, "Line one\nLine two", editor)
        assert (revision.author_organisation, revision.author_display_name) == (council, "Robin")
        event = AuditEvent.objects.get(action="guides.guide_created")
        assert event.object_id == str(guide.pk) and "Robin Editor" not in str(event.changes)

    def test_it_refuses_a_title_another_guide_has_whatever_the_capitals(self, editor, guide):
        with pytest.raises(TransitionRefused, match="There is already a guide called") as refusal:
            services.create_guide(by=editor, text=text(title="running a USER research session"))
        assert refusal.value.field == "title"
        assert Guide.objects.count() == 1

    def test_a_title_that_would_take_a_page_address_gets_another(self, editor):
        guide = services.create_guide(by=editor, text=text(title="New"))
        assert guide.slug == "new-2"

    def test_titles_alike_get_addresses_of_their_own(self, editor):
        first = services.create_guide(by=editor, text=text(title="Bins!"))
        second = services.create_guide(by=editor, text=text(title="Bins?"))
        assert (first.slug, second.slug) == ("bins", "bins-2")

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"title": "  "}, "title", "Enter the guide’s title"),
            ({"title": "A" * 151}, "title", "The title must be 150 characters or fewer"),
            ({"title": "See [[this]]"}, "title", "The title must not contain square brackets"),
            ({"body": ""}, "body", "Enter the guide’s text"),
            ({"body": "a" * 100_001}, "body", "The guide’s text must be 100,000 characters or fewer"),
            ({"summary": ""}, "summary", "Enter a summary of your changes"),
            ({"summary": "a" * 201}, "summary", "The summary must be 200 characters or fewer"),
            ({"category": "gossip"}, "category", "Select the guide’s category"),
        ],
    )
    def test_it_refuses_text_over_the_limits(self, editor, changes, field, message):
        with pytest.raises(TransitionRefused, match=message) as refusal:
            services.create_guide(by=editor, text=text(**changes))
        assert refusal.value.field == field
        assert not Guide.objects.exists()

    def test_it_refuses_an_organisation_the_editor_does_not_work_for(self, editor):
        with pytest.raises(TransitionRefused, match="Select an organisation you work for"):
            services.create_guide(by=editor, text=text(organisation=OrganisationFactory()))
        assert not Guide.objects.exists()

    def test_an_editor_who_works_for_several_organisations_chooses_one(self, editor):
        other = MembershipFactory(user=editor, organisation=OrganisationFactory(name="Another Council")).organisation
        guide = services.create_guide(by=editor, text=text(organisation=other))
        assert guide.current_revision.author_organisation == other

    def test_guides_already_linking_to_its_title_now_link_to_it(self, editor):
        linking = GuideFactory(body="Read [[Paying participants]] first.")
        assert not GuideLink.objects.exists()

        guide = services.create_guide(by=editor, text=text(title="Paying participants"))

        assert list(GuideLink.objects.values_list("from_guide", "to_guide")) == [(linking.pk, guide.pk)]

    @pytest.mark.parametrize("who", ["supplier", "blocked", "no membership"])
    def test_it_refuses_people_who_may_not_edit(self, editor, moderator, who):
        if who == "supplier":
            SupplierFactory(members=[editor])
        elif who == "blocked":
            EditingBlock.objects.create(user=editor, reason="Vandalism", blocked_by=moderator)
        else:
            editor.memberships.update(status=MembershipStatus.REVOKED)
        with pytest.raises(TransitionRefused):
            services.create_guide(by=editor, text=text())
        assert not Guide.objects.exists()


# Saving a revision --------------------------------------------------------------------------


class TestSaveRevision:
    def test_it_saves_the_next_revision_and_makes_it_current(self, editor, council, guide):
        first = guide.current_revision

        revision = services.save_revision(
            guide, by=editor, text=text(title="User research sessions"), based_on=first.pk
        )

        guide.refresh_from_db()
        assert (revision.number, revision.based_on, revision.author_organisation) == (2, first, council)
        assert guide.current_revision == revision
        # The title follows the revision; the address stays, so shared links keep working.
        assert (guide.title, guide.slug) == ("User research sessions", "user-research")
        event = AuditEvent.objects.get(action="guides.guide_edited")
        assert event.changes["title"] == ["Running a user research session", "User research sessions"]
        assert event.changes["current_revision"] == [1, 2] and event.reason == "Added how many people to recruit"

    def test_numbers_follow_the_highest_even_when_revisions_are_hidden(self, editor, guide, moderator):
        second = services.save_revision(guide, by=editor, text=text(), based_on=guide.current_revision_id)
        services.hide_revision(second, by=moderator, reason="Spam")
        guide.refresh_from_db()

        third = services.save_revision(
            guide, by=editor, text=text(body="Other text"), based_on=guide.current_revision_id
        )

        assert third.number == 3

    def test_a_second_save_from_the_same_revision_saves_nothing_and_says_what_changed(self, editor, guide):
        base = guide.current_revision_id
        colleague = MembershipFactory().user
        theirs = services.save_revision(guide, by=colleague, text=text(body="Their text"), based_on=base)

        with pytest.raises(EditConflict, match="Someone changed this guide since you started") as conflict:
            services.save_revision(guide, by=editor, text=text(body="My text"), based_on=base)

        assert conflict.value.current == theirs
        assert list(guide.revisions.order_by("number").values_list("body", flat=True)) == [
            "## Before\n\nBook a room.",
            "Their text",
        ]
        guide.refresh_from_db()
        assert guide.current_revision == theirs

    def test_saving_on_top_of_the_current_revision_after_a_conflict_works(self, editor, guide):
        base = guide.current_revision_id
        theirs = services.save_revision(guide, by=MembershipFactory().user, text=text(body="Theirs"), based_on=base)

        merged = services.save_revision(guide, by=editor, text=text(body="Theirs and mine"), based_on=theirs.pk)

        assert (merged.number, merged.based_on) == (3, theirs)

    def test_it_refuses_a_save_that_changes_nothing(self, editor, guide):
        unchanged = text(body=guide.current_revision.body)
        with pytest.raises(TransitionRefused, match="You have not changed the guide"):
            services.save_revision(guide, by=editor, text=unchanged, based_on=guide.current_revision_id)
        assert guide.revisions.count() == 1

    def test_it_refuses_the_title_of_another_guide(self, editor, guide):
        GuideFactory(title="Paying participants")
        with pytest.raises(TransitionRefused, match="There is already a guide called “Paying participants”"):
            services.save_revision(
                guide, by=editor, text=text(title="paying participants"), based_on=guide.current_revision_id
            )
        assert guide.revisions.count() == 1

    def test_it_rebuilds_the_links_from_the_new_text(self, editor, guide):
        kept, dropped, added = GuideFactory(title="Kept"), GuideFactory(title="Dropped"), GuideFactory(title="Added")
        GuideLink.objects.create(from_guide=guide, to_guide=kept)
        GuideLink.objects.create(from_guide=guide, to_guide=dropped)

        body = "[[Kept]], [[added]], [[Running a user research session]] and [[Not written]]"
        services.save_revision(guide, by=editor, text=text(body=body), based_on=guide.current_revision_id)

        assert set(guide.links_out.values_list("to_guide__title", flat=True)) == {kept.title, added.title}

    def test_renaming_a_guide_moves_the_links_to_its_titles(self, editor, guide):
        old_name = GuideFactory(body="See [[Running a user research session]].")
        new_name = GuideFactory(body="See [[User research sessions]].")
        services.rebuild_links(old_name)

        services.save_revision(
            guide, by=editor, text=text(title="User research sessions"), based_on=guide.current_revision_id
        )

        assert list(GuideLink.objects.values_list("from_guide", "to_guide")) == [(new_name.pk, guide.pk)]

    def test_it_emails_the_people_watching_the_guide(self, editor, guide):
        watcher = MembershipFactory().user
        watching.watch(guide, by=watcher)
        watching.watch(guide, by=editor)

        services.save_revision(guide, by=editor, text=text(), based_on=guide.current_revision_id)

        assert list(OutboundEmail.objects.filter(template="guide_changed").values_list("to", flat=True)) == [
            watcher.email
        ]

    def test_it_refuses_a_member_on_a_protected_guide_but_not_staff(self, editor, guide, moderator):
        services.protect(guide, by=moderator)
        with pytest.raises(TransitionRefused, match=services.PROTECTED):
            services.save_revision(guide, by=editor, text=text(), based_on=guide.current_revision_id)

        revision = services.save_revision(guide, by=moderator, text=text(), based_on=guide.current_revision_id)

        # Programme staff write as the programme, without an organisation.
        assert (revision.number, revision.author_organisation) == (2, None)

    def test_a_blocked_member_cannot_save(self, editor, guide, moderator):
        services.block(editor, by=moderator, reason="Vandalism")
        with pytest.raises(TransitionRefused, match=services.BLOCKED):
            services.save_revision(guide, by=editor, text=text(), based_on=guide.current_revision_id)
        assert guide.revisions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_the_same_revision_keep_one_and_lose_nothing():
    guide = GuideFactory(title="Running a user research session", body="Start")
    base = guide.current_revision_id
    editors = [MembershipFactory().user, MembershipFactory().user]
    outcomes = []
    barrier = threading.Barrier(2)

    def save(editor, body):
        barrier.wait()
        try:
            services.save_revision(guide, by=editor, text=text(body=body), based_on=base)
            outcomes.append(("saved", body))
        except EditConflict as conflict:
            outcomes.append(("conflict", conflict.current.body))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=pair) for pair in zip(editors, ["First", "Second"], strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome for outcome, _ in outcomes) == ["conflict", "saved"]
    saved = next(body for outcome, body in outcomes if outcome == "saved")
    # The editor who lost the race is shown the winner's text to merge with.
    assert next(body for outcome, body in outcomes if outcome == "conflict") == saved
    assert list(Revision.objects.filter(guide=guide).order_by("number").values_list("number", "body")) == [
        (1, "Start"),
        (2, saved),
    ]


# Reverting ----------------------------------------------------------------------------------


class TestRevert:
    @pytest.fixture
    def edited(self, guide, editor):
        services.save_revision(
            guide, by=editor, text=text(title="Renamed", body="Vandalised"), based_on=guide.current_revision_id
        )
        guide.refresh_from_db()
        return guide

    def test_it_saves_the_earlier_text_as_a_new_revision(self, edited, editor):
        vandalised = edited.current_revision

        revision = services.revert(edited, 1, by=editor, based_on=vandalised.pk)

        edited.refresh_from_db()
        assert (revision.number, revision.body, revision.title) == (
            3,
            "## Before\n\nBook a room.",
            "Running a user research session",
        )
        assert (revision.summary, revision.reverts.number, revision.based_on) == (
            "Reverted to revision 1",
            1,
            vandalised,
        )
        assert (edited.current_revision, edited.title) == (revision, "Running a user research session")
        assert AuditEvent.objects.filter(action="guides.guide_reverted", object_id=str(edited.pk)).exists()

    def test_it_refuses_when_the_guide_changed_since(self, edited, editor):
        with pytest.raises(EditConflict):
            services.revert(edited, 1, by=editor, based_on=edited.revisions.get(number=1).pk)
        assert edited.revisions.count() == 2

    def test_it_refuses_the_current_revision_and_hidden_ones(self, edited, editor, moderator):
        with pytest.raises(TransitionRefused, match="The guide already shows revision 2"):
            services.revert(edited, 2, by=editor, based_on=edited.current_revision_id)
        services.hide_revision(edited.revisions.get(number=1), by=moderator, reason="Personal data")
        with pytest.raises(TransitionRefused, match="There is no revision 1 of this guide to revert to"):
            services.revert(edited, 1, by=editor, based_on=edited.current_revision_id)
        assert edited.revisions.count() == 2

    def test_it_refuses_people_who_may_not_edit(self, edited, moderator):
        supplier = MembershipFactory().user
        SupplierFactory(members=[supplier])
        with pytest.raises(TransitionRefused, match=services.SUPPLIER):
            services.revert(edited, 1, by=supplier, based_on=edited.current_revision_id)
        assert edited.revisions.count() == 2
