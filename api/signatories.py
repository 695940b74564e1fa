"""Signatories of the Local Digital Declaration, with their declaration projects and the
updates they have posted on them: what the directory and organisation pages show, never the
people behind a signature."""

import enum
from datetime import date, datetime
from typing import Literal

from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import BlankIsNull, LondonDateTime, OrganisationRef, SearchText, Slug, api_url, responses, web_url
from declaration import queries
from declaration.models import DeclarationProject, Principle, ProjectStatus, ProjectUpdate, Signature
from declaration.views.directory import FIRST_YEAR
from declaration.workflow import SignatureStatus
from organisations.models import Nation, Organisation, OrganisationType

router = Router(tags=["Signatories"])

# Its own name in the OpenAPI document, apart from the funded projects' ProjectStatus.
DeclarationProjectStatus = enum.StrEnum(
    "DeclarationProjectStatus", [(status.name, status.value) for status in ProjectStatus]
)


class PrincipleOut(Schema):
    number: Principle = Field(description="The principle's number in the declaration, 1 to 5")
    name: str

    @staticmethod
    def resolve_number(row) -> int:
        return row.principle

    @staticmethod
    def resolve_name(row) -> str:
        return Principle(row.principle).label


class DeclarationProjectUpdateOut(Schema):
    status: DeclarationProjectStatus = Field(description="The project's status as of this update")
    status_label: str = Field(description="The status in words")
    what_happened: str = Field(description="Plain text, as the organisation wrote it")
    lessons_learnt: BlankIsNull = Field(description="Plain text, as the organisation wrote it")
    posted_on: date = Field(description="The day it was posted, in the UK")

    @staticmethod
    def resolve_status_label(update) -> str:
        return update.get_status_display()

    @staticmethod
    def resolve_posted_on(update) -> date:
        return timezone.localdate(update.created_at)


def _declaration_url(organisation: Organisation) -> str:
    # The organisation's page has the signature, its projects and their updates under this heading.
    return web_url(organisation) + "#declaration"


def _with_progress(project: DeclarationProject) -> DeclarationProject:
    # A signatory's projects get their progress all at once; a project read on its own, here.
    if not hasattr(project, "overdue"):
        queries.with_progress([project])
    return project


class DeclarationProjectOut(Schema):
    id: int = Field(description="Stable id of the project on this service")
    title: str
    description: str = Field(description="Plain text, as the organisation wrote it")
    principles: list[PrincipleOut] = Field(description="The declaration's principles the project follows")
    expected_completion: date
    link: BlankIsNull = Field(description="A page about the project; null where none was given")
    status: DeclarationProjectStatus = Field(description="Its newest update's status, or not_started with none")
    status_label: str = Field(description="The status in words")
    overdue: bool = Field(description="A year has passed since signing and the project is neither done nor stopped")
    updates: list[DeclarationProjectUpdateOut] = Field(description="What the organisation has reported, newest first")

    @staticmethod
    def resolve_principles(project) -> list:
        return list(project.principles.all())

    @staticmethod
    def resolve_status(project) -> str:
        return _with_progress(project).current_status.value

    @staticmethod
    def resolve_status_label(project) -> str:
        return _with_progress(project).current_status.label

    @staticmethod
    def resolve_overdue(project) -> bool:
        return _with_progress(project).overdue

    @staticmethod
    def resolve_updates(project) -> list:
        return list(project.updates.all())


class SignatoryOut(Schema):
    id: str = Field(description="Stable id on this service: the organisation's id")
    organisation: OrganisationRef
    signed_at: LondonDateTime = Field(description="When the senior approver signed")
    founding: bool = Field(description="Signed when the declaration was published in July 2018, as a co-publisher")
    co_publisher: bool = Field(description="The organisation is in the declaration's list of co-publishers")
    approver_job_title: BlankIsNull = Field(description="The job title of the senior approver who signed")
    projects: list[DeclarationProjectOut] = Field(description="Its declaration projects")
    url: str = Field(description="The signature on the organisation's page on the website")

    @staticmethod
    def resolve_id(signature) -> str:
        return signature.organisation.slug

    @staticmethod
    def resolve_founding(signature) -> bool:
        return signature.is_founding

    @staticmethod
    def resolve_co_publisher(signature) -> bool:
        return signature.organisation.co_publisher_number is not None

    @staticmethod
    def resolve_projects(signature) -> list:
        projects = list(signature.projects.all())
        queries.with_progress(projects)
        return projects

    @staticmethod
    def resolve_url(signature) -> str:
        return _declaration_url(signature.organisation)


class DeclarationProjectRecord(DeclarationProjectOut):
    """A declaration project on its own, in the declaration projects dataset."""

    signatory_id: str = Field(description="The signatory's id, used in /signatories/{id}")
    signatory_url: str = Field(description="The signatory in the API")
    organisation: OrganisationRef
    url: str = Field(description="The project on its organisation's page on the website")

    @staticmethod
    def resolve_signatory_id(project) -> str:
        return project.signature.organisation.slug

    @staticmethod
    def resolve_signatory_url(project) -> str:
        return api_url("signatory", project.signature.organisation.slug)

    @staticmethod
    def resolve_organisation(project) -> Organisation:
        return project.signature.organisation

    @staticmethod
    def resolve_url(project) -> str:
        return _declaration_url(project.signature.organisation)


class SignatoryFilters(Schema):
    q: SearchText = Field("", description="Part of the organisation's name or another name it goes by")
    type: list[OrganisationType] = Field([], description="Types of organisation; repeat for several")
    nation: list[Nation] = Field([], description="Nations; repeat for several")
    region: SearchText = Field("", description="English region, or the nation outside England")
    principle: Principle | None = Field(None, description="Only signatories with a project following this principle")
    # The upper bound keeps the year within the dates every database can compare.
    year: int | None = Field(None, ge=FIRST_YEAR, le=9999, description="Only those that signed in this year")
    sort: Literal["newest", "oldest", "name"] = Field(
        "newest", description="Date signed, newest or oldest first, or organisation name"
    )


@router.get("", response=responses(list[SignatoryOut]), url_name="signatories", summary="List signatories")
@paginate(NumberedPages)
def list_signatories(request, filters: Query[SignatoryFilters]):
    """Organisations that have signed the declaration and not withdrawn, with the filters of the
    signatories page, newest signature first unless `sort` says otherwise."""
    return queries.signatories(
        q=filters.q,
        types=filters.type,
        nations=filters.nation,
        region=filters.region,
        principle=filters.principle,
        year=filters.year,
        sort=filters.sort,
        progress=True,
    )


@router.get("/{id}", response=responses(SignatoryOut), url_name="signatory", summary="One signatory")
def get_signatory(request, id: Slug):
    """A signatory by its organisation's id on this service or its org-id. An organisation that
    has not signed, or whose signature has been withdrawn, is not found."""
    signatures = queries.signatories(progress=True)
    signature = signatures.filter(organisation__slug=id).first() or signatures.filter(organisation__org_id=id).first()
    if signature is None:
        raise Http404(f"No signatory has the id {id}")
    return signature


def _last_updated() -> datetime | None:
    """The latest change to either dataset: a signature made or withdrawn (which takes a signatory
    out), an organisation renamed, an update posted."""
    signatures = Signature.objects.filter(status__in=[SignatureStatus.SIGNED, SignatureStatus.WITHDRAWN])
    latest = signatures.aggregate(signature=Max("updated_at"), organisation=Max("organisation__updated_at"))
    updates = ProjectUpdate.objects.filter(project__signature__status=SignatureStatus.SIGNED)
    posted = updates.aggregate(latest=Max("created_at"))["latest"]
    return max((moment for moment in [*latest.values(), posted] if moment is not None), default=None)


DATASETS = [
    Dataset(
        slug="signatories",
        title="Signatories of the Local Digital Declaration",
        description="Organisations that have signed the declaration and not withdrawn, in name order, "
        "with their declaration projects and the updates they have posted on them.",
        rows=lambda: queries.signatories(sort="name", progress=True),
        schema=SignatoryOut,
        columns={
            "id": lambda signature: signature.organisation.slug,
            "organisation": lambda signature: signature.organisation.name,
            "org_id": lambda signature: signature.organisation.org_id,
            "type": lambda signature: signature.organisation.get_organisation_type_display(),
            "nation": lambda signature: signature.organisation.get_nation_display(),
            "region": lambda signature: signature.organisation.region,
            "signed_at": lambda signature: signature.signed_at,
            "founding": lambda signature: signature.is_founding,
            "co_publisher": lambda signature: signature.organisation.co_publisher_number is not None,
            "approver_job_title": lambda signature: signature.approver_job_title,
            "declaration_projects": lambda signature: "; ".join(project.title for project in signature.projects.all()),
            "url": lambda signature: _declaration_url(signature.organisation),
        },
        last_updated=_last_updated,
    ),
    Dataset(
        slug="declaration-projects",
        title="Declaration projects",
        description="What each signatory of the declaration committed to do within a year of signing, "
        "newest signature first, with where each project stands and the updates posted on it.",
        rows=queries.public_projects,
        schema=DeclarationProjectRecord,
        columns={
            "id": lambda project: project.pk,
            "signatory_id": lambda project: project.signature.organisation.slug,
            "organisation": lambda project: project.signature.organisation.name,
            "org_id": lambda project: project.signature.organisation.org_id,
            "title": lambda project: project.title,
            "description": lambda project: project.description,
            "principles": lambda project: "; ".join(str(row.principle) for row in project.principles.all()),
            "status": lambda project: _with_progress(project).current_status.label,
            "overdue": lambda project: _with_progress(project).overdue,
            "expected_completion": lambda project: project.expected_completion,
            "link": lambda project: project.link,
            "updates": lambda project: len(project.updates.all()),
        },
        last_updated=_last_updated,
    ),
]
