import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from guides import services
from guides.models import EditingBlock, GuideLink
from guides.services import EditConflict, GuideText
from guides.tests.factories import GuideFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return MembershipFactory().user


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", body="## Before\n\nBook a room.")


def edit(guide, by, **changes):
    guide.refresh_from_db()
    fields = {"title": guide.title, "body": "Changed", "summary": "Changed it", "category": guide.category}
    return services.save_revision(
        guide, by=by, text=GuideText(**(fields | changes)), based_on=guide.current_revision_id
    )


def staff_who_are_not_moderators():
    supplier_moderator = UserFactory(moderator=True)
    SupplierFactory(members=[supplier_moderator])
    return [MembershipFactory().user, UserFactory(assessor=True), supplier_moderator]


# Protecting a page --------------------------------------------------------------------------


def test_a_moderator_protects_and_unprotects_a_guide(guide, moderator):
    services.protect(guide, by=moderator)
    guide.refresh_from_db()
    assert guide.is_protected

    services.unprotect(guide, by=moderator)
    guide.refresh_from_db()
    assert not guide.is_protected
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["guides.guide_protected", "guides.guide_unprotected"]


def test_it_refuses_protecting_twice(guide, moderator):
    services.protect(guide, by=moderator)
    with pytest.raises(TransitionRefused, match="This guide is already protected"):
        services.protect(guide, by=moderator)
    with pytest.raises(TransitionRefused, match="This guide is not protected"):
        services.unprotect(GuideFactory(), by=moderator)


def test_only_moderators_protect(guide):
    for person in staff_who_are_not_moderators():
        with pytest.raises(TransitionRefused, match="You do not have permission to do this"):
            services.protect(guide, by=person)
    guide.refresh_from_db()
    assert not guide.is_protected


# Hiding a revision --------------------------------------------------------------------------


def test_hiding_the_current_revision_shows_the_newest_visible_one(guide, editor, moderator):
    linked = GuideFactory(title="Paying participants")
    second = edit(guide, editor, body="Read [[Paying participants]]")
    third = edit(guide, editor, title="Spam title", body="Spam")

    services.hide_revision(third, by=moderator, reason="Advertising")

    guide.refresh_from_db()
    third.refresh_from_db()
    assert (third.is_hidden, third.hidden_reason) == (True, "Advertising")
    assert (guide.current_revision, guide.title) == (second, "Running a user research session")
    assert list(GuideLink.objects.values_list("from_guide", "to_guide")) == [(guide.pk, linked.pk)]
    event = AuditEvent.objects.get(action="guides.revision_hidden")
    assert event.changes["current_revision"] == [3, 2] and event.reason == "Advertising"


def test_an_editor_who_started_from_a_hidden_revision_is_asked_to_merge(guide, editor, moderator):
    spam = edit(guide, editor, body="Spam")
    services.hide_revision(spam, by=moderator, reason="Advertising")
    guide.refresh_from_db()

    with pytest.raises(EditConflict):
        services.save_revision(
            guide,
            by=editor,
            text=GuideText(guide.title, "Spam, improved", "Improved", guide.category),
            based_on=spam.pk,
        )


def test_hiding_an_older_revision_leaves_the_current_one(guide, editor, moderator):
    first = guide.current_revision
    current = edit(guide, editor)

    services.hide_revision(first, by=moderator, reason="Personal data")

    guide.refresh_from_db()
    assert guide.current_revision == current


def test_it_refuses_hiding_the_only_visible_revision_or_one_hidden_already(guide, editor, moderator):
    first = guide.current_revision
    with pytest.raises(TransitionRefused, match="only visible revision"):
        services.hide_revision(first, by=moderator, reason="Spam")
    second = edit(guide, editor)
    services.hide_revision(second, by=moderator, reason="Spam")
    with pytest.raises(TransitionRefused, match="Revision 2 is already hidden"):
        services.hide_revision(second, by=moderator, reason="Spam")


def test_hiding_needs_a_reason_and_a_moderator(guide, editor, moderator):
    second = edit(guide, editor)
    with pytest.raises(TransitionRefused, match="Enter why you are hiding the revision") as refusal:
        services.hide_revision(second, by=moderator, reason="  ")
    assert refusal.value.field == "reason"
    for person in staff_who_are_not_moderators():
        with pytest.raises(TransitionRefused, match="You do not have permission to do this"):
            services.hide_revision(second, by=person, reason="Spam")
    second.refresh_from_db()
    assert not second.is_hidden


# Blocking -----------------------------------------------------------------------------------


def test_a_moderator_blocks_and_unblocks_an_editor(editor, moderator, guide):
    services.block(editor, by=moderator, reason="Repeated vandalism")

    assert EditingBlock.objects.get(user=editor).blocked_by == moderator
    with pytest.raises(TransitionRefused, match=services.BLOCKED):
        edit(guide, editor)
    with pytest.raises(TransitionRefused, match=services.BLOCKED):
        services.create_guide(by=editor, text=GuideText("New guide", "Text", "Started", "how_tos"))

    services.unblock(editor, by=moderator)

    assert not EditingBlock.objects.exists()
    assert edit(guide, editor).number == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"guides.editor_blocked", "guides.editor_unblocked"} <= actions


def test_blocking_needs_a_reason_and_refuses_twice(editor, moderator):
    with pytest.raises(TransitionRefused, match="Enter why you are blocking them"):
        services.block(editor, by=moderator, reason="")
    services.block(editor, by=moderator, reason="Vandalism")
    with pytest.raises(TransitionRefused, match="They are already blocked from editing"):
        services.block(editor, by=moderator, reason="Again")
    services.unblock(editor, by=moderator)
    with pytest.raises(TransitionRefused, match="They are not blocked from editing"):
        services.unblock(editor, by=moderator)


def test_staff_cannot_be_blocked_and_only_moderators_block(editor, moderator, programme_admin):
    with pytest.raises(TransitionRefused, match="Programme staff cannot be blocked"):
        services.block(programme_admin, by=moderator, reason="Testing")
    for person in staff_who_are_not_moderators():
        with pytest.raises(TransitionRefused, match="You do not have permission to do this"):
            services.block(editor, by=person, reason="Vandalism")
    assert not EditingBlock.objects.exists()
