"""Read functions for declaration pages: bounded and pre-joined, so a page costs the same
number of queries however many signatures it shows."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower, TruncQuarter
from django.shortcuts import get_object_or_404
from django.utils import timezone

from declaration.models import DeclarationProject, Principle, ProjectPrinciple, Signature, SignatureVersion
from declaration.workflow import SignatureStatus
from organisations.models import Organisation

PAGE_SIZE = 25
# The team's promise to a lead who submits (see the declaration_submitted email).
REVIEW_TARGET_WORKING_DAYS = 3
IN_PROGRESS_STATES = (
    SignatureStatus.DRAFT,
    SignatureStatus.SUBMITTED,
    SignatureStatus.CHANGES_REQUESTED,
    SignatureStatus.AWAITING_SIGNATURE,
)
# The order a signature moves through, for the pipeline moderators see.
PIPELINE_ORDER = (*IN_PROGRESS_STATES, SignatureStatus.SIGNED, SignatureStatus.WITHDRAWN, SignatureStatus.REJECTED)


# Review ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    status: SignatureStatus
    count: int


@dataclass(frozen=True)
class Pipeline:
    stages: list[Stage]
    signed: int
    in_progress: int


def pipeline() -> Pipeline:
    """How many signatures are at each stage, counted in one query."""
    counts = Signature.objects.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in PIPELINE_ORDER}
    )
    return Pipeline(
        stages=[Stage(status, counts[status.value]) for status in PIPELINE_ORDER],
        signed=counts[SignatureStatus.SIGNED.value],
        in_progress=sum(counts[status.value] for status in IN_PROGRESS_STATES),
    )


def signatures_in(status: str, page_number) -> Page:
    """One page of the signatures in `status`. Those waiting for review come oldest first,
    the order to review them in; the others most recently changed first. Each row carries
    the flags the queue shows (see `review_flags`)."""
    order = ["submitted_at", "pk"] if status == SignatureStatus.SUBMITTED else ["-updated_at", "-pk"]
    signed_before = Signature.objects.filter(
        organisation=OuterRef("organisation"),
        status__in=[SignatureStatus.WITHDRAWN, SignatureStatus.REJECTED],
    ).exclude(pk=OuterRef("pk"))
    rows = (
        Signature.objects.filter(status=status)
        .select_related("organisation")
        .prefetch_related("organisation__domains")
        .annotate(version_count=Count("versions"), signed_before=Exists(signed_before))
        .order_by(*order)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    today = timezone.localdate()
    for signature in page.object_list:
        signature.flags = review_flags(signature)
        if signature.submitted_at is not None:
            signature.working_days_waiting = working_days_between(timezone.localdate(signature.submitted_at), today)
            signature.overdue = signature.working_days_waiting > REVIEW_TARGET_WORKING_DAYS
    return page


def review_flags(signature: Signature) -> list[str]:
    """What a moderator should look at twice. Needs the organisation's domains prefetched and
    the `version_count` and `signed_before` annotations of `signatures_in`."""
    flags = []
    if signature.approver_email_outside_domains:
        flags.append("Approver email outside domains")
    if signature.version_count > 1:
        flags.append("Resubmitted")
    if signature.signed_before:
        flags.append("Organisation signed before")
    return flags


def working_days_between(start: date, end: date) -> int:
    """Monday to Friday days after `start` up to and including `end`: submitted on a Friday,
    it has waited 1 working day on Monday. Bank holidays count as working days."""
    if end <= start:
        return 0
    whole_weeks, extra = divmod((end - start).days, 7)
    days = whole_weeks * 5
    for offset in range(1, extra + 1):
        if (start + timedelta(days=whole_weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


def signature_for_review(reference: str) -> Signature:
    """A signature in full for a moderator, in any state; 404 for an unknown reference."""
    return get_object_or_404(
        Signature.objects.select_related("organisation", "lead").prefetch_related(
            "projects__principles", "versions", "organisation__domains"
        ),
        reference=reference,
    )


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


ANSWER_LABELS = {"lead_job_title": "Lead’s job title", "approver_job_title": "Senior approver’s job title"}
PROJECT_LABELS = {
    "title": "title",
    "description": "description",
    "principles": "principles",
    "expected_completion": "expected completion",
    "link": "link",
}


def changes_between(older: SignatureVersion, newer: SignatureVersion) -> list[Change]:
    """Each answer that differs between two submitted versions, field by field. Projects are
    compared by their position in the list."""
    changes = [
        Change(label, str(older.answers.get(name, "")), str(newer.answers.get(name, "")))
        for name, label in ANSWER_LABELS.items()
        if older.answers.get(name, "") != newer.answers.get(name, "")
    ]
    before, after = older.answers.get("projects", []), newer.answers.get("projects", [])
    for number in range(1, max(len(before), len(after)) + 1):
        old = before[number - 1] if number <= len(before) else {}
        new = after[number - 1] if number <= len(after) else {}
        for name, label in PROJECT_LABELS.items():
            if old.get(name) != new.get(name):
                changes.append(Change(f"Project {number} {label}", _answer(name, old), _answer(name, new)))
    return changes


def _answer(name: str, project: dict) -> str:
    value = project.get(name)
    if value in (None, "", []):
        return ""
    if name == "principles":
        return "; ".join(Principle(number).label for number in value)
    if name == "expected_completion":
        return date.fromisoformat(value).strftime("%-d %B %Y")
    return str(value)


def readable_answers(version: SignatureVersion) -> dict:
    """A version's answers as a moderator reads them: principles by name, dates in words."""
    answers = version.answers
    return {
        "lead_job_title": answers.get("lead_job_title", ""),
        "approver_job_title": answers.get("approver_job_title", ""),
        "projects": [
            {name: _answer(name, project) for name in PROJECT_LABELS} for project in answers.get("projects", [])
        ],
    }


# The public directory ------------------------------------------------------------------------

DIRECTORY_PAGE_SIZE = 50
FEED_SIZE = 50

# What the public directory may read of a signature: never a person's name or email address.
PUBLIC_SIGNATURE_FIELDS = [
    "status",
    "reference",
    "is_founding",
    "approver_job_title",
    "signed_at",
    "withdrawn_at",
    "organisation__name",
    "organisation__slug",
    "organisation__organisation_type",
    "organisation__nation",
    "organisation__region",
    "organisation__org_id",
    "organisation__end_date",
]
PUBLIC_PROJECT_FIELDS = ["signature_id", "title", "description", "expected_completion", "link"]

SIGNATORY_ORDER = {
    "newest": ("-signed_at", "-pk"),
    "oldest": ("signed_at", "pk"),
    "name": (Lower("organisation__name"), "pk"),
}


def _public_projects() -> Prefetch:
    return Prefetch(
        "projects",
        queryset=DeclarationProject.objects.only(*PUBLIC_PROJECT_FIELDS).prefetch_related("principles"),
    )


def signatories(
    *,
    q: str = "",
    types: Iterable[str] = (),
    nations: Iterable[str] = (),
    region: str = "",
    principle: int | None = None,
    year: int | None = None,
    sort: str = "newest",
) -> QuerySet[Signature]:
    """Organisations that have signed and not withdrawn, with their projects, filtered and in
    the order asked for (newest signature first unless `sort` says otherwise)."""
    signatures = (
        Signature.objects.filter(status=SignatureStatus.SIGNED)
        .select_related("organisation")
        .only(*PUBLIC_SIGNATURE_FIELDS)
        .prefetch_related(_public_projects())
        .order_by(*SIGNATORY_ORDER.get(sort, SIGNATORY_ORDER["newest"]))
    )
    if q:
        signatures = signatures.filter(
            Q(organisation__name__icontains=q)
            | Q(organisation__alternative_names__icontains=q)
            | Q(organisation__co_publisher_name__icontains=q)
        )
    if types:
        signatures = signatures.filter(organisation__organisation_type__in=list(types))
    if nations:
        signatures = signatures.filter(organisation__nation__in=list(nations))
    if region:
        signatures = signatures.filter(organisation__region=region)
    if principle:
        # Exists rather than a join, so a signatory with two matching projects appears once.
        signatures = signatures.filter(
            Exists(ProjectPrinciple.objects.filter(project__signature=OuterRef("pk"), principle=principle))
        )
    if year:
        signatures = signatures.filter(signed_at__year=year)
    return signatures


def signatory_page(signatures: QuerySet[Signature], page: int | str | None = 1) -> Page:
    """One page of `signatures`; a page number that is not a number or is past the end gives
    the first or the last page."""
    return Paginator(signatures, DIRECTORY_PAGE_SIZE).get_page(page)


def count_by(signatures: QuerySet[Signature], field: str) -> list[tuple[str, int]]:
    """(value, count) for an organisation field across `signatures`, most first, in one query."""
    rows = (
        signatures.order_by()
        .values(f"organisation__{field}")
        .annotate(count=Count("pk"))
        .order_by("-count", f"organisation__{field}")
    )
    return [(row[f"organisation__{field}"], row["count"]) for row in rows]


def newest_signatories(limit: int = FEED_SIZE) -> QuerySet[Signature]:
    """The organisations that signed most recently, for the feed."""
    return (
        Signature.objects.filter(status=SignatureStatus.SIGNED)
        .select_related("organisation")
        .only(*PUBLIC_SIGNATURE_FIELDS)
        .order_by("-signed_at", "-pk")[:limit]
    )


def signatures_by_quarter() -> list[tuple[datetime.date, int]]:
    """(first day of the quarter, signatures made in it) for current signatories, oldest
    quarter first, in one query. Quarters with none are left out."""
    rows = (
        Signature.objects.filter(status=SignatureStatus.SIGNED)
        .annotate(quarter=TruncQuarter("signed_at"))
        .order_by()
        .values("quarter")
        .annotate(count=Count("pk"))
        .order_by("quarter")
    )
    return [(_as_date(row["quarter"]), row["count"]) for row in rows]


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def public_projects(*, principle: int | None = None) -> QuerySet[DeclarationProject]:
    """Declaration projects of organisations that have signed, newest signature first."""
    projects = (
        DeclarationProject.objects.filter(signature__status=SignatureStatus.SIGNED)
        .select_related("signature__organisation")
        .only(
            *PUBLIC_PROJECT_FIELDS,
            "signature__signed_at",
            "signature__organisation__name",
            "signature__organisation__slug",
            "signature__organisation__end_date",
        )
        .prefetch_related("principles")
        .order_by("-signature__signed_at", "pk")
    )
    if principle:
        projects = projects.filter(Exists(ProjectPrinciple.objects.filter(project=OuterRef("pk"), principle=principle)))
    return projects


def project_page(projects: QuerySet[DeclarationProject], page: int | str | None = 1) -> Page:
    return Paginator(projects, DIRECTORY_PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class SignatureHistory:
    current: Signature | None
    withdrawn: list[Signature]


def public_signatures_of(organisation: Organisation) -> SignatureHistory:
    """The organisation's signature, with its projects, and any it has withdrawn, newest
    first: what its public page shows."""
    signatures = list(
        Signature.objects.filter(
            organisation=organisation, status__in=[SignatureStatus.SIGNED, SignatureStatus.WITHDRAWN]
        )
        .only("organisation_id", "status", "is_founding", "approver_job_title", "signed_at", "withdrawn_at")
        .prefetch_related(_public_projects())
        .order_by("-signed_at", "-pk")
    )
    current = next((signature for signature in signatures if signature.status == SignatureStatus.SIGNED), None)
    return SignatureHistory(current, [signature for signature in signatures if signature is not current])
