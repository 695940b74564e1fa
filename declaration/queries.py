"""Read functions for declaration pages: bounded and pre-joined, so a page costs the same
number of queries however many signatures it shows."""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower, TruncQuarter
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from declaration.models import (
    FINISHED_PROJECT_STATUSES,
    PROJECT_STATUS_TAG_CLASSES,
    DeclarationProject,
    OrganisationRequest,
    Principle,
    ProjectPrinciple,
    ProjectStatus,
    ProjectUpdate,
    Signature,
    SignatureVersion,
)
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


def withdrawal_requests() -> Page:
    """The signatures whose organisation has asked to withdraw and that still stand, the
    oldest request first: what staff have still to confirm."""
    rows = (
        Signature.objects.filter(status=SignatureStatus.SIGNED, withdrawal_requested_at__isnull=False)
        .select_related("organisation")
        .order_by("withdrawal_requested_at", "pk")
    )
    return Paginator(rows, PAGE_SIZE).get_page(1)


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
    "organisation__co_publisher_number",
]
PUBLIC_PROJECT_FIELDS = ["signature_id", "title", "description", "expected_completion", "link"]

SIGNATORY_ORDER = {
    "newest": ("-signed_at", "-pk"),
    "oldest": ("signed_at", "pk"),
    "name": (Lower("organisation__name"), "pk"),
}


def _public_projects(*, progress: bool = False) -> Prefetch:
    """Signatures' projects with their principles; with `progress`, also each project's
    current status and its updates (see `with_progress`)."""
    projects = DeclarationProject.objects.only(*PUBLIC_PROJECT_FIELDS).prefetch_related("principles")
    if progress:
        projects = projects.annotate(current_status=current_status()).prefetch_related(public_updates())
    return Prefetch("projects", queryset=projects)


def signatories(
    *,
    q: str = "",
    types: Iterable[str] = (),
    nations: Iterable[str] = (),
    region: str = "",
    principle: int | None = None,
    year: int | None = None,
    sort: str = "newest",
    progress: bool = False,
) -> QuerySet[Signature]:
    """Organisations that have signed and not withdrawn, with their projects, filtered and in
    the order asked for (newest signature first unless `sort` says otherwise). With
    `progress`, each project also has its current status and updates (see `with_progress`)."""
    signatures = (
        Signature.objects.filter(status=SignatureStatus.SIGNED)
        .select_related("organisation")
        .only(*PUBLIC_SIGNATURE_FIELDS)
        .prefetch_related(_public_projects(progress=progress))
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


def public_projects(*, principle: int | None = None, status: str = "") -> QuerySet[DeclarationProject]:
    """Declaration projects of organisations that have signed, newest signature first, each
    with its current status and its updates. `status` is a ProjectStatus code or OVERDUE."""
    projects = (
        DeclarationProject.objects.filter(signature__status=SignatureStatus.SIGNED)
        .select_related("signature__organisation")
        .only(
            *PUBLIC_PROJECT_FIELDS,
            "signature__signed_at",
            "signature__organisation__name",
            "signature__organisation__slug",
            "signature__organisation__org_id",
            "signature__organisation__end_date",
        )
        .annotate(current_status=current_status())
        .prefetch_related("principles", public_updates())
        .order_by("-signature__signed_at", "pk")
    )
    if principle:
        projects = projects.filter(Exists(ProjectPrinciple.objects.filter(project=OuterRef("pk"), principle=principle)))
    if status == OVERDUE:
        projects = projects.filter(signature__signed_at__lte=months_before(timezone.now(), 12)).exclude(
            current_status__in=list(FINISHED_PROJECT_STATUSES)
        )
    elif status:
        projects = projects.filter(current_status=status)
    return projects


def project_page(projects: QuerySet[DeclarationProject], page: int | str | None = 1) -> Page:
    """One page of `projects`, each with its progress (see `with_progress`)."""
    page = Paginator(projects, DIRECTORY_PAGE_SIZE).get_page(page)
    with_progress(page.object_list)
    return page


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
        .prefetch_related(_public_projects(progress=True))
        .order_by("-signed_at", "-pk")
    )
    current = next((signature for signature in signatures if signature.status == SignatureStatus.SIGNED), None)
    if current is not None:
        with_progress(current.projects.all())
    return SignatureHistory(current, [signature for signature in signatures if signature is not current])


# Progress on declaration projects -------------------------------------------------------------

# A filter on the list of projects alongside the statuses: a year has passed since signing and
# the project is neither done nor stopped.
OVERDUE = "overdue"
PUBLIC_UPDATE_FIELDS = ["project_id", "status", "what_happened", "lessons_learnt", "created_at"]


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same time `months` calendar months earlier; the 31st becomes the month's last day."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def current_status() -> Coalesce:
    """A project's status: its newest update's, or "not started" with none. For `annotate`,
    so a list learns every project's status in its own query."""
    newest = ProjectUpdate.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-pk").values("status")[:1]
    return Coalesce(Subquery(newest), Value(ProjectStatus.NOT_STARTED.value), output_field=CharField())


def public_updates() -> Prefetch:
    """A project's updates, newest first, without their authors."""
    updates = ProjectUpdate.objects.only(*PUBLIC_UPDATE_FIELDS).order_by("-created_at", "-pk")
    return Prefetch("updates", queryset=updates)


def with_progress(projects: Iterable[DeclarationProject]) -> None:
    """Give each project, annotated with `current_status` and with its signature to hand,
    its status as a ProjectStatus, the class of its tag and whether it is overdue."""
    year_ago = months_before(timezone.now(), 12)
    for project in projects:
        project.current_status = ProjectStatus(project.current_status)
        project.status_tag_class = PROJECT_STATUS_TAG_CLASSES[project.current_status]
        signed_at = project.signature.signed_at
        project.overdue = (
            signed_at is not None and signed_at <= year_ago and project.current_status not in FINISHED_PROJECT_STATUSES
        )


def signatures_open_to(user) -> QuerySet[Signature]:
    """The signed declarations `user` may act for: they lead the signature, or are an
    approved member of the organisation that signed. Who may post an update on a project
    or ask to withdraw."""
    if user is None or not user.is_authenticated:
        return Signature.objects.none()
    member = Membership.objects.filter(
        user=user, organisation=OuterRef("organisation"), status=MembershipStatus.APPROVED
    )
    return Signature.objects.filter(status=SignatureStatus.SIGNED).filter(Q(lead=user) | Exists(member))


def projects_open_to(user) -> QuerySet[DeclarationProject]:
    """The projects of signed declarations `user` may post updates on (see
    `signatures_open_to`)."""
    return DeclarationProject.objects.filter(signature__in=signatures_open_to(user))


def signature_to_withdraw(user, reference: str) -> Signature:
    """A signed declaration `user` may ask to withdraw; 404 for anyone else's."""
    return get_object_or_404(signatures_open_to(user).select_related("organisation"), reference=reference)


def signatures_of_member(user) -> list[Signature]:
    """The signed declarations `user` may act for, by organisation, for the members' page."""
    signatures = signatures_open_to(user).select_related("organisation")
    return list(signatures.order_by(Lower("organisation__name"), "pk")[:PAGE_SIZE])


def project_to_update(user, pk: int) -> DeclarationProject:
    """A project `user` may post an update on; 404 for anyone else's."""
    return get_object_or_404(projects_open_to(user).select_related("signature__organisation"), pk=pk)


def projects_to_update(user, page: int | str | None = 1) -> Page:
    """One page of the projects `user` may post updates on, by organisation, with progress."""
    projects = (
        projects_open_to(user)
        .select_related("signature__organisation")
        .annotate(current_status=current_status())
        .prefetch_related(public_updates())
        .order_by(Lower("signature__organisation__name"), "pk")
    )
    return project_page(projects, page)


def signatures_to_remind(now: datetime.datetime) -> QuerySet[Signature]:
    """Signed declarations due their one progress reminder: signed at least 11 months before
    `now`, not yet reminded, with someone to remind, and with a project neither done nor
    stopped."""
    unfinished = (
        DeclarationProject.objects.filter(signature=OuterRef("pk"))
        .annotate(current_status=current_status())
        .exclude(current_status__in=list(FINISHED_PROJECT_STATUSES))
    )
    return (
        Signature.objects.filter(
            status=SignatureStatus.SIGNED, signed_at__lte=months_before(now, 11), progress_reminder__isnull=True
        )
        .filter(Q(lead__isnull=False) | ~Q(approver_email=""))
        .filter(Exists(unfinished))
        .select_related("organisation", "lead")
        .order_by("signed_at", "pk")
    )


# The signed declaration ---------------------------------------------------------------------


def signed_signature(reference: str) -> Signature:
    """A signature that stands, for its confirmation page and its PDF; 404 for a reference
    that is unknown, not yet signed or withdrawn."""
    return get_object_or_404(
        Signature.objects.select_related("organisation"), reference=reference, status=SignatureStatus.SIGNED
    )


# Requests to add an organisation ---------------------------------------------------------------


def pending_organisation_requests(page_number) -> Page:
    """One page of the requests moderators have still to decide, oldest first."""
    rows = (
        OrganisationRequest.objects.filter(status=OrganisationRequest.Status.PENDING)
        .select_related("requested_by")
        .order_by("created_at", "pk")
    )
    return Paginator(rows, PAGE_SIZE).get_page(page_number)


def organisation_request_for_moderator(pk: int) -> OrganisationRequest:
    """A request in any state, with who made it; 404 for an unknown one."""
    return get_object_or_404(OrganisationRequest.objects.select_related("requested_by"), pk=pk)
