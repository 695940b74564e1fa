import pytest
from django.core import mail

from core.models import AuditEvent
from tender.tests.factories import NeedFactory, QuestionFactory
from tender.workflow import QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    need = NeedFactory(title="Residents cannot see bin days")
    return QuestionFactory(need=need, text="Call me on 07700 900123", held=True)


def url(question):
    return f"/manage/tender/questions/{question.pk}/turn-down"


REASON = {"reason": "It gives a personal phone number. Ask again without it"}


def test_it_is_only_for_staff(client, member, question):
    client.force_login(member)
    assert client.post(url(question), REASON).status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.HELD


def test_it_shows_the_question_and_asks_why(sign_in_verified, moderator, question):
    page = sign_in_verified(moderator).get(url(question)).content.decode()
    assert "Call me on 07700 900123" in page
    assert 'href="/manage/tender/questions"' in page


def test_it_turns_the_question_down_and_emails_the_reason(sign_in_verified, moderator, question):
    client = sign_in_verified(moderator)

    response = client.post(url(question), REASON)

    assert response.url == "/manage/tender/questions"
    question.refresh_from_db()
    assert (question.status, question.reason) == (QuestionStatus.REJECTED, REASON["reason"])
    event = AuditEvent.objects.get(action="tender.question_rejected")
    assert (event.actor, event.reason) == (moderator, REASON["reason"])
    (email,) = mail.outbox
    assert email.to == [question.asked_by.email]
    assert email.body.startswith("A moderator will not publish your question")


def test_it_asks_for_a_reason(sign_in_verified, moderator, question):
    page = sign_in_verified(moderator).post(url(question), {"reason": " "}).content.decode()
    assert '<a href="#id_reason">Enter why the question will not be published</a>' in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.HELD


def test_it_refuses_a_question_the_council_already_has(sign_in_verified, moderator, question):
    question.status = QuestionStatus.AWAITING_ANSWER
    question.save()
    page = sign_in_verified(moderator).post(url(question), REASON).content.decode()
    assert "You do not have permission to do this" in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER


def test_it_refuses_other_methods(sign_in_verified, moderator, question):
    assert sign_in_verified(moderator).put(url(question)).status_code == 405
