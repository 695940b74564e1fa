import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from guides import talk
from guides.models import Comment, EditingBlock, PublicName
from guides.tests.factories import CommentFactory, GuideFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideFactory()


@pytest.fixture
def writer():
    return MembershipFactory(organisation=OrganisationFactory(name="Testshire County Council")).user


class TestPosting:
    def test_a_message_is_shown_with_the_organisation_the_writer_works_for(self, guide, writer):
        MembershipFactory(user=writer, organisation=OrganisationFactory(name="Old Council", ended=True))
        MembershipFactory(user=writer, organisation=OrganisationFactory(name="Applied Council"), pending=True)
        comment = talk.post_comment(guide, by=writer, body="Hello")
        assert comment.author_organisation.name == "Testshire County Council"
        assert comment.author_display_name == ""

    def test_a_blocked_person_may_not_post(self, guide, writer):
        EditingBlock.objects.create(user=writer, reason="Advertising")
        with pytest.raises(TransitionRefused, match="stopped you from editing"):
            talk.post_comment(guide, by=writer, body="Hello")
        assert not Comment.objects.exists()

    def test_an_empty_message_is_refused_on_its_field(self, guide, writer):
        with pytest.raises(TransitionRefused) as refusal:
            talk.post_comment(guide, by=writer, body=" \n ")
        assert refusal.value.field == "body"


class TestHiding:
    def test_a_moderator_hides_a_message_with_a_reason(self, guide, moderator):
        comment = CommentFactory(guide=guide)
        talk.hide_comment(comment, by=moderator, reason="Advertising")

        comment.refresh_from_db()
        assert comment.is_hidden
        event = AuditEvent.objects.get(action="guides.comment_hidden")
        assert (event.actor, event.reason, event.changes) == (moderator, "Advertising", {"is_hidden": [False, True]})

    def test_a_reason_is_needed(self, guide, moderator):
        comment = CommentFactory(guide=guide)
        with pytest.raises(TransitionRefused) as refusal:
            talk.hide_comment(comment, by=moderator, reason=" ")
        assert refusal.value.field == "reason"
        comment.refresh_from_db()
        assert not comment.is_hidden

    @pytest.mark.parametrize("role", ["", "assessor", "fund_approver"])
    def test_only_moderators_hide_messages(self, guide, role):
        comment = CommentFactory(guide=guide)
        with pytest.raises(TransitionRefused):
            talk.hide_comment(comment, by=UserFactory(role=role), reason="Advertising")
        comment.refresh_from_db()
        assert not comment.is_hidden

    def test_a_hidden_message_cannot_be_hidden_again(self, guide, moderator):
        comment = CommentFactory(guide=guide, is_hidden=True)
        with pytest.raises(TransitionRefused, match="This message is hidden already"):
            talk.hide_comment(comment, by=moderator, reason="Advertising")
        assert not AuditEvent.objects.exists()


class TestPublicNames:
    def test_the_same_name_again_changes_nothing(self, writer):
        talk.set_public_name(writer, "Priya")
        talk.set_public_name(writer, " Priya ")
        assert AuditEvent.objects.filter(action="guides.public_name_changed").count() == 1

    def test_a_changed_name_is_shown_with_earlier_messages(self, guide, writer):
        talk.set_public_name(writer, "Priya")
        comment = talk.post_comment(guide, by=writer, body="Hello")
        talk.set_public_name(writer, "Priya S")

        comment.refresh_from_db()
        assert comment.author_display_name == "Priya S"
        assert PublicName.objects.get(user=writer).name == "Priya S"

    def test_clearing_a_name_nobody_set_changes_nothing(self, writer):
        assert talk.set_public_name(writer, "") == ""
        assert not AuditEvent.objects.exists()
