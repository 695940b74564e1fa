import pytest

from fund.tests.factories import QuestionFactory, member_of
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(question):
    return f"/manage/fund/{question.round.slug}/questions/{question.pk}/publish"


@pytest.fixture
def question():
    asker = member_of(OrganisationFactory(name="Testshire County Council"), full_name="Alexandra Quinn")
    return QuestionFactory(answered=True, asked_by=asker, text="Alexandra at Testshire: can we bid twice?")


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, question):
    assert client.post(url(question), {"published_question": "Q"}).url.startswith("/staff/sign-in?next=")


def test_it_is_for_programme_staff(sign_in_verified, assessor, question):
    assert sign_in_verified(assessor).post(url(question), {"published_question": "Q"}).status_code == 403


def test_it_only_accepts_a_post(sign_in_verified, moderator, question):
    assert sign_in_verified(moderator).get(url(question)).status_code == 405


def test_it_publishes_the_anonymised_question_for_everyone(client, sign_in_verified, moderator, question):
    response = sign_in_verified(moderator).post(url(question), {"published_question": "Can a council bid twice?"})
    assert response.url == f"/manage/fund/{question.round.slug}/questions/{question.pk}"
    client.logout()
    page = client.get(f"/fund/{question.round.slug}/questions").content.decode()
    assert "Can a council bid twice?" in page
    assert "Alexandra" not in page and "Testshire" not in page


def test_it_refuses_wording_that_names_the_asker(sign_in_verified, moderator, question):
    page = sign_in_verified(moderator).post(url(question), {"published_question": question.text}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_published_question">The published question must not name the asker' in page
    question.refresh_from_db()
    assert question.published_at is None


def test_it_asks_for_the_wording(sign_in_verified, moderator, question):
    page = sign_in_verified(moderator).post(url(question), {"published_question": ""}).content.decode()
    assert '<a href="#id_published_question">Enter the question as it will be published</a>' in page
