import pytest

from accounts.tests.factories import UserFactory
from fund import decisions
from fund.tests.factories import RoundFactory, submitted_application

pytestmark = pytest.mark.django_db

URL = "/manage/fund/decisions"


@pytest.fixture
def approver():
    return UserFactory(fund_approver=True)


def propose(count, round_=None):
    round_ = round_ or RoundFactory(deciding=True)
    staff = UserFactory(moderator=True, full_name="Rachel Wong")
    bids = []
    for number in range(count):
        bid = submitted_application(round=round_, title=f"Shared project {number}")
        bids.append(decisions.propose_decision(bid, by=staff, fund=True, award_amount=20_000))
    return bids


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    assert client.get(URL).url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["moderator", "programme_admin", "assessor"])
def test_it_is_for_fund_approvers_only(request, sign_in_verified, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(URL).status_code == 403


def test_it_lists_the_proposals_waiting_oldest_first(sign_in_verified, approver):
    first, second = propose(2)
    submitted_application(title="Not yet decided")

    page = sign_in_verified(approver).get(URL).content.decode()

    assert page.index("Shared project 0") < page.index("Shared project 1")
    assert "Not yet decided" not in page
    assert "Fund: £20,000" in page
    assert "Rachel Wong" in page


def test_it_says_when_nothing_is_waiting(sign_in_verified, approver):
    assert "No decisions are waiting for approval." in sign_in_verified(approver).get(URL).content.decode()


def test_it_costs_the_same_queries_for_many_proposals(sign_in_verified, approver, django_assert_max_num_queries):
    client = sign_in_verified(approver)
    round_ = RoundFactory(deciding=True, budget=10_000_000)
    propose(2, round_)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    propose(22, round_)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_only_answers_get(sign_in_verified, approver):
    assert sign_in_verified(approver).post(URL).status_code == 405
