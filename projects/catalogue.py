"""Read functions for the public catalogue of funded projects, its feeds and its charts:
bounded and pre-joined, so a page costs the same number of queries however many projects
there are. Nothing here reads who wrote an update or made an output."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from events.models import Topic
from fund.models import FundedProject, Phase, Round
from fund.workflow import BidStatus
from organisations.models import Organisation
from projects.models import Project, ProjectPhase, Update

PAGE_SIZE = 25
FEED_SIZE = 50

Partnership = Project.partner_organisations.through


def funded_projects(
    *,
    phases: Iterable[str] = (),
    statuses: Iterable[str] = (),
    topic: str = "",
    organisation: str = "",
    region: str = "",
    round_slug: str = "",
) -> QuerySet[Project]:
    """Every project, in title order, narrowed by the filters given. An organisation (by slug)
    or a region matches projects it leads or is a partner in."""
    projects = Project.objects.order_by(Lower("title"), "pk")
    if phases:
        projects = projects.filter(current_phase__in=list(phases))
    if statuses:
        projects = projects.filter(status__in=list(statuses))
    if topic:
        projects = projects.filter(topics__slug=topic)
    if organisation:
        partnered = Partnership.objects.filter(organisation__slug=organisation).values("project_id")
        projects = projects.filter(Q(lead_organisation__slug=organisation) | Q(pk__in=partnered))
    if region:
        partnered = Partnership.objects.filter(organisation__region=region).values("project_id")
        projects = projects.filter(Q(lead_organisation__region=region) | Q(pk__in=partnered))
    if round_slug:
        funded = ProjectPhase.objects.filter(grant__bid__round__slug=round_slug).values("project_id")
        projects = projects.filter(pk__in=funded)
    return projects


def project_page(projects: QuerySet[Project], page_number) -> Page:
    """One page of `projects` with what each row shows: the lead organisation and the rounds
    whose awards paid for its phases (as `rounds`, oldest first)."""
    funded_phases = Prefetch(
        "phases",
        queryset=ProjectPhase.objects.filter(grant__isnull=False)
        .select_related("grant__bid__round")
        .order_by("starts_on", "pk"),
        to_attr="funded_phases",
    )
    rows = projects.select_related("lead_organisation").prefetch_related(funded_phases)
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    for project in page.object_list:
        rounds: dict[int, Round] = {}
        for phase in project.funded_phases:
            rounds.setdefault(phase.grant.bid.round_id, phase.grant.bid.round)
        project.rounds = list(rounds.values())
    return page


# The filters' choices: only what some project has, so no choice leads to an empty list.


def topics() -> list[Topic]:
    return list(Topic.objects.filter(Exists(Project.topics.through.objects.filter(topic=OuterRef("pk")))))


def organisations() -> list[Organisation]:
    """Organisations that lead or are partners in a project, by name."""
    leads = Project.objects.filter(lead_organisation=OuterRef("pk"))
    partners = Partnership.objects.filter(organisation=OuterRef("pk"))
    return list(
        Organisation.objects.filter(Exists(leads) | Exists(partners)).only("name", "slug").order_by(Lower("name"), "pk")
    )


def regions() -> list[str]:
    """The regions of the organisations that lead or are partners in a project."""
    leads = Project.objects.filter(lead_organisation=OuterRef("pk"))
    partners = Partnership.objects.filter(organisation=OuterRef("pk"))
    return list(
        Organisation.objects.filter(Exists(leads) | Exists(partners))
        .exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


def rounds() -> list[Round]:
    """The rounds whose awards paid for a project's phase, newest first."""
    funded = ProjectPhase.objects.filter(grant__bid__round=OuterRef("pk"))
    return list(Round.objects.filter(Exists(funded)).only("name", "slug").order_by("-eoi_opens_at"))


# Feeds


def project(slug: str) -> Project:
    """A project for its feed; 404 if there is none."""
    return get_object_or_404(Project, slug=slug)


def latest_updates(project: Project | None = None) -> QuerySet[Update]:
    """The newest updates, across every project or from one."""
    updates = Update.objects.select_related("project").order_by("-published_at", "-pk")
    if project is not None:
        updates = updates.filter(project=project)
    return updates[:FEED_SIZE]


# Charts


@dataclass(frozen=True)
class AwardTotal:
    label: str
    count: int
    amount: int


def awards_by_phase() -> list[AwardTotal]:
    """The number and value of approved awards for each phase, in the order phases come."""
    rows = _awards().values("phase").annotate(count=Count("pk"), amount=Sum("amount_awarded"))
    totals = {row["phase"]: row for row in rows}
    return [
        AwardTotal(label, totals[value]["count"], totals[value]["amount"])
        for value, label in Phase.choices
        if value in totals
    ]


def awards_by_round() -> list[AwardTotal]:
    """The number and value of approved awards in each round, oldest round first."""
    rows = (
        _awards()
        .values("bid__round__name", "bid__round__eoi_opens_at")
        .annotate(count=Count("pk"), amount=Sum("amount_awarded"))
        .order_by("bid__round__eoi_opens_at", "bid__round__name")
    )
    return [AwardTotal(row["bid__round__name"], row["count"], row["amount"]) for row in rows]


def awards_by_region() -> list[AwardTotal]:
    """The number and value of approved awards by the lead organisation's region, by name,
    with those whose lead has no region recorded last."""
    rows = _awards().values("lead_organisation__region").annotate(count=Count("pk"), amount=Sum("amount_awarded"))
    rows = sorted(rows, key=lambda row: (row["lead_organisation__region"] == "", row["lead_organisation__region"]))
    return [
        AwardTotal(row["lead_organisation__region"] or "No region recorded", row["count"], row["amount"])
        for row in rows
    ]


def _awards() -> QuerySet[FundedProject]:
    return FundedProject.objects.filter(bid__status=BidStatus.AWARDED)
