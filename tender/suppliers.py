"""Suppliers on the Tender and their case studies: registering and changing a supplier, the
public directory and supplier pages, councils confirming the case studies that name them, and
moderators suspending a supplier.

The business actions take the person acting as `by=`; nothing else writes a supplier's or a
case study's status. The read functions return bounded, pre-joined querysets, and the public
ones never load a supplier's members.
"""

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.email import send_email
from core.workflow import TransitionRefused
from events.models import Region, Topic
from organisations.models import LOCAL_AUTHORITY_TYPES, Organisation, OrganisationType
from tender.models import CaseStudy, OpenStandard, ServedRegion, Supplier
from tender.workflow import CASE_STUDY_TRANSITIONS, SUPPLIER_TRANSITIONS, CaseStudyStatus, SupplierStatus

PAGE_SIZE = 20
# Addresses under /tender/suppliers/ that no supplier's slug may take.
RESERVED_SLUGS = frozenset({"register", "yours"})
SLUG_ATTEMPTS = 5
ALL_REGIONS = frozenset(Region.values)
# Whom a case study may name: councils and the rest of the public sector, the buyers the
# Tender serves. Never a charity, a sector body or another company.
PUBLIC_SECTOR_TYPES = frozenset(
    LOCAL_AUTHORITY_TYPES | {OrganisationType.CENTRAL_GOVERNMENT, OrganisationType.OTHER_PUBLIC_BODY}
)
NUMBER_TAKEN = {
    "company_number": "A supplier with this company number is already registered",
    "charity_number": "A supplier with this charity number is already registered",
}
NOT_A_MEMBER = "Only people who act for this supplier can change it"
# What the public pages show of a supplier; members and moderators' reasons are never loaded.
PUBLIC_FIELDS = [
    "name",
    "slug",
    "company_number",
    "charity_number",
    "website",
    "size",
    "summary",
    "contact_email",
    "status",
]
SUPPLIER_FIELDS = ["name", "company_number", "charity_number", "website", "size", "summary", "contact_email"]


@dataclass
class SupplierDetails:
    """What a supplier's person enters about it."""

    name: str
    company_number: str
    charity_number: str
    website: str
    size: str
    summary: str
    contact_email: str
    offers: list[Topic] = field(default_factory=list)
    open_standards: list[OpenStandard] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)

    def fields(self) -> dict:
        values = {name: value.strip() for name, value in asdict(self).items() if name in SUPPLIER_FIELDS}
        values["name"] = " ".join(values["name"].split())
        return values


@dataclass
class CaseStudyDetails:
    title: str
    summary: str
    link: str = ""

    def fields(self) -> dict:
        return {name: value.strip() for name, value in asdict(self).items()}


# Who may act ------------------------------------------------------------------------------


def registration_refusal(user) -> str:
    """Why `user` may not register a supplier, or "" if they may. Someone who works in the
    public sector, or for the programme, must never also act for a supplier."""
    if user.role:
        return (
            f"Your account has the {user.get_role_display().lower()} role on this service. People with a role "
            "cannot act for a supplier"
        )
    membership = (
        user.memberships.filter(status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])
        .select_related("organisation")
        .first()
    )
    if membership is None:
        return ""
    if membership.status == MembershipStatus.PENDING:
        return f"You have asked to join {membership.organisation} on this service"
    return f"You are a member of {membership.organisation} on this service"


def is_member(user, supplier: Supplier) -> bool:
    """Whether `user` acts for the supplier."""
    if user is None or not user.is_authenticated:
        return False
    return Supplier.members.through.objects.filter(supplier_id=supplier.pk, user_id=user.pk).exists()


def works_at(user, organisation_id: int) -> bool:
    """Whether `user` is an approved member of the organisation: who may speak for it."""
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, status=MembershipStatus.APPROVED
    ).exists()


def is_public_sector(organisation: Organisation) -> bool:
    return organisation.organisation_type in PUBLIC_SECTOR_TYPES and not organisation.has_ended


def registration_number_taken(name: str, value: str, *, exclude_pk: int | None = None) -> bool:
    """Whether another supplier already has this company (`name="company_number"`) or
    charity number."""
    return bool(value) and Supplier.objects.filter(**{name: value}).exclude(pk=exclude_pk).exists()


# Suppliers --------------------------------------------------------------------------------


def register(*, by, details: SupplierDetails) -> Supplier:
    """`by` registers a supplier and becomes its first member. Refused for people in the
    public sector or with a role, and for a registration number already registered."""
    refusal = registration_refusal(by)
    if refusal:
        raise TransitionRefused(f"{refusal}, so you cannot register a supplier")
    _refuse_taken_numbers(details)
    for _ in range(SLUG_ATTEMPTS):
        slug = _free_slug(details.fields()["name"])
        try:
            with transaction.atomic():
                supplier = Supplier.objects.create(slug=slug, **details.fields())
                _save_lists(supplier, details)
                supplier.members.add(by)
                audit.record(supplier, "tender.supplier_registered", by=by, changes=_registration_changes(supplier))
                return supplier
        except IntegrityError:
            # A number registered a moment ago is refused; otherwise the slug was taken since
            # it was chosen, so choose again.
            _refuse_taken_numbers(details)
    raise RuntimeError("Could not find an unused slug")


def change(supplier: Supplier, *, by, details: SupplierDetails) -> Supplier:
    """A member changes the supplier's details. Its address (slug) stays as it was, so links
    to it keep working."""
    _refuse_taken_numbers(details, exclude_pk=supplier.pk)
    try:
        with transaction.atomic():
            locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
            if not is_member(by, locked):
                raise TransitionRefused(NOT_A_MEMBER)
            new_values = details.fields()
            before = {name: getattr(locked, name) for name in new_values}
            lists_before = _lists_of(locked)
            for name, value in new_values.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*new_values, "updated_at"])
            _save_lists(locked, details)
            changes = audit.changed_fields(before, locked, list(new_values))
            changes |= _list_changes(lists_before, _lists_of(locked))
            if "contact_email" in changes:
                # The trail says the address changed, not what it is: it may be a person's.
                changes["contact_email"] = ("", "")
            if changes:
                audit.record(locked, "tender.supplier_changed", by=by, changes=changes)
    except IntegrityError:
        _refuse_taken_numbers(details, exclude_pk=supplier.pk)
        raise
    return locked


def suspend(supplier: Supplier, *, by, reason: str) -> Supplier:
    """A moderator takes a supplier out of the directory, saying why."""
    return _apply_to_supplier(supplier, "suspend", by=by, reason=reason)


def reinstate(supplier: Supplier, *, by) -> Supplier:
    """A moderator lists a suspended supplier again."""
    return _apply_to_supplier(supplier, "reinstate", by=by)


def _apply_to_supplier(supplier: Supplier, action: str, *, by, reason: str = "") -> Supplier:
    step = SUPPLIER_TRANSITIONS[action]
    with transaction.atomic():
        locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
        step.check(locked.status, by, reason)
        before = locked.status
        locked.status, locked.status_reason = step.target, reason.strip()
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason.strip())
    return locked


def _refuse_taken_numbers(details: SupplierDetails, *, exclude_pk: int | None = None) -> None:
    values = details.fields()
    for name, message in NUMBER_TAKEN.items():
        if registration_number_taken(name, values[name], exclude_pk=exclude_pk):
            raise TransitionRefused(message, field=name)


def _save_lists(supplier: Supplier, details: SupplierDetails) -> None:
    supplier.offers.set(details.offers)
    supplier.open_standards.set(details.open_standards)
    wanted = set(details.regions)
    supplier.regions.exclude(region__in=wanted).delete()
    have = set(supplier.regions.values_list("region", flat=True))
    ServedRegion.objects.bulk_create(
        [ServedRegion(supplier=supplier, region=region) for region in sorted(wanted - have)]
    )


def _lists_of(supplier: Supplier) -> dict[str, list]:
    return {
        "offers": sorted(supplier.offers.values_list("slug", flat=True)),
        "open_standards": sorted(supplier.open_standards.values_list("slug", flat=True)),
        "regions": sorted(supplier.regions.values_list("region", flat=True)),
    }


def _list_changes(before: dict[str, list], after: dict[str, list]) -> dict:
    return {name: (before[name], after[name]) for name in before if before[name] != after[name]}


def _registration_changes(supplier: Supplier) -> dict:
    changes = {name: (None, getattr(supplier, name)) for name in SUPPLIER_FIELDS if name != "contact_email"}
    changes |= {name: (None, value) for name, value in _lists_of(supplier).items()}
    return changes | {"status": (None, supplier.status)}


def _free_slug(name: str) -> str:
    base = slugify(name)[:180] or "supplier"
    taken = set(Supplier.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    return next(candidate for candidate in _slugs_from(base) if candidate not in taken)


def _slugs_from(base: str) -> Iterator[str]:
    yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1


# Case studies -----------------------------------------------------------------------------


def add_case_study(supplier: Supplier, *, by, organisation: Organisation, details: CaseStudyDetails) -> CaseStudy:
    """A member adds work the supplier did with a council. It shows as confirmed only once
    someone at that council confirms it, so the council's people are asked to."""
    if not is_member(by, supplier):
        raise TransitionRefused(NOT_A_MEMBER)
    if not is_public_sector(organisation):
        raise TransitionRefused(
            "Enter the name of a council or another public sector organisation", field="organisation"
        )
    with transaction.atomic():
        case_study = CaseStudy.objects.create(supplier=supplier, organisation=organisation, **details.fields())
        changes = {"organisation": (None, organisation.name), "status": (None, case_study.status)}
        audit.record(case_study, "tender.case_study_added", by=by, changes=changes)
        _ask_council_to_confirm(case_study)
    return case_study


def change_case_study(case_study: CaseStudy, *, by, details: CaseStudyDetails) -> CaseStudy:
    """A member changes a case study's text. What the council confirmed (or declined) was
    the old text, so a changed case study waits for the council again."""
    with transaction.atomic():
        locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
        if not is_member(by, case_study.supplier):
            raise TransitionRefused(NOT_A_MEMBER)
        new_values = details.fields()
        before = {name: getattr(locked, name) for name in new_values}
        for name, value in new_values.items():
            setattr(locked, name, value)
        changes = audit.changed_fields(before, locked, list(new_values))
        if not changes:
            return locked
        if "summary" in changes:
            # The trail says the summary changed, not what it says (it can be long).
            changes["summary"] = ("", "")
        if locked.status != CaseStudyStatus.UNCONFIRMED:
            changes["status"] = (locked.status, CaseStudyStatus.UNCONFIRMED)
            locked.status, locked.decided_by, locked.decided_at = CaseStudyStatus.UNCONFIRMED, None, None
        locked.save(update_fields=[*new_values, "status", "decided_by", "decided_at"])
        audit.record(locked, "tender.case_study_changed", by=by, changes=changes)
    return locked


def confirm_case_study(case_study: CaseStudy, *, by) -> CaseStudy:
    """Someone at the named council confirms the supplier did this work with them."""
    return _decide(case_study, "confirm", by=by)


def decline_case_study(case_study: CaseStudy, *, by) -> CaseStudy:
    """Someone at the named council says the case study is not right; it is not shown."""
    return _decide(case_study, "decline", by=by)


def _decide(case_study: CaseStudy, action: str, *, by) -> CaseStudy:
    step = CASE_STUDY_TRANSITIONS[action]
    with transaction.atomic():
        # Locked alone: a row lock cannot reach across the joins to the supplier.
        locked = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
        step.check(locked.status, by)
        if by.is_supplier_account or not works_at(by, locked.organisation_id):
            raise TransitionRefused(f"Only people at {locked.organisation} can confirm or decline this case study")
        before = locked.status
        locked.status, locked.decided_by, locked.decided_at = step.target, by, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        _tell_supplier(locked, action)
    return locked


def _ask_council_to_confirm(case_study: CaseStudy) -> None:
    people = Membership.objects.filter(
        organisation_id=case_study.organisation_id, status=MembershipStatus.APPROVED, user__is_active=True
    ).values_list("user_id", "user__email")
    context = {
        "case_study": case_study,
        "supplier": case_study.supplier,
        "organisation": case_study.organisation,
        "link": settings.SITE_URL + reverse("tender:council_case_study", args=[case_study.pk]),
    }
    for user_id, email in people:
        send_email(
            email,
            "tender_case_study_to_confirm",
            context,
            dedupe_key=f"tender-case-study-{case_study.pk}-to-confirm-{user_id}",
        )


def _tell_supplier(case_study: CaseStudy, action: str) -> None:
    supplier = case_study.supplier
    context = {
        "case_study": case_study,
        "supplier": supplier,
        "organisation": case_study.organisation,
        "link": settings.SITE_URL + reverse("tender:supplier_case_studies", args=[supplier.slug]),
    }
    template = "tender_case_study_confirmed" if action == "confirm" else "tender_case_study_declined"
    for email in supplier.members.filter(is_active=True).values_list("email", flat=True):
        send_email(email, template, context)


# Reads: the public directory and pages ------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor narrowed the directory down to. Every field is optional."""

    q: str = ""
    offer: str = ""  # a Topic slug
    size: str = ""
    region: str = ""


def _with_lists() -> list[Prefetch]:
    return [
        Prefetch("offers", queryset=Topic.objects.order_by("name")),
        Prefetch("regions", queryset=ServedRegion.objects.order_by("region")),
    ]


def directory(filters: DirectoryFilters) -> QuerySet[Supplier]:
    """Listed suppliers matching the filters, in name order."""
    suppliers = Supplier.objects.filter(status=SupplierStatus.LISTED).only(*PUBLIC_FIELDS)
    if filters.q:
        suppliers = suppliers.filter(name__icontains=filters.q)
    if filters.offer:
        suppliers = suppliers.filter(offers__slug=filters.offer)
    if filters.size:
        suppliers = suppliers.filter(size=filters.size)
    if filters.region:
        suppliers = suppliers.filter(regions__region=filters.region)
    return suppliers.prefetch_related(*_with_lists()).order_by(Lower("name"), "pk")


def directory_page(filters: DirectoryFilters, number) -> Page:
    page = Paginator(directory(filters), PAGE_SIZE).get_page(number)
    for supplier in page.object_list:
        supplier.region_names = region_names(supplier)
    return page


def public_supplier(slug: str) -> Supplier:
    """A listed supplier for its page, with its confirmed case studies; 404 for a suspended
    one. Case studies its council has not confirmed are left out: a council's name goes on a
    supplier's page only with the council's say-so."""
    confirmed = CaseStudy.objects.filter(status=CaseStudyStatus.CONFIRMED).select_related("organisation")
    suppliers = Supplier.objects.filter(status=SupplierStatus.LISTED).only(*PUBLIC_FIELDS)
    supplier = get_object_or_404(
        suppliers.prefetch_related(
            *_with_lists(),
            "open_standards",
            Prefetch("case_studies", queryset=confirmed.defer("decided_by"), to_attr="confirmed_case_studies"),
        ),
        slug=slug,
    )
    supplier.region_names = region_names(supplier)
    return supplier


def region_names(supplier: Supplier) -> list[str]:
    """The regions a supplier works in, as the pages say them: one line for all of the UK."""
    regions = [served.region for served in supplier.regions.all()]
    if set(regions) >= ALL_REGIONS:
        return ["All of the UK"]
    order = list(Region.values)
    return [Region(region).label for region in sorted(regions, key=order.index)]


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


# Reads: a supplier's people -----------------------------------------------------------------


def suppliers_of(user) -> QuerySet[Supplier]:
    """The suppliers `user` acts for, with how their case studies stand."""
    return (
        Supplier.objects.filter(members=user)
        .annotate(
            unconfirmed=Count("case_studies", filter=Q(case_studies__status=CaseStudyStatus.UNCONFIRMED)),
            confirmed=Count("case_studies", filter=Q(case_studies__status=CaseStudyStatus.CONFIRMED)),
        )
        .order_by(Lower("name"), "pk")
    )


def supplier_for_member(user, slug: str) -> Supplier:
    """A supplier `user` acts for, listed or suspended; 404 for any other."""
    suppliers = Supplier.objects.filter(members=user).prefetch_related(*_with_lists(), "open_standards")
    supplier = get_object_or_404(suppliers, slug=slug)
    supplier.region_names = region_names(supplier)
    return supplier


def case_studies_of(supplier: Supplier) -> QuerySet[CaseStudy]:
    return supplier.case_studies.select_related("organisation").defer("decided_by").order_by("-created_at", "-pk")


def case_studies_page(supplier: Supplier, number) -> Page:
    return Paginator(case_studies_of(supplier), PAGE_SIZE).get_page(number)


def case_study_for_member(supplier: Supplier, pk: int) -> CaseStudy:
    """One of the supplier's case studies; 404 for another supplier's."""
    return get_object_or_404(case_studies_of(supplier), pk=pk)


# Reads: councils -------------------------------------------------------------------------------


def _naming_councils_of(user) -> QuerySet[CaseStudy]:
    if user.is_supplier_account:
        return CaseStudy.objects.none()
    works_there = Membership.objects.filter(
        user=user, organisation=OuterRef("organisation"), status=MembershipStatus.APPROVED
    )
    return CaseStudy.objects.filter(Exists(works_there)).select_related("supplier", "organisation")


def case_studies_for_council(user, number) -> Page:
    """Case studies naming an organisation `user` works at: those waiting for an answer
    first, then the newest."""
    waiting_first = Case(When(status=CaseStudyStatus.UNCONFIRMED, then=Value(0)), default=Value(1))
    case_studies = _naming_councils_of(user).order_by(waiting_first, "-created_at", "-pk")
    return Paginator(case_studies.defer("decided_by"), PAGE_SIZE).get_page(number)


def case_study_for_council(user, pk: int) -> CaseStudy:
    """A case study naming an organisation `user` works at; 404 for any other."""
    return get_object_or_404(_naming_councils_of(user), pk=pk)


def council_organisation_names() -> QuerySet:
    """What the organisation finder suggests: every current council and public body."""
    return (
        Organisation.objects.current()
        .filter(organisation_type__in=PUBLIC_SECTOR_TYPES)
        .order_by("name")
        .values_list("name", flat=True)
    )


# Reads: moderators -------------------------------------------------------------------------------

STAFF_VIEWS = {SupplierStatus.LISTED: "Listed", SupplierStatus.SUSPENDED: "Suspended"}


def suppliers_for_staff(status: str, number) -> Page:
    suppliers = (
        Supplier.objects.filter(status=status)
        .annotate(member_count=Count("members", distinct=True))
        .order_by(Lower("name"), "pk")
    )
    return Paginator(suppliers, PAGE_SIZE).get_page(number)


def staff_counts() -> dict[str, int]:
    counts = Supplier.objects.aggregate(**{status: Count("pk", filter=Q(status=status)) for status in STAFF_VIEWS})
    return {status: counts[status] for status in STAFF_VIEWS}


def supplier_for_staff(slug: str) -> Supplier:
    suppliers = Supplier.objects.prefetch_related(
        *_with_lists(),
        "open_standards",
        Prefetch("members", queryset=User.objects.order_by("email")),
        Prefetch("case_studies", queryset=CaseStudy.objects.select_related("organisation").defer("decided_by")),
    )
    supplier = get_object_or_404(suppliers, slug=slug)
    supplier.region_names = region_names(supplier)
    return supplier
