import pytest

from fund.tests.factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


def url(question, round_=None):
    return f"/manage/fund/{(round_ or question.round).slug}/questions/{question.pk}"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    assert client.get(url(QuestionFactory())).url.startswith("/staff/sign-in?next=")


def test_it_is_for_programme_staff(sign_in_verified, assessor):
    assert sign_in_verified(assessor).get(url(QuestionFactory())).status_code == 403


def test_it_shows_the_question_and_who_asked_with_the_answer_form(sign_in_verified, moderator):
    question = QuestionFactory(text="Can we bid twice?", asked_by__email="asker@testshire.gov.uk")
    page = sign_in_verified(moderator).get(url(question)).content.decode()
    assert "Can we bid twice?" in page
    assert "asker@testshire.gov.uk" in page
    assert 'name="answer"' in page
    assert 'name="published_question"' not in page


def test_an_answered_question_offers_publishing(sign_in_verified, moderator):
    page = sign_in_verified(moderator).get(url(QuestionFactory(answered=True))).content.decode()
    assert 'name="answer"' not in page
    assert 'name="published_question"' in page


def test_a_question_about_another_round_is_not_found_here(sign_in_verified, moderator):
    question = QuestionFactory()
    assert sign_in_verified(moderator).get(url(question, RoundFactory())).status_code == 404
