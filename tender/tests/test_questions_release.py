import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from tender.tests.factories import NeedFactory, QuestionFactory
from tender.workflow import QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    need = NeedFactory(title="Residents cannot see bin days", organisation__name="Testshire County Council")
    return QuestionFactory(need=need, text="Call me on 07700 900123", held=True)


def url(question):
    return f"/manage/tender/questions/{question.pk}/release"


def test_it_is_only_for_staff(client, member, question):
    client.force_login(member)
    assert client.post(url(question)).status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.HELD


def test_it_passes_the_question_to_the_council(sign_in_verified, moderator, question):
    officer = UserFactory()
    MembershipFactory(user=officer, organisation=question.need.organisation)
    client = sign_in_verified(moderator)

    response = client.post(url(question))

    assert response.url == "/manage/tender/questions"
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER
    assert AuditEvent.objects.get(action="tender.question_released").actor == moderator
    assert sorted(message.to[0] for message in mail.outbox) == sorted([question.asked_by.email, officer.email])
    assert "The question is passed to Testshire County Council" in client.get(response.url).content.decode()


def test_it_says_when_someone_else_has_decided_already(sign_in_verified, moderator, question):
    question.status = QuestionStatus.REJECTED
    question.save()

    response = sign_in_verified(moderator).post(url(question))

    page = response.content.decode()
    assert "<title>Error: " in page
    assert "This question cannot be released because it is not published" in page
    assert mail.outbox == []


def test_it_refuses_a_get(sign_in_verified, moderator, question):
    assert sign_in_verified(moderator).get(url(question)).status_code == 405


def test_an_unknown_question_is_not_found(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post("/manage/tender/questions/999/release").status_code == 404
