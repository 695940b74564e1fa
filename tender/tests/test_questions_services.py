import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.dates import LONDON
from core.models import AuditEvent
from core.workflow import TransitionRefused
from organisations.tests.factories import OrganisationFactory
from tender import questions
from tender.models import Question
from tender.tests.factories import InterestFactory, NeedFactory, QuestionFactory, SupplierFactory
from tender.workflow import QuestionStatus, SupplierStatus

pytestmark = pytest.mark.django_db

# In British Summer Time, when London is an hour ahead of UTC; next year's, as a moment the
# tests pretend it is must not be earlier than the real one, which the outbox stamps on messages.
CLOSING_DAY = datetime.date(timezone.localdate().year + 1, 6, 30)


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def officer(council):
    user = UserFactory(email="officer@testshire.gov.uk", full_name="Olu Officer")
    MembershipFactory(user=user, organisation=council)
    return user


@pytest.fixture
def need(council):
    return NeedFactory(organisation=council, title="Residents cannot see bin days")


@pytest.fixture
def asker():
    return UserFactory(email="priya@civiccode.example", full_name="Priya Shah")


@pytest.fixture
def supplier(asker):
    return SupplierFactory(name="Civic Code Ltd", members=[asker, UserFactory(full_name="Sam Colleague")])


@pytest.fixture
def rival():
    return SupplierFactory(name="Open Councils Ltd", members=[UserFactory(full_name="Jamie Rivera")])


def at_london(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


class TestAsking:
    def test_a_plain_question_waits_for_the_council_and_both_sides_hear_of_it(self, need, supplier, asker, officer):
        question = questions.ask(need, supplier, by=asker, text="  Do you hold the rounds as data?  ")

        assert (question.status, question.held_because) == (QuestionStatus.AWAITING_ANSWER, "")
        assert (question.text, question.supplier, question.asked_by) == (
            "Do you hold the rounds as data?",
            supplier,
            asker,
        )
        (confirmation,) = sent_to(asker.email)
        assert confirmation.subject == "We have your question about Residents cannot see bin days"
        assert "Testshire County Council will answer it" in confirmation.body
        (waiting,) = sent_to(officer.email)
        assert waiting.subject == "A supplier has asked a question about Residents cannot see bin days"
        event = AuditEvent.objects.get(action="tender.question_asked")
        assert (event.actor, event.changes) == (asker, {"status": [None, "awaiting_answer"]})

    def test_the_council_email_says_nothing_of_who_asked_or_what(self, need, supplier, asker, officer):
        questions.ask(need, supplier, by=asker, text="Do you hold the rounds as data?")
        (waiting,) = sent_to(officer.email)
        for detail in ("Civic Code", "Priya", "priya@", "rounds as data"):
            assert detail not in waiting.body

    @pytest.mark.parametrize(
        "text, reason",
        [
            ("Write to priya@civiccode.example with the data", "It may contain an email address"),
            ("Call me on 07700 900123", "It may contain a phone number"),
            ("Call me on 07700900123", "It may contain a phone number"),
            ("Our office is on 020 7946 0958", "It may contain a phone number"),
            ("Our office is on (020) 7946 0958", "It may contain a phone number"),
            ("Ring +44 7700 900123", "It may contain a phone number"),
            ("Ring +44 (0)113 496 0000", "It may contain a phone number"),
            (
                "Did Jamie Rivera's pilot work for you?",
                "It may contain the name of someone who works at another supplier",
            ),
            ("did JAMIE   rivera show you this?", "It may contain the name of someone who works at another supplier"),
            (
                "Email sam@civiccode.example or call 07700 900123",
                "It may contain an email address and a phone number",
            ),
        ],
    )
    def test_it_holds_a_question_that_may_contain_personal_data(
        self, need, supplier, asker, rival, officer, text, reason
    ):
        question = questions.ask(need, supplier, by=asker, text=text)

        assert (question.status, question.held_because) == (QuestionStatus.HELD, reason)
        assert AuditEvent.objects.get(action="tender.question_asked").reason == reason
        (confirmation,) = sent_to(asker.email)
        assert "A moderator will check your question" in confirmation.body
        assert "another supplier" not in confirmation.body  # it would tell the asker who works there
        assert sent_to(officer.email) == []

    @pytest.mark.parametrize(
        "text",
        [
            "Is the notice 012345-2026 the one for this?",
            "Do you have 30000 calls a year about it?",
            "Would Jamie from your team join a call?",
            "Priya Shah here: does Sam Colleague's idea fit?",
            "Can we meet before 01/07/2026?",
        ],
    )
    def test_it_does_not_hold_references_numbers_or_the_askers_own_people(self, need, supplier, asker, rival, text):
        assert questions.ask(need, supplier, by=asker, text=text).status == QuestionStatus.AWAITING_ANSWER

    def test_a_question_is_taken_in_the_last_minute_of_the_closing_day_in_london(
        self, monkeypatch, council, supplier, asker
    ):
        need = NeedFactory(organisation=council, questions_close_on=CLOSING_DAY)
        monkeypatch.setattr(timezone, "now", lambda: at_london(CLOSING_DAY, 23, 59))
        assert questions.ask(need, supplier, by=asker, text="Just in time?").pk is not None

    def test_a_question_is_refused_from_midnight_in_london_though_it_is_still_the_closing_day_in_utc(
        self, monkeypatch, council, supplier, asker
    ):
        need = NeedFactory(organisation=council, questions_close_on=CLOSING_DAY)
        monkeypatch.setattr(timezone, "now", lambda: at_london(CLOSING_DAY + datetime.timedelta(days=1), 0, 0))
        assert timezone.now().astimezone(datetime.UTC).date() == CLOSING_DAY
        with pytest.raises(TransitionRefused) as refusal:
            questions.ask(need, supplier, by=asker, text="Too late?")
        assert (refusal.value.message, refusal.value.field) == (
            f"Questions on this need closed on 30 June {CLOSING_DAY.year}",
            "text",
        )
        assert not Question.objects.exists()
        assert mail.outbox == []

    def test_nobody_asks_on_a_closed_need(self, council, supplier, asker):
        with pytest.raises(TransitionRefused, match="This need is closed"):
            questions.ask(NeedFactory(organisation=council, closed=True), supplier, by=asker, text="Still open?")
        assert not Question.objects.exists()

    @pytest.mark.parametrize("state", ["draft", "submitted"])
    def test_nobody_asks_on_a_need_that_is_not_published(self, council, supplier, asker, state):
        with pytest.raises(TransitionRefused):
            questions.ask(NeedFactory(organisation=council, **{state: True}), supplier, by=asker, text="Hello?")
        assert not Question.objects.exists()

    def test_someone_who_does_not_work_at_the_supplier_may_not_ask_for_it(self, need, supplier, officer):
        with pytest.raises(TransitionRefused, match="Only people who work at a supplier listed"):
            questions.ask(need, supplier, by=officer, text="Can I ask?")
        assert not Question.objects.exists()

    def test_a_suspended_supplier_may_not_ask(self, need, supplier, asker):
        supplier.status = SupplierStatus.SUSPENDED
        supplier.save()
        with pytest.raises(TransitionRefused, match="Only people who work at a supplier listed"):
            questions.ask(need, supplier, by=asker, text="Can we ask?")


class TestModerating:
    @pytest.fixture
    def held(self, need, supplier, asker):
        return questions.ask(need, supplier, by=asker, text="Call 07700 900123 to discuss")

    def test_a_moderator_releases_a_held_question_to_the_council(self, held, moderator, asker, officer):
        mail.outbox.clear()
        released = questions.release(held, by=moderator)

        assert released.status == QuestionStatus.AWAITING_ANSWER
        event = AuditEvent.objects.get(action="tender.question_released")
        assert (event.actor, event.changes) == (moderator, {"status": ["held", "awaiting_answer"]})
        assert [message.subject for message in sent_to(asker.email)] == [
            "Your question about Residents cannot see bin days has been checked"
        ]
        assert len(sent_to(officer.email)) == 1

    def test_only_a_moderator_releases(self, held, officer):
        with pytest.raises(TransitionRefused, match="permission"):
            questions.release(held, by=officer)
        held.refresh_from_db()
        assert held.status == QuestionStatus.HELD

    def test_a_moderator_turns_a_held_question_down_and_the_asker_hears_why(self, held, moderator, asker, officer):
        mail.outbox.clear()
        questions.turn_down(held, by=moderator, reason="It gives a personal phone number")

        held.refresh_from_db()
        assert (held.status, held.reason) == (QuestionStatus.REJECTED, "It gives a personal phone number")
        (email,) = mail.outbox
        assert email.to == [asker.email]
        assert email.body.startswith("A moderator will not publish your question")
        assert "It gives a personal phone number" in email.body
        assert AuditEvent.objects.get(action="tender.question_rejected").reason == "It gives a personal phone number"

    def test_the_council_cannot_turn_down_a_question_it_has_not_been_given(self, held, officer):
        with pytest.raises(TransitionRefused, match="permission"):
            questions.turn_down(held, by=officer, reason="No")

    def test_a_reason_is_needed(self, held, moderator):
        with pytest.raises(TransitionRefused) as refusal:
            questions.turn_down(held, by=moderator, reason="  ")
        assert refusal.value.field == "reason"


class TestAnswering:
    @pytest.fixture
    def question(self, need, supplier, asker):
        return QuestionFactory(need=need, supplier=supplier, asked_by=asker, text="At Civic Code we wonder: API?")

    def answer(self, question, officer, wording="Is there an API for bin rounds?"):
        return questions.answer(question, by=officer, wording=wording, answer="Not yet: we plan one this year.")

    def test_the_answer_is_published_with_its_wording_at_once(self, question, officer):
        answered = self.answer(question, officer)

        assert answered.status == QuestionStatus.ANSWERED
        assert (answered.published_question, answered.answer) == (
            "Is there an API for bin rounds?",
            "Not yet: we plan one this year.",
        )
        assert (answered.answered_by, answered.answered_at is not None) == (officer, True)
        assert list(questions.published_on(question.need)) == [answered]
        event = AuditEvent.objects.get(action="tender.question_answered")
        assert (event.actor, event.changes) == (officer, {"status": ["awaiting_answer", "answered"]})

    def test_every_supplier_that_asked_or_is_interested_is_emailed_once_without_learning_who_asked(
        self, question, officer, need, asker, rival
    ):
        colleague = UserFactory(email="colleague@civiccode.example")
        question.supplier.members.add(colleague)
        rival_person = rival.members.get()
        InterestFactory(need=need, supplier=rival)
        InterestFactory(need=need, supplier=question.supplier)  # asked and interested: still one email each
        also_asked = SupplierFactory(name="Bins Direct Ltd")
        QuestionFactory(need=need, supplier=also_asked)
        elsewhere = SupplierFactory(name="Elsewhere Ltd")
        InterestFactory(need=NeedFactory(), supplier=elsewhere)
        mail.outbox.clear()

        self.answer(question, officer)

        askers = set(question.supplier.members.values_list("email", flat=True))
        assert {asker.email, colleague.email} < askers
        expected = askers | {rival_person.email, also_asked.members.get().email}
        assert sorted(message.to[0] for message in mail.outbox) == sorted(expected)
        for message in mail.outbox:
            assert message.subject == "New answer about Residents cannot see bin days"
            assert "Is there an API for bin rounds?" in message.body
            assert "Not yet: we plan one this year." in message.body
            for detail in ("Civic Code", "Priya", "priya@", "wonder"):
                assert detail not in message.body

    def test_a_suspended_supplier_is_not_emailed(self, question, officer, need, rival):
        InterestFactory(need=need, supplier=rival)
        rival.status = SupplierStatus.SUSPENDED
        rival.save()
        mail.outbox.clear()
        self.answer(question, officer)
        assert rival.members.get().email not in [message.to[0] for message in mail.outbox]

    @pytest.mark.parametrize(
        "wording, removed",
        [
            ("Does Civic Code Ltd get an API?", "the name of the supplier that asked (‘Civic Code Ltd’)"),
            ("Does civic code get an API?", "the name of the supplier that asked (‘Civic Code’)"),
            ("Priya Shah asks: is there an API?", "the name of someone at the supplier that asked (‘Priya Shah’)"),
            ("Priya asks: is there an API?", "the name of someone at the supplier that asked (‘Priya’)"),
            (
                "Sam Colleague asks: is there an API?",
                "the name of someone at the supplier that asked (‘Sam Colleague’)",
            ),
        ],
    )
    def test_it_refuses_wording_that_says_who_asked(self, question, officer, wording, removed):
        with pytest.raises(TransitionRefused) as refusal:
            self.answer(question, officer, wording)
        assert refusal.value.field == "published_question"
        assert refusal.value.message == f"The published question must not say who asked. Remove {removed}"
        question.refresh_from_db()
        assert (question.status, question.published_question) == (QuestionStatus.AWAITING_ANSWER, "")
        assert not AuditEvent.objects.filter(action="tender.question_answered").exists()

    @pytest.mark.parametrize(
        "wording, removed",
        [
            ("Reply to bins@example.com: is there an API?", "the email address (‘bins@example.com’)"),
            ("Call 0113 496 0000: is there an API?", "the phone number (‘0113 496 0000’)"),
        ],
    )
    def test_it_refuses_wording_with_personal_details(self, question, officer, wording, removed):
        with pytest.raises(TransitionRefused) as refusal:
            self.answer(question, officer, wording)
        assert refusal.value.message == f"The published question must not include personal details. Remove {removed}"

    def test_a_member_of_another_organisation_may_not_answer(self, question):
        stranger = UserFactory()
        MembershipFactory(user=stranger, organisation=OrganisationFactory())
        with pytest.raises(TransitionRefused, match="permission"):
            self.answer(question, stranger)

    def test_the_asker_may_not_answer(self, question, asker):
        with pytest.raises(TransitionRefused, match="permission"):
            self.answer(question, asker)

    def test_a_question_is_answered_once(self, question, officer):
        self.answer(question, officer)
        with pytest.raises(TransitionRefused, match="cannot be answered because it is answered"):
            self.answer(question, officer, "Another wording")

    def test_a_held_question_cannot_be_answered(self, need, supplier, officer):
        with pytest.raises(TransitionRefused, match="held for moderation"):
            self.answer(QuestionFactory(need=need, supplier=supplier, held=True), officer)

    def test_the_council_turns_down_a_waiting_question(self, question, officer, asker):
        mail.outbox.clear()
        questions.turn_down(question, by=officer, reason="We cannot share contract details")

        question.refresh_from_db()
        assert question.status == QuestionStatus.REJECTED
        (email,) = mail.outbox
        assert email.to == [asker.email]
        assert email.body.startswith("Testshire County Council will not publish your question")

    def test_a_moderator_does_not_turn_down_the_councils_questions(self, question, moderator):
        with pytest.raises(TransitionRefused, match="permission"):
            questions.turn_down(question, by=moderator, reason="No")
