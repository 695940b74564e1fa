"""Read functions for funded projects. Each returns a bounded, pre-joined queryset, list or
page. Public ones never load who wrote an update or added an output."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from events.models import Topic
from fund.models import FundedProject
from organisations.models import Organisation
from projects import uploads
from projects.models import Output, PhaseName, Project, ProjectPhase, Update
from projects.workflow import PhaseStatus, ProjectStatus

PAGE_SIZE = 25
UPDATES_PER_PAGE = 10
# The dashboard's lists of phases needing attention show this many, most urgent first.
DASHBOARD_ROWS = 100
# Reminders go, and the dashboard says outputs are due soon, this long before a phase ends.
DUE_SOON = datetime.timedelta(days=14)
PHASE_ORDER = [PhaseName.DISCOVERY, PhaseName.ALPHA, PhaseName.BETA, PhaseName.LIVE]


def phases_after(phase: str) -> list[str]:
    return PHASE_ORDER[PHASE_ORDER.index(phase) + 1 :]


# The public ---------------------------------------------------------------------------------


def _phases_with_awards():
    return Prefetch(
        "phases",
        queryset=ProjectPhase.objects.select_related("grant__bid__round")
        .defer("decided_by", "decision_note", "reminder_sent_at")
        .order_by("starts_on", "pk"),
    )


def public_project(slug: str) -> Project:
    """A project's page: its organisations, topics and phases with the awards that paid for them."""
    projects = Project.objects.select_related("lead_organisation").prefetch_related(
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        _phases_with_awards(),
    )
    return get_object_or_404(projects, slug=slug)


def updates_page(project: Project, number) -> Page:
    """The project's updates, newest first, without their authors."""
    updates = Update.objects.filter(project=project).defer("author").order_by("-published_at", "-pk")
    return Paginator(updates, UPDATES_PER_PAGE).get_page(number)


@dataclass
class PhaseOutputs:
    phase: str
    label: str
    outputs: list[Output]


def outputs_by_phase(project: Project) -> list[PhaseOutputs]:
    """The project's outputs grouped by the phase they came from, in the phases' order; a
    phase with no outputs is left out."""
    groups = {phase: PhaseOutputs(phase, PhaseName(phase).label, []) for phase in PHASE_ORDER}
    for output in Output.objects.filter(project=project).defer("created_by").order_by("created_at", "pk"):
        if output.file:
            kind = uploads.KINDS.get(output.file_type)
            output.kind_label = kind.label if kind else output.file_type.upper()
            output.size_label = uploads.human_size(output.file_size or 0)
        groups[output.phase].outputs.append(output)
    return [group for group in groups.values() if group.outputs]


def output_to_download(slug: str, pk: int) -> Output:
    return get_object_or_404(Output.objects.exclude(file="").defer("created_by"), project__slug=slug, pk=pk)


# The team ---------------------------------------------------------------------------------


def team_projects(user) -> QuerySet[Project]:
    """Projects `user` works on: those led by, or with as a partner, an organisation they are
    an approved member of."""
    if user is None or not user.is_authenticated:
        return Project.objects.none()
    approved = Membership.objects.filter(user=user, status=MembershipStatus.APPROVED)
    lead = Exists(approved.filter(organisation=OuterRef("lead_organisation")))
    partner = Exists(approved.filter(organisation__project_partnerships=OuterRef("pk")))
    return Project.objects.filter(lead | partner)


def is_team_member(user, project: Project) -> bool:
    return team_projects(user).filter(pk=project.pk).exists()


def project_for_team(user, slug: str) -> Project:
    """A project `user` works on; any other is not found."""
    projects = team_projects(user).select_related("lead_organisation").prefetch_related(_phases_with_awards())
    return get_object_or_404(projects, slug=slug)


def your_projects_page(user, number) -> Page:
    projects = (
        team_projects(user)
        .select_related("lead_organisation")
        .prefetch_related(_phases_with_awards())
        .order_by("title", "pk")
    )
    page = Paginator(projects, PAGE_SIZE).get_page(number)
    for project in page.object_list:
        project.phase_now = current_phase_of(project)
    return page


def current_phase_of(project: Project) -> ProjectPhase | None:
    """The record of the project's current phase, from its prefetched phases."""
    return next((phase for phase in project.phases.all() if phase.phase == project.current_phase), None)


# Staff ------------------------------------------------------------------------------------


def project_for_staff(slug: str) -> Project:
    phases = Prefetch(
        "phases", queryset=ProjectPhase.objects.select_related("grant__bid__round", "decided_by").order_by("starts_on")
    )
    projects = Project.objects.select_related("lead_organisation").prefetch_related(
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name")), phases
    )
    return get_object_or_404(projects, slug=slug)


def _has_outputs() -> Exists:
    return Exists(Output.objects.filter(project=OuterRef("project"), phase=OuterRef("phase")))


def overdue_phases(today: datetime.date | None = None) -> tuple[list[ProjectPhase], int]:
    """Phases of active projects that have ended with no output recorded for them, the
    longest overdue first (at most DASHBOARD_ROWS), and how many there are in all."""
    today = today or timezone.localdate()
    phases = (
        ProjectPhase.objects.filter(project__status=ProjectStatus.ACTIVE, ends_on__lt=today)
        .exclude(_has_outputs())
        .select_related("project__lead_organisation")
        .order_by("ends_on", "pk")
    )
    return list(phases[:DASHBOARD_ROWS]), phases.count()


def phases_due_soon(today: datetime.date | None = None) -> tuple[list[ProjectPhase], int]:
    """Phases under way in active projects whose outputs are due within DUE_SOON, soonest
    first, with how many outputs each has so far."""
    today = today or timezone.localdate()
    outputs = (
        Output.objects.filter(project=OuterRef("project"), phase=OuterRef("phase"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    phases = (
        ProjectPhase.objects.filter(
            project__status=ProjectStatus.ACTIVE,
            status=PhaseStatus.IN_PROGRESS,
            ends_on__gte=today,
            ends_on__lte=today + DUE_SOON,
        )
        .annotate(output_count=Coalesce(Subquery(outputs[:1]), 0))
        .select_related("project__lead_organisation")
        .order_by("ends_on", "pk")
    )
    return list(phases[:DASHBOARD_ROWS]), phases.count()


def all_projects_page(number) -> Page:
    """Every project, by title, each with whether any of its phases is overdue."""
    overdue = ProjectPhase.objects.filter(
        project=OuterRef("pk"), project__status=ProjectStatus.ACTIVE, ends_on__lt=timezone.localdate()
    ).exclude(_has_outputs())
    projects = (
        Project.objects.select_related("lead_organisation").annotate(is_overdue=Exists(overdue)).order_by("title", "pk")
    )
    return Paginator(projects, PAGE_SIZE).get_page(number)


def latest_award_kick_off(project: Project) -> datetime.datetime | None:
    return project.phases.filter(grant__isnull=False).aggregate(latest=Max("grant__bid__round__kick_off_at"))["latest"]


def grants_to_continue(project: Project) -> QuerySet[FundedProject]:
    """Awards that could pay for the project's next phase: to the same lead organisation, for
    a later phase, from a round later than any that has funded it. Each is either not yet
    part of a project or the only phase of a project it started that has nothing in it yet
    (no other phase, no updates, no outputs): moving it here removes that empty project."""
    started_elsewhere = OuterRef("project_phase__project")
    empty_project_of_its_own = (
        ~Q(project_phase__project=project)
        & ~Exists(ProjectPhase.objects.filter(project=started_elsewhere).exclude(pk=OuterRef("project_phase")))
        & ~Exists(Update.objects.filter(project=started_elsewhere))
        & ~Exists(Output.objects.filter(project=started_elsewhere))
    )
    grants = FundedProject.objects.filter(
        lead_organisation_id=project.lead_organisation_id, phase__in=phases_after(project.current_phase)
    ).filter(Q(project_phase__isnull=True) | empty_project_of_its_own)
    latest = latest_award_kick_off(project)
    if latest is not None:
        grants = grants.filter(bid__round__kick_off_at__gt=latest)
    return grants.select_related("bid__round", "project_phase__project").order_by("-awarded_at", "pk")
