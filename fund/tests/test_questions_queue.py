import pytest
from django.utils import timezone

from fund.tests.factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory()


def url(round_):
    return f"/manage/fund/{round_.slug}/questions"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, round_):
    assert client.get(url(round_)).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["assessor"])
def test_it_is_for_programme_staff(request, sign_in_verified, round_, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(url(round_)).status_code == 403


def test_a_member_cannot_see_it(client, member, round_):
    client.force_login(member)
    assert client.get(url(round_)).status_code == 403


def test_it_lists_unanswered_questions_first(sign_in_verified, moderator, round_):
    QuestionFactory(round=round_, answered=True, text="Answered question")
    QuestionFactory(round=round_, text="Waiting question", asked_by__email="asker@testshire.gov.uk")
    QuestionFactory(text="Another round's question")

    page = sign_in_verified(moderator).get(url(round_)).content.decode()

    assert page.index("Waiting question") < page.index("Answered question")
    assert "asker@testshire.gov.uk" in page
    assert "Another round" not in page


def test_it_costs_the_same_queries_for_many_questions(
    sign_in_verified, moderator, round_, django_assert_max_num_queries
):
    client = sign_in_verified(moderator)
    QuestionFactory.create_batch(2, round=round_)
    with django_assert_max_num_queries(12) as few:
        client.get(url(round_))
    QuestionFactory.create_batch(25, round=round_, answered_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(round_)).status_code == 200
