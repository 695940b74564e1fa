"""The Tender: councils' published needs with their published questions and answers, and the
directory of suppliers. Never an author, an asker, a supplier behind a question, or anyone's
address: a supplier's public contact address stays on its web page."""

from datetime import date, datetime

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import (
    BlankIsNull,
    Day,
    LondonDateTime,
    OrganisationRef,
    SearchText,
    Slug,
    TopicRef,
    api_url,
    responses,
    web_url,
)
from events.models import Region
from tender import needs, suppliers
from tender.models import CaseStudy, Need, NeedJoin, OpenStandard, ProcurementTiming, Question, Supplier, SupplierSize
from tender.workflow import CaseStudyStatus, NeedStatus, QuestionStatus

router = Router(tags=["The Tender"])


class OpenStandardRef(Schema):
    name: str
    url: str = Field(description="Where the standard is published")


class AnswerOut(Schema):
    """A supplier's question in the council's anonymised wording, and its answer."""

    question: str
    answer: str
    answered_at: LondonDateTime

    @staticmethod
    def resolve_question(question: Question) -> str:
        return question.published_question


class NeedOut(Schema):
    id: str = Field(description="Stable id on this service, used in /tender/needs/{id}")
    title: str
    organisation: OrganisationRef = Field(description="The organisation with the need")
    problem: str = Field(description="The problem and its users, in Markdown as written")
    services_affected: str
    procurement_timing: ProcurementTiming
    procurement_timing_label: str = Field(description="When any procurement may happen, in words")
    budget_from: int | None = Field(description="In pounds; null if not given")
    budget_to: int | None = Field(description="In pounds; null if not given")
    open_standards: list[OpenStandardRef] = Field(description="Standards a solution must meet")
    topics: list[TopicRef]
    questions_close_on: date = Field(description="The last day suppliers may ask questions")
    taking_questions: bool
    status: str = Field(description="open, or closed once the organisation has closed it")
    joined_by: list[OrganisationRef] = Field(description="Other organisations with the same problem")
    show_and_tell: str | None = Field(description="The show-and-tell event in the API; null if there is none")
    procurement_reference: BlankIsNull = Field(description="The Find a Tender or Contracts Finder notice")
    procurement_notice_url: BlankIsNull
    outcome: BlankIsNull = Field(description="What happened, written when it closed")
    answers: list[AnswerOut] = Field(description="Questions and answers, published to every supplier at once")
    published_at: LondonDateTime
    closed_at: LondonDateTime | None
    url: str = Field(description="Its page on the website")

    @staticmethod
    def resolve_id(need: Need) -> str:
        return need.slug

    @staticmethod
    def resolve_procurement_timing_label(need: Need) -> str:
        return need.get_procurement_timing_display()

    @staticmethod
    def resolve_taking_questions(need: Need) -> bool:
        return needs.taking_questions(need)

    @staticmethod
    def resolve_status(need: Need) -> str:
        return "closed" if need.status == NeedStatus.CLOSED else "open"

    @staticmethod
    def resolve_joined_by(need: Need) -> list:
        return [join.organisation for join in need.joins.all()]

    @staticmethod
    def resolve_answers(need: Need) -> list:
        return list(need.questions.all())

    @staticmethod
    def resolve_show_and_tell(need: Need) -> str | None:
        return api_url("event", need.show_and_tell_id) if need.show_and_tell_id else None

    @staticmethod
    def resolve_url(need: Need) -> str:
        return web_url(need)


class NeedFilters(Schema):
    topic: Slug | None = Field(None, description="A topic's slug")
    organisation: Slug | None = Field(None, description="The id of the organisation with the need")
    region: SearchText = Field("", description="The region of the organisation with the need")
    closes_after: Day | None = Field(None, description="Questions close on or after this day")
    closes_before: Day | None = Field(None, description="Questions close on or before this day")


def _with_what_records_show(listed: QuerySet[Need]) -> QuerySet[Need]:
    answered = Question.objects.filter(status=QuestionStatus.ANSWERED).only(
        "need_id", "published_question", "answer", "answered_at"
    )
    return listed.prefetch_related(
        Prefetch("open_standards", queryset=OpenStandard.objects.order_by("name")),
        Prefetch("joins", queryset=NeedJoin.objects.select_related("organisation")),
        Prefetch("questions", queryset=answered.order_by("answered_at", "pk")),
    ).defer("author", "review_note")


def _needs(filters: NeedFilters | None = None) -> QuerySet[Need]:
    chosen = (
        needs.Filters(
            topic=filters.topic or "",
            organisation=filters.organisation or "",
            region=filters.region,
            closes_after=filters.closes_after,
            closes_before=filters.closes_before,
        )
        if filters
        else needs.Filters()
    )
    return _with_what_records_show(needs.listed(chosen))


@router.get("/needs", response=responses(list[NeedOut]), url_name="needs", summary="List needs")
@paginate(NumberedPages)
def list_needs(request, filters: Query[NeedFilters]):
    """Published needs, those still taking questions first, with the filters of the Tender's
    page. Each carries its published questions and answers."""
    return _needs(filters)


@router.get("/needs/{id}", response=responses(NeedOut), url_name="need", summary="One need")
def get_need(request, id: Slug):
    """A published or closed need by its id."""
    need = _needs().filter(slug=id).first()
    if need is None:
        raise Http404(f"No need has the id {id}")
    return need


class CaseStudyOut(Schema):
    """Work with a council that the council has confirmed."""

    title: str
    summary: str
    link: BlankIsNull
    organisation: OrganisationRef = Field(description="The council that confirmed it")


class SupplierOut(Schema):
    id: str = Field(description="Stable id on this service, used in /tender/suppliers/{id}")
    name: str
    org_id: str = Field(description="org-id.guide identifier: GB-COH- with a company number, GB-CHC- a charity's")
    company_number: BlankIsNull = Field(description="Companies House number")
    charity_number: BlankIsNull = Field(description="Charity Commission number")
    website: str
    size: SupplierSize
    size_label: str
    summary: str
    offers: list[TopicRef]
    open_standards: list[OpenStandardRef]
    regions_served: list[Region]
    case_studies: list[CaseStudyOut] = Field(description="Confirmed case studies only")
    url: str = Field(description="Its page on the website, with its contact address")

    @staticmethod
    def resolve_id(supplier: Supplier) -> str:
        return supplier.slug

    @staticmethod
    def resolve_size_label(supplier: Supplier) -> str:
        return supplier.get_size_display()

    @staticmethod
    def resolve_regions_served(supplier: Supplier) -> list[str]:
        return [served.region for served in supplier.regions.all()]

    @staticmethod
    def resolve_case_studies(supplier: Supplier) -> list:
        return list(supplier.confirmed_case_studies)

    @staticmethod
    def resolve_url(supplier: Supplier) -> str:
        return web_url(supplier)


class SupplierFilters(Schema):
    q: SearchText = Field("", description="Part of the supplier's name")
    offer: Slug | None = Field(None, description="A topic's slug: suppliers offering it")
    size: SupplierSize | None = None
    region: Region | None = Field(None, description="Suppliers working in this region")


def _suppliers(filters: SupplierFilters | None = None) -> QuerySet[Supplier]:
    chosen = (
        suppliers.DirectoryFilters(
            q=filters.q, offer=filters.offer or "", size=filters.size or "", region=filters.region or ""
        )
        if filters
        else suppliers.DirectoryFilters()
    )
    confirmed = CaseStudy.objects.filter(status=CaseStudyStatus.CONFIRMED).select_related("organisation")
    return suppliers.directory(chosen).prefetch_related(
        Prefetch("open_standards", queryset=OpenStandard.objects.order_by("name")),
        Prefetch("case_studies", queryset=confirmed.defer("decided_by"), to_attr="confirmed_case_studies"),
    )


@router.get("/suppliers", response=responses(list[SupplierOut]), url_name="suppliers", summary="List suppliers")
@paginate(NumberedPages)
def list_suppliers(request, filters: Query[SupplierFilters]):
    """Listed suppliers in name order, with the filters of the supplier directory."""
    return _suppliers(filters)


@router.get("/suppliers/{id}", response=responses(SupplierOut), url_name="supplier", summary="One supplier")
def get_supplier(request, id: Slug):
    """A listed supplier by its id."""
    supplier = _suppliers().filter(slug=id).first()
    if supplier is None:
        raise Http404(f"No supplier has the id {id}")
    return supplier


def _needs_last_updated() -> datetime | None:
    return Need.objects.filter(status__in=[NeedStatus.PUBLISHED, NeedStatus.CLOSED]).aggregate(
        latest=Max("updated_at")
    )["latest"]


DATASETS = [
    Dataset(
        slug="tender-needs",
        title="Needs on the Tender",
        description="Problems public-sector organisations have described to suppliers in the open, "
        "with the organisations that share them and the published questions and answers.",
        rows=_needs,
        schema=NeedOut,
        columns={
            "id": lambda need: need.slug,
            "title": lambda need: need.title,
            "organisation": lambda need: need.organisation.name,
            "organisation_id": lambda need: need.organisation.slug,
            "problem": lambda need: need.problem,
            "services_affected": lambda need: need.services_affected,
            "procurement_timing": lambda need: need.get_procurement_timing_display(),
            "budget_from": lambda need: need.budget_from,
            "budget_to": lambda need: need.budget_to,
            "open_standards": lambda need: "; ".join(standard.name for standard in need.open_standards.all()),
            "topics": lambda need: "; ".join(topic.name for topic in need.topics.all()),
            "questions_close_on": lambda need: need.questions_close_on,
            "status": lambda need: "closed" if need.status == NeedStatus.CLOSED else "open",
            "joined_by": lambda need: "; ".join(join.organisation.name for join in need.joins.all()),
            "answered_questions": lambda need: len(need.questions.all()),
            "procurement_reference": lambda need: need.procurement_reference,
            "outcome": lambda need: need.outcome,
            "published_at": lambda need: need.published_at,
        },
        last_updated=_needs_last_updated,
    ),
    Dataset(
        slug="tender-suppliers",
        title="Suppliers on the Tender",
        description="Companies, charities and social enterprises that offer services to the public sector.",
        rows=_suppliers,
        schema=SupplierOut,
        columns={
            "id": lambda supplier: supplier.slug,
            "name": lambda supplier: supplier.name,
            "org_id": lambda supplier: supplier.org_id,
            "website": lambda supplier: supplier.website,
            "size": lambda supplier: supplier.get_size_display(),
            "summary": lambda supplier: supplier.summary,
            "offers": lambda supplier: "; ".join(topic.name for topic in supplier.offers.all()),
            "open_standards": lambda supplier: "; ".join(s.name for s in supplier.open_standards.all()),
            "regions_served": lambda supplier: "; ".join(suppliers.region_names(supplier)),
            "confirmed_case_studies": lambda supplier: len(supplier.confirmed_case_studies),
        },
        last_updated=lambda: Supplier.objects.aggregate(latest=Max("updated_at"))["latest"],
    ),
]
