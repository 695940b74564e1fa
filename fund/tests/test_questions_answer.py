import pytest
from django.core import mail

from fund.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def url(question):
    return f"/manage/fund/{question.round.slug}/questions/{question.pk}/answer"


@pytest.fixture
def question():
    return QuestionFactory(asked_by__email="asker@testshire.gov.uk")


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, question):
    assert client.post(url(question), {"answer": "Yes"}).url.startswith("/staff/sign-in?next=")


def test_it_is_for_programme_staff(sign_in_verified, assessor, question):
    assert sign_in_verified(assessor).post(url(question), {"answer": "Yes"}).status_code == 403


def test_it_only_accepts_a_post(sign_in_verified, moderator, question):
    assert sign_in_verified(moderator).get(url(question)).status_code == 405


def test_it_answers_and_emails_the_asker(sign_in_verified, moderator, question):
    response = sign_in_verified(moderator).post(url(question), {"answer": "Yes, up to two bids."})
    assert response.url == f"/manage/fund/{question.round.slug}/questions/{question.pk}"
    question.refresh_from_db()
    assert question.answer == "Yes, up to two bids."
    assert [message.to for message in mail.outbox] == [["asker@testshire.gov.uk"]]


def test_it_asks_for_an_answer(sign_in_verified, moderator, question):
    page = sign_in_verified(moderator).post(url(question), {"answer": ""}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_answer">Enter your answer</a>' in page
    assert mail.outbox == []


def test_a_second_answer_is_refused(sign_in_verified, moderator):
    question = QuestionFactory(answered=True)
    page = sign_in_verified(moderator).post(url(question), {"answer": "Changed"}).content.decode()
    assert "Someone has already answered this question" in page
    question.refresh_from_db()
    assert question.answer != "Changed"
