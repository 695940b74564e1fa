import pytest
from django.test import Client

from accounts.models import User
from fund.demo import awards
from fund.models import Bid, FundedProject, Question, Round
from fund.tests.test_grants_schema import errors_in
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    codes = {code for project in awards.PROJECTS for code in [project[2], *project[3]]}
    return [OrganisationFactory(register_code=code, org_id=f"GB-LAE-{code}") for code in sorted(codes)]


def test_it_loads_a_past_round_whose_awards_are_published_as_360giving_grants(councils):
    summary = awards.past_round_with_awards()

    round_ = Round.objects.get(name="Local Digital Fund round 1")
    assert round_.eoi_opens_at.date().isoformat() == "2018-09-24"
    assert Bid.objects.filter(round=round_, status=BidStatus.AWARDED).count() == 16
    assert Bid.objects.filter(round=round_, status=BidStatus.NOT_FUNDED).count() == 4
    assert round_.committed == sum(FundedProject.objects.values_list("amount_awarded", flat=True))
    assert round_.committed <= round_.budget
    approver = User.objects.get(email="priya.shah@example.com")
    assert approver.role == "fund_approver"
    assert set(Bid.objects.values_list("decision_approved_by", flat=True)) == {approver.pk}
    for bid in Bid.objects.filter(round=round_).prefetch_related("application__budget_lines"):
        assert sum(line.amount for line in bid.application.budget_lines.all()) == bid.amount_requested
        if bid.award_amount:
            assert bid.award_amount <= bid.amount_requested
    assert Question.objects.filter(round=round_, published_at__isnull=False).count() == 4
    assert "16 awards" in summary

    package = Client().get("/fund/grants.json").json()
    assert len(package["grants"]) == 16
    assert errors_in(package) == []
    assert {grant["recipientOrganization"][0]["id"][:7] for grant in package["grants"]} == {"GB-LAE-"}


def test_running_it_again_adds_nothing(councils):
    awards.past_round_with_awards()
    counts = (Bid.objects.count(), FundedProject.objects.count(), Question.objects.count(), User.objects.count())

    assert "already there" in awards.past_round_with_awards()

    assert (
        Bid.objects.count(),
        FundedProject.objects.count(),
        Question.objects.count(),
        User.objects.count(),
    ) == counts


def test_it_leaves_out_projects_whose_lead_is_not_in_the_register():
    OrganisationFactory(register_code="HCK")
    awards.past_round_with_awards()
    assert list(Bid.objects.values_list("title", flat=True)) == ["Report a housing repair online"]
