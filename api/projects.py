"""Funded projects in the API and as downloads: each project with its phases and its team's
updates, and the outputs others can reuse. Never who wrote an update or added an output, and
never a project's contact address."""

from datetime import date, datetime

from django.conf import settings
from django.db.models import Max, Prefetch
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.fund import RoundRef
from api.pagination import NumberedPages
from api.schemas import (
    BlankIsNull,
    Id,
    LondonDateTime,
    OrganisationRef,
    ProjectRef,
    SearchText,
    Slug,
    TopicRef,
    api_url,
    responses,
    web_url,
)
from events.models import Topic
from organisations.models import Organisation
from projects import catalogue, search
from projects.models import Licence, Output, OutputType, PhaseName, Project, ProjectPhase, Update, UpdateKind
from projects.uploads import KINDS
from projects.workflow import PhaseStatus, ProjectStatus

router = Router(tags=["Funded projects"])


# Projects -----------------------------------------------------------------------------------


class GrantRef(Schema):
    """The Local Digital Fund award that paid for a phase."""

    id: str = Field(description="Stable id of the grant, used in /fund/grants/{id}")
    amount_awarded: int = Field(description="In pounds")
    round: RoundRef = Field(description="The round that awarded it")
    url: str = Field(description="This grant in the API")

    @staticmethod
    def resolve_id(grant) -> str:
        return grant.slug

    @staticmethod
    def resolve_round(grant):
        return grant.bid.round

    @staticmethod
    def resolve_url(grant) -> str:
        return api_url("grant", grant.slug)


class PhaseOut(Schema):
    phase: PhaseName
    status: PhaseStatus = Field(description="The phase's own status; a stopped project's phase stays in_progress")
    starts_on: date
    ends_on: date = Field(description="Outputs are due by this day")
    grant: GrantRef | None = Field(
        description="The award that paid for it; null where the programme agreed the project could continue without one"
    )


class UpdateOut(Schema):
    kind: UpdateKind
    title: str
    body: str = Field(description="Markdown, as the team wrote it")
    blog_url: BlankIsNull = Field(description="The same update on the team's own blog")
    published_at: LondonDateTime


class ProjectOut(Schema):
    id: str = Field(description="Stable id on this service")
    title: str
    summary: str
    problem: str = Field(
        description="The problem and its users, as the team wrote it: plain text, paragraphs separated by blank lines"
    )
    lead_organisation: OrganisationRef
    partner_organisations: list[OrganisationRef] = Field(description="By name")
    topics: list[TopicRef] = Field(description="By name")
    current_phase: PhaseName
    status: ProjectStatus
    status_reason: str | None = Field(
        description="Why a completed or stopped project ended, where the programme said; null while it is active"
    )
    phases: list[PhaseOut] = Field(description="In the order they started")
    updates: list[UpdateOut] = Field(description="Weeknotes and show and tells, newest first")
    outputs: str = Field(description="Its outputs in the API")
    url: str = Field(description="Its page on the website")

    @staticmethod
    def resolve_id(project) -> str:
        return project.slug

    @staticmethod
    def resolve_partner_organisations(project) -> list:
        return list(project.partner_organisations.all())

    @staticmethod
    def resolve_topics(project) -> list:
        return list(project.topics.all())

    @staticmethod
    def resolve_status_reason(project) -> str | None:
        return None if project.status == ProjectStatus.ACTIVE else project.status_reason or None

    @staticmethod
    def resolve_phases(project) -> list:
        return list(project.phases.all())

    @staticmethod
    def resolve_updates(project) -> list:
        return list(project.updates.all())

    @staticmethod
    def resolve_outputs(project) -> str:
        return f"{api_url('outputs')}?project={project.slug}"

    @staticmethod
    def resolve_url(project) -> str:
        return web_url(project)


class ProjectFilters(Schema):
    phase: list[PhaseName] = Field([], description="Current phases; repeat for several")
    status: list[ProjectStatus] = Field([], description="Statuses; repeat for several")
    topic: Slug | None = Field(None, description="A topic's slug")
    organisation: Slug | None = Field(None, description="An organisation's id: projects it leads or is a partner in")
    region: SearchText = Field("", description="Region of the lead organisation or a partner, e.g. London")
    round: Slug | None = Field(None, description="A funding round's id: projects it paid a phase of")


def _with_what_records_show(projects):
    phases = ProjectPhase.objects.select_related("grant__bid__round").defer(
        "decided_by", "decision_note", "reminder_sent_at"
    )
    return projects.select_related("lead_organisation").prefetch_related(
        Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name", "pk")),
        Prefetch("topics", queryset=Topic.objects.order_by("name", "pk")),
        Prefetch("phases", queryset=phases.order_by("starts_on", "pk")),
        Prefetch("updates", queryset=Update.objects.defer("author").order_by("-published_at", "-pk")),
    )


@router.get("", response=responses(list[ProjectOut]), url_name="projects", summary="List funded projects")
@paginate(NumberedPages)
def list_projects(request, filters: Query[ProjectFilters]):
    """Projects the Local Digital Fund has paid for, in title order, with the filters of the
    funded projects page."""
    return _with_what_records_show(
        catalogue.funded_projects(
            phases=filters.phase,
            statuses=filters.status,
            topic=filters.topic or "",
            organisation=filters.organisation or "",
            region=filters.region,
            round_slug=filters.round or "",
        )
    )


# Outputs (before /{id}, so that no project's id can hide them) -------------------------------


class FileOut(Schema):
    url: str = Field(description="Where to download it")
    type: str = Field(description="What its content showed it to be: pdf, odt, docx, csv or png")
    media_type: str
    size: int = Field(description="Bytes")


class OutputOut(Schema):
    id: int = Field(description="Stable id on this service")
    project: ProjectRef
    phase: PhaseName = Field(description="The phase it came from")
    type: OutputType
    type_label: str = Field(description="The type in words")
    title: str
    description: str = Field(description="Plain text, as the team wrote it")
    link: BlankIsNull = Field(description="Where it is published; null when it is a file here")
    repository_url: BlankIsNull = Field(description="Its code repository, for code")
    licence: Licence | None = Field(
        description="SPDX identifier; null when none is stated: ask the team before you reuse it"
    )
    licence_label: str | None = Field(description="The licence in words")
    file: FileOut | None = Field(description="The uploaded file; null when it is a link")
    created_at: LondonDateTime
    url: str = Field(description="Its project's page on the website, where it is listed")

    @staticmethod
    def resolve_type(output) -> str:
        return output.output_type

    @staticmethod
    def resolve_type_label(output) -> str:
        return output.get_output_type_display()

    @staticmethod
    def resolve_licence(output) -> str | None:
        return output.licence or None

    @staticmethod
    def resolve_licence_label(output) -> str | None:
        return output.get_licence_display() if output.licence else None

    @staticmethod
    def resolve_file(output) -> dict | None:
        return _file_of(output)

    @staticmethod
    def resolve_url(output) -> str:
        return web_url(output.project) + "#outputs"


def _file_of(output: Output) -> dict | None:
    kind = KINDS.get(output.file_type)
    # The download refuses a file of no known kind, so it is not offered.
    if not output.file or kind is None:
        return None
    download = reverse("projects:download_output", args=[output.project.slug, output.pk])
    return {
        "url": settings.SITE_URL + download,
        "type": kind.code,
        "media_type": kind.content_type,
        "size": output.file_size or 0,
    }


class OutputFilters(Schema):
    q: SearchText = Field(
        "",
        description='Words in the title or description, as the reuse search reads them: a "quoted phrase" '
        "keeps its words together, or between two words accepts either, -word leaves out what has it",
    )
    type: list[OutputType] = Field([], description="Types of output; repeat for several")
    phase: list[PhaseName] = Field([], description="Phases they came from; repeat for several")
    licence: list[Licence] = Field([], description="SPDX identifiers of licences; repeat for several")
    topic: Slug | None = Field(None, description="A topic's slug: outputs of projects on it")
    organisation: Slug | None = Field(
        None, description="An organisation's id: outputs of projects it leads or is a partner in"
    )
    project: Slug | None = Field(None, description="A project's id: its outputs")


def _outputs_with_their_projects(outputs):
    return outputs.select_related("project").defer("created_by", "project__contact_email", "project__problem")


@router.get("/outputs", response=responses(list[OutputOut]), url_name="outputs", summary="List outputs")
@paginate(NumberedPages)
def list_outputs(request, filters: Query[OutputFilters]):
    """What funded projects made for others to reuse, newest first, with the filters of the
    reuse page."""
    outputs = Output.objects.order_by("-created_at", "-pk")
    if filters.type:
        outputs = outputs.filter(output_type__in=filters.type)
    if filters.phase:
        outputs = outputs.filter(phase__in=filters.phase)
    if filters.licence:
        outputs = outputs.filter(licence__in=filters.licence)
    if filters.project:
        outputs = outputs.filter(project__slug=filters.project)
    if filters.topic or filters.organisation:
        projects = catalogue.funded_projects(topic=filters.topic or "", organisation=filters.organisation or "")
        outputs = outputs.filter(project__in=projects.values("pk"))
    if filters.q:
        outputs = search.outputs_matching(outputs, filters.q)
    return _outputs_with_their_projects(outputs)


@router.get("/outputs/{id}", response=responses(OutputOut), url_name="output", summary="One output")
def get_output(request, id: Id):
    """An output by its id."""
    output = _outputs_with_their_projects(Output.objects.filter(pk=id)).first()
    if output is None:
        raise Http404(f"No output has the id {id}")
    return output


@router.get("/{id}", response=responses(ProjectOut), url_name="project", summary="One funded project")
def get_project(request, id: Slug):
    """A funded project by its id."""
    project = _with_what_records_show(Project.objects.filter(slug=id)).first()
    if project is None:
        raise Http404(f"No project has the id {id}")
    return project


# Downloads ----------------------------------------------------------------------------------


def _latest(*moments: datetime | None) -> datetime | None:
    return max((moment for moment in moments if moment is not None), default=None)


def _projects_last_updated() -> datetime | None:
    return _latest(
        Project.objects.aggregate(latest=Max("updated_at"))["latest"],
        Update.objects.aggregate(latest=Max("published_at"))["latest"],
    )


def _outputs_last_updated() -> datetime | None:
    return _latest(
        Output.objects.aggregate(latest=Max("created_at"))["latest"],
        Project.objects.aggregate(latest=Max("updated_at"))["latest"],
    )


def _slugs(rows) -> str:
    return "; ".join(row.slug for row in rows)


def _phases_in_words(project) -> str:
    return "; ".join(
        f"{phase.get_phase_display()} ({phase.get_status_display()}, {phase.starts_on.isoformat()} to "
        f"{phase.ends_on.isoformat()})"
        for phase in project.phases.all()
    )


def _grants(project) -> str:
    return "; ".join(phase.grant.slug for phase in project.phases.all() if phase.grant is not None)


def _file_column(name: str):
    def value(output):
        file = _file_of(output)
        return file[name] if file else None

    return value


DATASETS = [
    Dataset(
        slug="projects",
        title="Funded projects",
        description="Every project the Local Digital Fund has paid for: its organisations, topics, phases, "
        "the awards that paid for them and its status. The JSON file has each project's updates too.",
        rows=lambda: _with_what_records_show(catalogue.funded_projects()),
        schema=ProjectOut,
        columns={
            "id": lambda project: project.slug,
            "title": lambda project: project.title,
            "summary": lambda project: project.summary,
            "problem": lambda project: project.problem,
            "lead_organisation": lambda project: project.lead_organisation.slug,
            "lead_organisation_name": lambda project: project.lead_organisation.name,
            "partner_organisations": lambda project: _slugs(project.partner_organisations.all()),
            "topics": lambda project: _slugs(project.topics.all()),
            "current_phase": lambda project: project.get_current_phase_display(),
            "status": lambda project: project.get_status_display(),
            "status_reason": ProjectOut.resolve_status_reason,
            "phases": _phases_in_words,
            "grants": _grants,
            "updates": lambda project: len(project.updates.all()),
            "url": web_url,
        },
        last_updated=_projects_last_updated,
    ),
    Dataset(
        slug="outputs",
        title="Outputs of funded projects",
        description="What funded projects made for others to reuse: reports, research, prototypes, patterns, "
        "code and data standards, with their licences and where to find them.",
        rows=lambda: _outputs_with_their_projects(Output.objects.order_by("-created_at", "-pk")),
        schema=OutputOut,
        columns={
            "id": lambda output: output.pk,
            "project": lambda output: output.project.slug,
            "project_title": lambda output: output.project.title,
            "phase": lambda output: output.get_phase_display(),
            "type": lambda output: output.get_output_type_display(),
            "title": lambda output: output.title,
            "description": lambda output: output.description,
            "link": lambda output: output.link,
            "repository_url": lambda output: output.repository_url,
            "licence": lambda output: output.licence,
            "file_url": _file_column("url"),
            "file_type": _file_column("type"),
            "file_size": _file_column("size"),
            "created_at": lambda output: output.created_at,
            "url": OutputOut.resolve_url,
        },
        last_updated=_outputs_last_updated,
    ),
]
