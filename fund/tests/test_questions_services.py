import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from fund import questions
from fund.models import Question
from fund.tests.factories import QuestionFactory, RoundFactory, member_of
from fund.workflow import RoundStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker():
    organisation = OrganisationFactory(name="Testshire County Council")
    return member_of(organisation, full_name="Alexandra Quinn-Smith", email="a.quinnsmith@testshire.gov.uk")


@pytest.fixture
def answered(asker, moderator):
    question = QuestionFactory(asked_by=asker, text="Alexandra here from Testshire: can we bid twice?")
    return questions.answer(question, by=moderator, text="A council may lead at most two bids.")


class TestAsking:
    def test_a_member_of_an_organisation_may_ask(self, asker):
        round_ = RoundFactory()
        question = questions.ask(round_, by=asker, text="  Can a district council lead?  ")
        assert question.text == "Can a district council lead?"
        assert AuditEvent.objects.filter(action="fund.question_asked").exists()

    def test_someone_without_an_approved_membership_may_not(self):
        person = MembershipFactory(pending=True).user
        with pytest.raises(TransitionRefused, match="Only people who work at an organisation"):
            questions.ask(RoundFactory(), by=person, text="Can I bid?")
        assert not Question.objects.exists()

    def test_nobody_may_ask_about_a_draft_round(self, asker):
        with pytest.raises(TransitionRefused, match="published"):
            questions.ask(RoundFactory(status=RoundStatus.DRAFT), by=asker, text="When does it open?")


class TestAnswering:
    def test_the_asker_is_emailed_the_answer(self, answered, asker, moderator):
        assert (answered.answered_by, answered.answer) == (moderator, "A council may lead at most two bids.")
        (email,) = mail.outbox
        assert email.to == [asker.email]
        assert "A council may lead at most two bids." in email.body

    def test_a_question_is_answered_once(self, answered, moderator):
        with pytest.raises(TransitionRefused, match="already answered"):
            questions.answer(answered, by=moderator, text="Another answer")

    def test_only_staff_answer(self, asker):
        with pytest.raises(TransitionRefused, match="permission"):
            questions.answer(QuestionFactory(), by=asker, text="My answer")


class TestPublishing:
    @pytest.mark.parametrize(
        "wording",
        [
            "Alexandra Quinn-Smith asks: can a council bid twice?",
            "Can alexandra's council bid twice?",
            "quinn-smith wants to know if a council can bid twice",
            "Reply to a.quinnsmith@testshire.gov.uk: can a council bid twice?",
            "Can a.quinnsmith bid twice?",
            "Can TESTSHIRE COUNTY COUNCIL bid twice?",
        ],
    )
    def test_it_refuses_wording_that_names_the_asker(self, answered, moderator, wording):
        with pytest.raises(TransitionRefused) as refusal:
            questions.publish(answered, by=moderator, wording=wording)
        assert refusal.value.field == "published_question"
        assert refusal.value.message.startswith("The published question must not name the asker")
        answered.refresh_from_db()
        assert answered.published_at is None

    def test_an_anonymised_question_is_published_and_reveals_nobody(self, answered, moderator, asker):
        published = questions.publish(answered, by=moderator, wording="Can a council lead two bids in one round?")

        assert published.published_at is not None
        page = questions.published(published.round, 1)
        (shown,) = page.object_list
        assert shown.published_question == "Can a council lead two bids in one round?"
        assert AuditEvent.objects.filter(action="fund.question_published").exists()

    def test_a_question_must_be_answered_before_it_is_published(self, moderator):
        with pytest.raises(TransitionRefused, match="Answer the question before"):
            questions.publish(QuestionFactory(), by=moderator, wording="Can we bid?")

    def test_it_can_be_unpublished(self, answered, moderator):
        questions.publish(answered, by=moderator, wording="Can a council lead two bids?")
        questions.unpublish(answered, by=moderator)
        answered.refresh_from_db()
        assert answered.published_at is None
        assert list(questions.published(answered.round, 1).object_list) == []

    def test_a_question_whose_asker_left_can_still_be_published(self, moderator):
        question = QuestionFactory(answered=True, asked_by=None)
        assert questions.publish(question, by=moderator, wording="Can we bid?").published_at is not None

    def test_only_staff_publish(self, answered):
        with pytest.raises(TransitionRefused, match="permission"):
            questions.publish(answered, by=UserFactory(), wording="Can a council lead two bids?")
