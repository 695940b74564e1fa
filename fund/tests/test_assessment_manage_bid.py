import pytest

from accounts.tests.factories import UserFactory
from fund.tests.factories import AssessmentFactory, BidFactory, BidPartnerFactory, SubmittedAssessmentFactory
from fund.workflow import AssessmentStatus, BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid():
    bid = BidFactory(
        submitted=True, reference="LDF-ABC123", title="Open planning data", problem="Nobody can find the plans"
    )
    BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnerton District Council")
    return bid


URL = "/manage/fund/bids/LDF-ABC123"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, bid):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_staff(request, sign_in_verified, bid, person):
    assert sign_in_verified(request.getfixturevalue(person)).get(URL).status_code == 403


def test_a_draft_or_unknown_bid_is_not_found(sign_in_verified, moderator):
    BidFactory(reference="LDF-DRAFT1")
    client = sign_in_verified(moderator)
    assert client.get("/manage/fund/bids/LDF-DRAFT1").status_code == 404
    assert client.get("/manage/fund/bids/LDF-NOSUCH").status_code == 404
    assert client.get("/manage/fund/bids/ldf-lower").status_code == 404


def test_it_only_answers_a_get(sign_in_verified, moderator, bid):
    assert sign_in_verified(moderator).post(URL).status_code == 405


def test_it_shows_the_answers_partners_assessors_and_submitted_scores(sign_in_verified, moderator, bid):
    SubmittedAssessmentFactory(bid=bid, assessor__full_name="Sam Scorer", scores=[4, 3])
    AssessmentFactory(bid=bid, assessor__full_name="Ada Assigned")
    AssessmentFactory(
        bid=bid, assessor__full_name="Connie Conflict", status=AssessmentStatus.CONFLICTED, conflict_note="My sister"
    )
    UserFactory(assessor=True, full_name="Free Assessor")

    response = sign_in_verified(moderator).get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Open planning data",
        "Nobody can find the plans",
        "Partnerton District Council (confirmed)",
        "Sam Scorer",
        "Ada Assigned",
        "Waiting for a conflict declaration",
        "Connie Conflict",
        "My sister",
        "3.4",
        "Free Assessor",
    ]:
        assert text in page
    choices = [str(user) for user in response.context["assign_form"].fields["assessors"].queryset]
    assert choices == ["Free Assessor"]
    # Only an assessor who has not scored may be removed.
    removable = [a.assessor.full_name for a in response.context["assessments"] if a.removable]
    assert removable == ["Ada Assigned"]
    assert "Record outcome" in page


def test_it_offers_no_outcome_or_assignment_once_decided(sign_in_verified, moderator):
    BidFactory(invited=True, reference="LDF-DONE01")
    response = sign_in_verified(moderator).get("/manage/fund/bids/LDF-DONE01")
    assert response.context["outcome_form"] is None
    assert response.context["assign_form"] is None
    assert "Record outcome" not in response.content.decode()


def test_it_shows_a_full_applications_assessments_without_the_eoi_outcome(sign_in_verified, moderator):
    bid = BidFactory(status=BidStatus.APPLICATION_SUBMITTED, reference="LDF-APP001")
    bid.application_submitted_at = bid.created_at
    bid.save()
    SubmittedAssessmentFactory(bid=bid, stage="application", assessor__full_name="Apple Assessor")
    SubmittedAssessmentFactory(bid=bid, stage="eoi", assessor__full_name="Earlier Assessor")
    response = sign_in_verified(moderator).get("/manage/fund/bids/LDF-APP001")
    assert [a.assessor.full_name for a in response.context["assessments"]] == ["Apple Assessor"]
    assert "Assessors (full application)" in response.content.decode()
    assert response.context["outcome_form"] is None
    assert response.context["assign_form"] is not None
