import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects import services
from projects.models import PhaseName, Project, ProjectPhase
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory
from projects.workflow import PROJECT_TRANSITIONS, PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def staff():
    return UserFactory(moderator=True)


def days(number: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=number)


@pytest.fixture
def first_round():
    return RoundFactory(past=True)


@pytest.fixture
def later_round():
    return RoundFactory(
        past=True,
        eoi_opens_at=days(-200),
        eoi_closes_at=days(-190),
        evaluation_ends_at=days(-180),
        applications_open_at=days(-170),
        applications_close_at=days(-150),
        decisions_by=days(-140),
        kick_off_at=days(-130),
    )


@pytest.fixture
def project(first_round):
    """A project in discovery, started by an award from the first round."""
    grant = FundedProjectFactory(bid__round=first_round, bid__phase=Phase.DISCOVERY)
    return services.start_project_for_grant(grant)


def alpha_award(project, round_, **fields):
    return FundedProjectFactory(
        bid__round=round_,
        bid__phase=Phase.ALPHA,
        bid__award_amount=90_000,
        bid__lead_organisation=project.lead_organisation,
        **fields,
    )


class TestContinuingWithAnAward:
    def test_the_award_pays_for_the_next_phase_and_the_current_one_is_complete(self, project, later_round, staff):
        grant = alpha_award(project, later_round)
        grant.partner_organisations.add(OrganisationFactory(name="Newpartner Borough Council"))

        moved = services.continue_with_award(project, grant, by=staff)

        assert moved.current_phase == PhaseName.ALPHA
        discovery, alpha = ProjectPhase.objects.filter(project=project).order_by("starts_on")
        assert discovery.status == PhaseStatus.COMPLETE
        assert (alpha.phase, alpha.status, alpha.grant) == ("alpha", PhaseStatus.IN_PROGRESS, grant)
        assert alpha.starts_on == timezone.localdate(later_round.kick_off_at)
        assert alpha.ends_on == alpha.starts_on + datetime.timedelta(weeks=12)
        assert "Newpartner Borough Council" in [partner.name for partner in moved.partner_organisations.all()]
        assert set(AuditEvent.objects.filter(actor=staff).values_list("action", flat=True)) == {
            "projects.phase_completed",
            "projects.phase_started",
            "projects.moved_to_next_phase",
        }
        event = AuditEvent.objects.get(action="projects.moved_to_next_phase")
        assert event.changes == {"current_phase": ["discovery", "alpha"], "grant": [None, grant.grant_identifier]}

    def test_it_refuses_an_award_from_the_same_round(self, project, first_round, staff):
        grant = alpha_award(project, first_round)

        with pytest.raises(TransitionRefused) as refusal:
            services.continue_with_award(project, grant, by=staff)

        assert refusal.value.field == "grant"
        project.refresh_from_db()
        assert project.current_phase == PhaseName.DISCOVERY
        assert ProjectPhase.objects.get(project=project).status == PhaseStatus.IN_PROGRESS

    def test_it_refuses_an_award_to_another_organisation(self, project, later_round, staff):
        grant = FundedProjectFactory(bid__round=later_round, bid__phase=Phase.ALPHA)
        with pytest.raises(TransitionRefused):
            services.continue_with_award(project, grant, by=staff)

    def test_it_refuses_an_award_for_the_phase_the_project_is_in(self, project, later_round, staff):
        grant = FundedProjectFactory(
            bid__round=later_round, bid__phase=Phase.DISCOVERY, bid__lead_organisation=project.lead_organisation
        )
        with pytest.raises(TransitionRefused):
            services.continue_with_award(project, grant, by=staff)

    def test_an_award_that_started_an_empty_project_moves_here_and_the_empty_one_goes(
        self, project, later_round, staff
    ):
        grant = alpha_award(project, later_round)
        started = services.start_project_for_grant(grant)

        services.continue_with_award(project, grant, by=staff)

        assert not Project.objects.filter(pk=started.pk).exists()
        assert ProjectPhase.objects.get(grant=grant).project == project
        assert AuditEvent.objects.filter(action="projects.merged", object_id=str(started.pk)).exists()

    @pytest.mark.parametrize("content", ["update", "output"])
    def test_it_refuses_an_award_whose_project_the_team_has_started_using(self, project, later_round, staff, content):
        grant = alpha_award(project, later_round)
        started = services.start_project_for_grant(grant)
        if content == "update":
            UpdateFactory(project=started)
        else:
            OutputFactory(project=started, phase=PhaseName.ALPHA)

        with pytest.raises(TransitionRefused):
            services.continue_with_award(project, grant, by=staff)

        assert Project.objects.filter(pk=started.pk).exists()

    def test_only_programme_staff_may_move_a_project_on(self, project, later_round):
        grant = alpha_award(project, later_round)
        with pytest.raises(TransitionRefused, match="You do not have permission to do this"):
            services.continue_with_award(project, grant, by=UserFactory())


class TestContinuingByDecision:
    def test_staff_record_why_and_when_the_next_phase_runs(self, project, staff):
        moved = services.continue_by_decision(
            project,
            by=staff,
            phase="alpha",
            reason="  The partners pay for alpha themselves  ",
            starts_on=TODAY,
            ends_on=TODAY + datetime.timedelta(weeks=10),
        )

        assert moved.current_phase == PhaseName.ALPHA
        alpha = ProjectPhase.objects.get(project=project, phase=PhaseName.ALPHA)
        assert (alpha.grant, alpha.decided_by, alpha.decision_note) == (
            None,
            staff,
            "The partners pay for alpha themselves",
        )
        assert (alpha.starts_on, alpha.ends_on) == (TODAY, TODAY + datetime.timedelta(weeks=10))
        event = AuditEvent.objects.get(action="projects.moved_to_next_phase")
        assert event.reason == "The partners pay for alpha themselves"

    def test_it_needs_a_reason(self, project, staff):
        with pytest.raises(TransitionRefused) as refusal:
            services.continue_by_decision(project, by=staff, phase="alpha", reason=" ", starts_on=TODAY, ends_on=TODAY)
        assert refusal.value.field == "reason"
        assert not ProjectPhase.objects.filter(phase=PhaseName.ALPHA).exists()

    def test_the_phase_cannot_end_before_it_starts(self, project, staff):
        with pytest.raises(TransitionRefused) as refusal:
            services.continue_by_decision(
                project,
                by=staff,
                phase="alpha",
                reason="Self-funded",
                starts_on=TODAY,
                ends_on=TODAY - datetime.timedelta(days=1),
            )
        assert refusal.value.field == "ends_on"

    def test_a_live_project_has_no_later_phase(self, staff):
        live = ProjectFactory(current_phase=PhaseName.LIVE)
        ProjectPhaseFactory(project=live, phase=PhaseName.LIVE)

        with pytest.raises(TransitionRefused, match="already live"):
            services.continue_by_decision(
                live, by=staff, phase="alpha", reason="Why not", starts_on=TODAY, ends_on=TODAY
            )

    @pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.STOPPED])
    def test_a_project_that_has_ended_cannot_move_on(self, project, staff, status):
        Project.objects.filter(pk=project.pk).update(status=status)

        with pytest.raises(TransitionRefused, match=f"This project is {status}"):
            services.continue_by_decision(
                project, by=staff, phase="alpha", reason="Self-funded", starts_on=TODAY, ends_on=TODAY
            )

    def test_a_member_cannot_move_a_project_on(self, project):
        with pytest.raises(TransitionRefused, match="permission"):
            services.continue_by_decision(
                project, by=UserFactory(), phase="alpha", reason="Self-funded", starts_on=TODAY, ends_on=TODAY
            )

    def test_a_second_click_does_not_take_the_project_a_phase_further(self, project, staff):
        move = {"by": staff, "phase": "alpha", "reason": "Self-funded", "starts_on": TODAY, "ends_on": TODAY}
        services.continue_by_decision(project, **move)

        with pytest.raises(TransitionRefused, match="This project has already moved on to alpha"):
            services.continue_by_decision(project, **move)

        assert list(project.phases.values_list("phase", flat=True)) == ["discovery", "alpha"]


@pytest.mark.django_db(transaction=True)
def test_two_staff_moving_a_project_on_at_once_move_it_one_phase():
    project = ProjectFactory()
    ProjectPhaseFactory(project=project)
    people = [UserFactory(moderator=True), UserFactory(moderator=True)]
    outcomes = []
    barrier = threading.Barrier(2)

    def move(person):
        barrier.wait()
        try:
            services.continue_by_decision(
                project, by=person, phase="alpha", reason="Self-funded", starts_on=TODAY, ends_on=TODAY
            )
            outcomes.append("moved")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=[person]) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["moved", "refused"]
    phases = ProjectPhase.objects.filter(project=project).values_list("phase", flat=True)
    assert sorted(phases) == ["alpha", "discovery"]


class TestEndingAProject:
    def test_completing_it_completes_the_phase_under_way(self, project, staff):
        completed = services.complete_project(project, by=staff)

        assert completed.status == ProjectStatus.COMPLETED
        assert ProjectPhase.objects.get(project=project).status == PhaseStatus.COMPLETE
        assert AuditEvent.objects.filter(action="projects.completed", actor=staff).exists()

    def test_stopping_it_keeps_the_reason_for_its_page(self, project, staff):
        stopped = services.stop_project(project, by=staff, reason=" The partners bought a product instead ")

        assert stopped.status == ProjectStatus.STOPPED
        assert stopped.status_reason == "The partners bought a product instead"
        assert AuditEvent.objects.get(action="projects.stopped").reason == "The partners bought a product instead"

    def test_stopping_needs_a_reason(self, project, staff):
        with pytest.raises(TransitionRefused) as refusal:
            services.stop_project(project, by=staff, reason="")
        assert refusal.value.field == "reason"


@pytest.mark.parametrize("action", sorted(PROJECT_TRANSITIONS))
@pytest.mark.parametrize("status", sorted(ProjectStatus))
def test_each_move_is_allowed_only_from_its_states(action, status, staff):
    project = ProjectFactory(status=status)
    move = {
        "complete": lambda: services.complete_project(project, by=staff),
        "stop": lambda: services.stop_project(project, by=staff, reason="No longer needed"),
    }[action]
    if status in PROJECT_TRANSITIONS[action].source:
        assert move().status == PROJECT_TRANSITIONS[action].target
    else:
        with pytest.raises(TransitionRefused):
            move()
        project.refresh_from_db()
        assert project.status == status


@pytest.mark.parametrize("action", sorted(PROJECT_TRANSITIONS))
def test_only_programme_staff_may_end_a_project(action, project):
    member = UserFactory()
    with pytest.raises(TransitionRefused, match="permission"):
        if action == "complete":
            services.complete_project(project, by=member)
        else:
            services.stop_project(project, by=member, reason="No longer needed")
