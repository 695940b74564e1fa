import pytest

from accounts.tests.factories import MembershipFactory
from fund.models import Question
from fund.tests.factories import RoundFactory, member_of
from fund.workflow import RoundStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory()


def url(round_):
    return f"/fund/{round_.slug}/questions/ask"


@pytest.fixture
def asker():
    return member_of(OrganisationFactory())


def test_it_sends_anonymous_people_to_sign_in(client, round_):
    assert client.get(url(round_)).url.startswith("/sign-in?next=")


def test_it_records_the_question_and_says_an_answer_will_follow(client, round_, asker):
    client.force_login(asker)

    response = client.post(url(round_), {"text": "Can a district council lead a bid?"})

    assert response.url == f"/fund/{round_.slug}/questions"
    question = Question.objects.get()
    assert (question.round, question.asked_by, question.text) == (round_, asker, "Can a district council lead a bid?")
    assert "We will email you the answer" in client.get(response.url).content.decode()


def test_it_asks_for_a_question(client, round_, asker):
    client.force_login(asker)
    page = client.post(url(round_), {"text": ""}).content.decode()
    assert '<a href="#id_text">Enter your question</a>' in page


def test_it_refuses_an_overlong_question(client, round_, asker):
    client.force_login(asker)
    page = client.post(url(round_), {"text": "x" * 3001}).content.decode()
    assert "Your question must be 3,000 characters or fewer" in page
    assert not Question.objects.exists()


def test_someone_waiting_to_join_an_organisation_is_told_why_they_cannot_ask(client, round_):
    client.force_login(MembershipFactory(pending=True).user)
    assert "Your request to join your organisation must be approved first" in client.get(url(round_)).content.decode()
    page = client.post(url(round_), {"text": "Can I ask?"}).content.decode()
    assert "Only people who work at an organisation we list can ask" in page
    assert not Question.objects.exists()


def test_a_draft_round_cannot_be_asked_about(client, asker):
    client.force_login(asker)
    assert client.get(url(RoundFactory(status=RoundStatus.DRAFT))).status_code == 404


def test_it_limits_how_many_questions_one_person_sends(client, round_, asker, settings):
    settings.FUND_QUESTION_RATE = "2/h"
    client.force_login(asker)
    for number in range(2):
        client.post(url(round_), {"text": f"Question {number}"})
    assert client.post(url(round_), {"text": "One too many"}).status_code == 429
    assert Question.objects.count() == 2
