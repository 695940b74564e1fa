import pytest

from fund.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def url(question):
    return f"/manage/fund/{question.round.slug}/questions/{question.pk}/unpublish"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    assert client.post(url(QuestionFactory(published=True))).url.startswith("/staff/sign-in?next=")


def test_it_is_for_programme_staff(sign_in_verified, assessor):
    question = QuestionFactory(published=True)
    assert sign_in_verified(assessor).post(url(question)).status_code == 403


def test_it_only_accepts_a_post(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get(url(QuestionFactory(published=True))).status_code == 405


def test_it_takes_the_question_off_the_public_page(client, sign_in_verified, moderator):
    question = QuestionFactory(published=True, published_question="Can a council bid twice?")
    sign_in_verified(moderator).post(url(question))
    question.refresh_from_db()
    assert question.published_at is None
    client.logout()
    assert "Can a council bid twice?" not in client.get(f"/fund/{question.round.slug}/questions").content.decode()


def test_it_says_when_the_question_is_not_published(sign_in_verified, moderator):
    page = sign_in_verified(moderator).post(url(QuestionFactory(answered=True))).content.decode()
    assert "This question is not published" in page
