import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from fund.tests.factories import AssessmentFactory, BidPartnerFactory, SubmittedAssessmentFactory
from fund.workflow import AssessmentStatus, BidStatus

pytestmark = pytest.mark.django_db

URL = "/assess"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "moderator", "programme_admin"])
def test_it_is_for_assessors_only(request, sign_in_verified, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(URL).status_code == 403


def test_it_only_answers_a_get(sign_in_verified, assessor):
    assert sign_in_verified(assessor).post(URL).status_code == 405


def test_it_lists_only_the_assessors_own_assignments(sign_in_verified, assessor):
    mine = AssessmentFactory(assessor=assessor, bid__title="Mine to assess")
    AssessmentFactory(bid__title="Someone else's")
    response = sign_in_verified(assessor).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mine to assess" in page
    assert f'href="/assess/{mine.pk}"' in page
    assert "Someone else" not in page
    assert "Waiting for a conflict declaration" in page


def test_a_declared_conflict_is_listed_but_cannot_be_opened(sign_in_verified, assessor):
    conflicted = AssessmentFactory(assessor=assessor, status=AssessmentStatus.CONFLICTED, bid__title="Too close")
    page = sign_in_verified(assessor).get(URL).content.decode()
    assert "Too close" in page
    assert "Conflict of interest declared" in page
    assert f'href="/assess/{conflicted.pk}"' not in page


def test_it_says_why_an_assignment_is_closed(sign_in_verified, assessor):
    blocked = AssessmentFactory(assessor=assessor, bid__title="Joined a partner")
    partner = BidPartnerFactory(bid=blocked.bid)
    MembershipFactory(user=assessor, organisation=partner.organisation)
    AssessmentFactory(assessor=assessor, bid__status=BidStatus.INVITED, bid__title="Decided without me")
    submitted = SubmittedAssessmentFactory(assessor=assessor, bid__status=BidStatus.INVITED, bid__title="Done")

    page = sign_in_verified(assessor).get(URL).content.decode()

    assert "You work at an organisation in this bid" in page
    assert "No longer needed: the bid has moved on" in page
    assert f'href="/assess/{blocked.pk}"' not in page
    assert f'href="/assess/{submitted.pk}"' in page


def test_it_lists_many_assignments_in_a_bounded_number_of_queries(
    sign_in_verified, assessor, django_assert_max_num_queries
):
    AssessmentFactory.create_batch(30, assessor=assessor)
    client = sign_in_verified(assessor)
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 25


def test_an_assessor_with_nothing_to_assess_is_told_so(sign_in_verified):
    assessor = UserFactory(assessor=True)
    assert "You have no bids to assess yet" in sign_in_verified(assessor).get(URL).content.decode()
