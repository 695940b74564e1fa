"""Local Digital Fund in the API and as downloads: published rounds with their rules, and the
grants approved awards made. Nothing about people: no applicants, assessors, scores, feedback
or decisions still waiting for approval."""

import html
import re
from datetime import date, datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from api.datasets import Dataset
from api.pagination import NumberedPages
from api.schemas import LondonDateTime, OrganisationRef, ProjectRef, Slug, api_url, responses, web_url
from fund import grants, queries
from fund.models import Criterion, FundedProject, Phase, Question, Round, RoundStage
from fund.workflow import AssessmentStage, BidStatus, RoundStatus
from organisations.models import Organisation

router = Router(tags=["Local Digital Fund"])

CURRENCY = "GBP"


# Rounds ------------------------------------------------------------------------------------------


class TimelineOut(Schema):
    """When each stage of the round starts and ends. A window includes its opening moment and
    ends just before its closing one."""

    expressions_of_interest_open: LondonDateTime
    expressions_of_interest_close: LondonDateTime
    evaluation_ends: LondonDateTime = Field(description="Expressions of interest are evaluated until then")
    applications_open: LondonDateTime = Field(description="Invited bids can send a full application from then")
    applications_close: LondonDateTime
    decisions_by: LondonDateTime = Field(description="Applicants are told the funding decisions by then")
    kick_off: LondonDateTime = Field(description="Funded projects start")


class PhaseMaximumOut(Schema):
    phase: Phase
    phase_label: str = Field(description="The phase in words")
    maximum_award: int = Field(description="The most one bid can be awarded for this phase, in pounds")

    @staticmethod
    def resolve_phase_label(round_phase) -> str:
        return round_phase.get_phase_display()

    @staticmethod
    def resolve_maximum_award(round_phase) -> int:
        return round_phase.max_award


class CriterionOut(Schema):
    title: str
    guidance: str = Field(description="What assessors look for, in plain text")
    weight: int = Field(description="Its share of the stage's total score, e.g. 30 for 30%")


class AssessmentStageOut(Schema):
    stage: AssessmentStage
    stage_label: str = Field(description="The stage in words")
    criteria: list[CriterionOut] = Field(description="Assessors score each bid from 0 to 4 against each one")


class QuestionOut(Schema):
    question: str = Field(description="The question as published, reworded so that it names nobody")
    answer: str = Field(description="Plain text")
    published_at: LondonDateTime


class RoundOut(Schema):
    id: str = Field(description="Stable id on this service")
    name: str
    summary: str
    guidance: str = Field(description="Guidance for applicants, in Markdown; empty if there is none")
    budget: int = Field(description="The round's total budget, in pounds")
    stage: RoundStage = Field(description="Where the round is now, from its timeline")
    stage_label: str = Field(description="Where the round is now, in words")
    timeline: TimelineOut
    phases: list[PhaseMaximumOut] = Field(description="The phases it funds, in the order projects go through them")
    eligibility: list[str] = Field(description="Who can apply: the round's rules in plain English")
    assessment: list[AssessmentStageOut] = Field(description="The criteria bids are assessed against, stage by stage")
    questions: list[QuestionOut] = Field(description="Questions people asked about it and the answers, as published")
    awards: int = Field(description="Awards approved so far")
    total_awarded: int = Field(description="The approved awards together, in pounds")
    url: str = Field(description="Its page on the website")

    @staticmethod
    def resolve_id(round_) -> str:
        return round_.slug

    @staticmethod
    def resolve_stage(round_) -> str:
        return round_.stage()

    @staticmethod
    def resolve_stage_label(round_) -> str:
        return RoundStage(round_.stage()).label

    @staticmethod
    def resolve_timeline(round_) -> dict[str, datetime]:
        return {
            "expressions_of_interest_open": round_.eoi_opens_at,
            "expressions_of_interest_close": round_.eoi_closes_at,
            "evaluation_ends": round_.evaluation_ends_at,
            "applications_open": round_.applications_open_at,
            "applications_close": round_.applications_close_at,
            "decisions_by": round_.decisions_by,
            "kick_off": round_.kick_off_at,
        }

    @staticmethod
    def resolve_phases(round_) -> list:
        return list(round_.phases.all())

    @staticmethod
    def resolve_eligibility(round_) -> list[str]:
        return eligibility_rules(round_)

    @staticmethod
    def resolve_assessment(round_) -> list[dict]:
        criteria = list(round_.criteria.all())
        stages = [(stage, [row for row in criteria if row.stage == stage]) for stage in AssessmentStage]
        return [{"stage": stage, "stage_label": stage.label, "criteria": rows} for stage, rows in stages if rows]

    @staticmethod
    def resolve_questions(round_) -> list[dict]:
        return [
            {"question": question.published_question, "answer": question.answer, "published_at": question.published_at}
            for question in round_.published_questions
        ]

    @staticmethod
    def resolve_url(round_) -> str:
        return web_url(round_)


def eligibility_rules(round_: Round) -> list[str]:
    """The round's rules worded exactly as its page words them: the items of the page's list."""
    page_list = render_to_string("fund/_eligibility.html", {"round": round_})
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", page_list, flags=re.DOTALL)
    return [" ".join(html.unescape(strip_tags(item)).split()) for item in items]


def _published_rounds() -> QuerySet[Round]:
    # Only the reworded question, its answer and when it was published: never who asked.
    published_questions = (
        Question.objects.filter(published_at__isnull=False)
        .only("pk", "round_id", "published_question", "answer", "published_at")
        .order_by("published_at", "pk")
    )
    approved = Q(bids__status=BidStatus.AWARDED)
    return (
        queries.published_rounds_in_order()
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk")),
            Prefetch("questions", queryset=published_questions, to_attr="published_questions"),
        )
        .annotate(
            awards=Count("bids__funded_project", filter=approved),
            total_awarded=Coalesce(Sum("bids__funded_project__amount_awarded", filter=approved), 0),
        )
    )


@router.get("/rounds", response=responses(list[RoundOut]), url_name="fund_rounds", summary="List rounds")
@paginate(NumberedPages)
def list_rounds(request):
    """Published rounds of the fund as the fund's page lists them: rounds whose projects have
    not yet started first, each group newest first."""
    return _published_rounds()


@router.get("/rounds/{id}", response=responses(RoundOut), url_name="fund_round", summary="One round")
def get_round(request, id: Slug):
    """A published round by its id."""
    round_ = _published_rounds().filter(slug=id).first()
    if round_ is None:
        raise Http404(f"No round has the id {id}")
    return round_


# Grants ------------------------------------------------------------------------------------------


class RoundRef(Schema):
    id: str = Field(description="Stable id on this service, used in /fund/rounds/{id}")
    name: str
    url: str = Field(description="This round in the API")

    @staticmethod
    def resolve_id(round_) -> str:
        return round_.slug

    @staticmethod
    def resolve_url(round_) -> str:
        return api_url("fund_round", round_.slug)


class GrantOut(Schema):
    id: str = Field(description="Stable id on this service")
    grant_identifier: str = Field(
        description="360Giving identifier, as in the fund's 360Giving data, e.g. 360G-LDF-4Q7P2K; "
        "/fund/grants/{id} accepts it too"
    )
    title: str
    description: str = Field(description="The problem the project works on, as the applicants wrote it")
    amount_awarded: int = Field(description="In pounds")
    currency: str = Field(description="Always GBP")
    award_date: date = Field(description="The day the award was approved, UK time")
    round: RoundRef
    phase: Phase = Field(description="The phase the award pays for")
    phase_label: str = Field(description="The phase in words")
    lead_organisation: OrganisationRef
    partner_organisations: list[OrganisationRef] = Field(description="Partners who confirmed they take part")
    project: ProjectRef | None = Field(description="The funded project on this service; null if it has none")
    url: str = Field(
        description="The web page that shows the award: its project's page, or its round's page if it has no project"
    )

    @staticmethod
    def resolve_id(grant) -> str:
        return grant.slug

    @staticmethod
    def resolve_currency(grant) -> str:
        return CURRENCY

    @staticmethod
    def resolve_award_date(grant) -> date:
        return timezone.localdate(grant.awarded_at)

    @staticmethod
    def resolve_round(grant) -> Round:
        return grant.bid.round

    @staticmethod
    def resolve_phase_label(grant) -> str:
        return grant.get_phase_display()

    @staticmethod
    def resolve_partner_organisations(grant) -> list:
        return list(grant.partner_organisations.all())

    @staticmethod
    def resolve_project(grant):
        return _project_of(grant)

    @staticmethod
    def resolve_url(grant) -> str:
        project = _project_of(grant)
        return web_url(project) if project is not None else web_url(grant.bid.round)


def _project_of(grant: FundedProject):
    phase = getattr(grant, "project_phase", None)  # absent when the award is part of no project
    return phase.project if phase is not None else None


class GrantFilters(Schema):
    round: Slug | None = Field(None, description="A round's id: only the grants it awarded")
    lead_organisation: Slug | None = Field(None, description="An organisation's id: only the grants it leads")
    phase: list[Phase] = Field([], description="Phases the grants pay for; repeat for several")


def _awarded_grants() -> QuerySet[FundedProject]:
    return (
        grants.awarded_grants()
        .select_related("project_phase__project")
        .prefetch_related(Prefetch("partner_organisations", queryset=Organisation.objects.order_by("name")))
    )


@router.get("/grants", response=responses(list[GrantOut]), url_name="grants", summary="List grants")
@paginate(NumberedPages)
def list_grants(request, filters: Query[GrantFilters]):
    """Grants from approved awards, oldest first, as the fund's 360Giving data lists them."""
    found = _awarded_grants()
    if filters.round:
        found = found.filter(bid__round__slug=filters.round)
    if filters.lead_organisation:
        found = found.filter(lead_organisation__slug=filters.lead_organisation)
    if filters.phase:
        found = found.filter(phase__in=filters.phase)
    return found


@router.get("/grants/{id}", response=responses(GrantOut), url_name="grant", summary="One grant")
def get_grant(request, id: Slug):
    """A grant by its id on this service or its 360Giving identifier."""
    found = _awarded_grants()
    grant = found.filter(slug=id).first() or found.filter(grant_identifier=id).first()
    if grant is None:
        raise Http404(f"No grant has the id {id}")
    return grant


# Downloads ---------------------------------------------------------------------------------------


def _rounds_last_updated() -> datetime | None:
    # A round's record changes with the round, a newly published answer or a new award.
    moments = [
        Round.objects.filter(status=RoundStatus.PUBLISHED).aggregate(latest=Max("updated_at"))["latest"],
        Question.objects.filter(round__status=RoundStatus.PUBLISHED).aggregate(latest=Max("published_at"))["latest"],
        grants.awarded_grants().aggregate(latest=Max("awarded_at"))["latest"],
    ]
    return max((moment for moment in moments if moment is not None), default=None)


def _maximum_award(round_: Round, phase: Phase) -> int | None:
    return next((row.max_award for row in round_.phases.all() if row.phase == phase), None)


DATASETS = [
    Dataset(
        slug="grants",
        title="Local Digital Fund grants",
        description="Every grant the Local Digital Fund has awarded: the amount, the phase it pays for, "
        "the lead and partner organisations and the project it funds.",
        rows=_awarded_grants,
        schema=GrantOut,
        columns={
            "id": lambda grant: grant.slug,
            "grant_identifier": lambda grant: grant.grant_identifier,
            "title": lambda grant: grant.title,
            "description": lambda grant: grant.description,
            "amount_awarded": lambda grant: grant.amount_awarded,
            "currency": lambda grant: CURRENCY,
            "award_date": lambda grant: timezone.localdate(grant.awarded_at),
            "round_id": lambda grant: grant.bid.round.slug,
            "round_name": lambda grant: grant.bid.round.name,
            "phase": lambda grant: grant.get_phase_display(),
            "lead_organisation_id": lambda grant: grant.lead_organisation.slug,
            "lead_organisation_name": lambda grant: grant.lead_organisation.name,
            "lead_organisation_org_id": lambda grant: grant.lead_organisation.org_id,
            "partner_organisation_ids": lambda grant: "; ".join(o.slug for o in grant.partner_organisations.all()),
            "partner_organisation_names": lambda grant: "; ".join(o.name for o in grant.partner_organisations.all()),
            "project_id": lambda grant: project.slug if (project := _project_of(grant)) else None,
            "url": GrantOut.resolve_url,
        },
        last_updated=lambda: grants.awarded_grants().aggregate(latest=Max("awarded_at"))["latest"],
    ),
    Dataset(
        slug="fund-rounds",
        title="Local Digital Fund rounds",
        description="Every published round of the Local Digital Fund: its budget, timeline, the most it awards "
        "for each phase, who can apply and what it has awarded.",
        rows=_published_rounds,
        schema=RoundOut,
        columns={
            "id": lambda round_: round_.slug,
            "name": lambda round_: round_.name,
            "summary": lambda round_: round_.summary,
            "stage": RoundOut.resolve_stage_label,
            "budget": lambda round_: round_.budget,
            "expressions_of_interest_open": lambda round_: round_.eoi_opens_at,
            "expressions_of_interest_close": lambda round_: round_.eoi_closes_at,
            "evaluation_ends": lambda round_: round_.evaluation_ends_at,
            "applications_open": lambda round_: round_.applications_open_at,
            "applications_close": lambda round_: round_.applications_close_at,
            "decisions_by": lambda round_: round_.decisions_by,
            "kick_off": lambda round_: round_.kick_off_at,
            **{
                f"{phase.value}_maximum_award": lambda round_, phase=phase: _maximum_award(round_, phase)
                for phase in Phase
            },
            "lead_must_be_local_authority": lambda round_: round_.lead_must_be_local_authority,
            "lead_must_be_signatory": lambda round_: round_.lead_must_be_signatory,
            "min_signatory_authorities": lambda round_: round_.min_signatory_authorities,
            "max_bids_led": lambda round_: round_.max_bids_led,
            "awards": lambda round_: round_.awards,
            "total_awarded": lambda round_: round_.total_awarded,
            "url": web_url,
        },
        last_updated=_rounds_last_updated,
    ),
]
