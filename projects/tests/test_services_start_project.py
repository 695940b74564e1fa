import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from fund import decisions
from fund.models import FundedProject, Phase
from fund.tests.factories import BidPartnerFactory, FundedProjectFactory, RoundFactory, submitted_application
from projects.models import Project, ProjectPhase
from projects.services import start_project_for_grant
from projects.tests.factories import ProjectFactory
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    return RoundFactory(deciding=True, phases={Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000, Phase.BETA: 350_000})


def award(round_, **bid_fields):
    """A bid awarded through the fund's real approval: proposed by staff, approved by another."""
    bid = submitted_application(round=round_, **bid_fields)
    BidPartnerFactory(bid=bid, confirmed=True, organisation__name="Partnershire District Council")
    BidPartnerFactory(bid=bid, organisation__name="Undecided Borough Council")
    decisions.propose_decision(bid, by=UserFactory(moderator=True), fund=True, award_amount=bid.amount_requested)
    return decisions.approve(bid, by=UserFactory(fund_approver=True))


def test_approving_an_award_starts_its_project_in_the_phase_it_pays_for(round_):
    bid = award(
        round_,
        title="Open bin data",
        phase=Phase.ALPHA,
        amount_requested=90_000,
        problem="Residents cannot find when their bins are collected.",
    )

    project = Project.objects.get()
    grant = FundedProject.objects.get(bid=bid)
    assert (project.title, project.slug, project.current_phase) == ("Open bin data", "open-bin-data", "alpha")
    assert project.summary == project.problem == "Residents cannot find when their bins are collected."
    assert project.lead_organisation == bid.lead_organisation
    assert [partner.name for partner in project.partner_organisations.all()] == ["Partnershire District Council"]
    assert project.status == ProjectStatus.ACTIVE
    assert project.contact_email == ""
    phase = ProjectPhase.objects.get(project=project)
    kick_off = timezone.localdate(round_.kick_off_at)
    assert (phase.phase, phase.status, phase.grant) == ("alpha", PhaseStatus.IN_PROGRESS, grant)
    assert phase.starts_on == kick_off
    assert phase.ends_on == kick_off + datetime.timedelta(weeks=12)
    assert AuditEvent.objects.filter(action="projects.started", object_id=str(project.pk)).exists()


def test_a_beta_runs_for_26_weeks():
    grant = FundedProjectFactory(bid__phase=Phase.BETA, bid__award_amount=300_000)

    phase = start_project_for_grant(grant).phases.get()

    assert phase.ends_on - phase.starts_on == datetime.timedelta(weeks=26)


def test_not_funding_a_bid_starts_no_project(round_):
    bid = submitted_application(round=round_)
    decisions.propose_decision(bid, by=UserFactory(moderator=True), fund=False, award_amount=None, feedback="No")
    decisions.approve(bid, by=UserFactory(fund_approver=True))

    assert not Project.objects.exists()


def test_a_long_summary_is_shortened_and_the_problem_kept_whole():
    problem = "Tenants phone again and again. " * 20
    grant = FundedProjectFactory(bid__problem=problem)

    project = start_project_for_grant(grant)

    assert len(project.summary) == 300
    assert project.summary.endswith("…")
    assert project.problem == problem


def test_a_project_whose_title_is_taken_gets_the_next_free_address():
    ProjectFactory(slug="shared-repairs")
    ProjectFactory(slug="shared-repairs-2")

    project = start_project_for_grant(FundedProjectFactory(bid__title="Shared repairs"))

    assert project.slug == "shared-repairs-3"


@pytest.mark.parametrize("title", ["Yours", "Charts"])
def test_a_project_never_takes_the_address_of_another_page(title):
    project = start_project_for_grant(FundedProjectFactory(bid__title=title))

    assert project.slug == f"{title.lower()}-2"
