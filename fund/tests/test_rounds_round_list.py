import pytest

from fund.tests.factories import RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def test_it_lists_published_rounds_with_those_not_yet_under_way_first(client):
    RoundFactory(name="Round 1 (2018)", past=True)
    RoundFactory(name="Round 9", status=RoundStatus.PUBLISHED)
    RoundFactory(name="Round 8", applications_open=True)
    RoundFactory(name="Round 10 draft", status=RoundStatus.DRAFT)

    page = client.get("/fund").content.decode()

    assert page.index("Round 9") < page.index("Round 8") < page.index("Round 1 (2018)")
    assert "Round 10 draft" not in page
    assert "Open for expressions of interest" in page
    assert "Projects under way" in page
    assert "£7,500,000" in page
    assert "Discovery up to £50,000" in page


def test_it_says_when_there_are_no_rounds(client):
    assert "There are no rounds of the fund yet" in client.get("/fund").content.decode()


def test_it_runs_the_same_queries_for_many_rounds(client, django_assert_max_num_queries):
    RoundFactory.create_batch(2)
    with django_assert_max_num_queries(4) as few:
        client.get("/fund")
    RoundFactory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/fund")


def test_it_answers_only_get(client):
    assert client.post("/fund").status_code == 405
