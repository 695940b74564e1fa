import pytest

from fund.tests.factories import QuestionFactory, RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def url(round_):
    return f"/fund/{round_.slug}/questions"


def test_anyone_can_read_the_published_questions_and_answers(client):
    asker_name = "Alexandra Quinn-Smith"
    question = QuestionFactory(
        published=True,
        asked_by__full_name=asker_name,
        asked_by__email="a.quinnsmith@testshire.gov.uk",
        text="Alexandra from Testshire here: can we bid twice?",
        published_question="Can a council lead two bids?",
        answer="Yes: up to two.",
    )
    QuestionFactory(round=question.round, answered=True, text="An answered question nobody published")
    QuestionFactory(round=question.round, text="An unanswered question")

    page = client.get(url(question.round)).content.decode()

    assert "Can a council lead two bids?" in page
    assert "Yes: up to two." in page
    for private in [asker_name, "Alexandra", "a.quinnsmith", "Testshire", "nobody published", "unanswered"]:
        assert private not in page


def test_a_draft_round_has_no_questions_page(client):
    assert client.get(url(RoundFactory(status=RoundStatus.DRAFT))).status_code == 404


def test_it_says_when_nothing_is_published(client):
    assert "No questions have been answered here yet." in client.get(url(RoundFactory())).content.decode()


def test_it_costs_the_same_queries_for_many_questions(client, django_assert_max_num_queries):
    round_ = RoundFactory()
    QuestionFactory.create_batch(2, round=round_, published=True)
    with django_assert_max_num_queries(10) as few:
        client.get(url(round_))
    QuestionFactory.create_batch(30, round=round_, published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(round_)).status_code == 200


def test_it_only_answers_get(client):
    assert client.post(url(RoundFactory())).status_code == 405
