"""Needs: what a public-sector organisation publishes about a problem it has, and everything
that happens to one until it is closed. The business actions (write, send for review, publish,
reject, join, register interest, invite to a show-and-tell, link to a procurement notice,
close) and the bounded reads behind every page. Views call these; nothing else writes a need.

Public reads never load a need's author or the moderator's note: the organisation speaks."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from core import audit
from core.db import retried_while_sqlite_is_busy
from core.email import send_email
from core.workflow import TransitionRefused
from events.models import Event, Topic
from events.queries import describe_place, describe_when, organisations_of
from events.workflow import EventStatus
from organisations.models import Organisation
from tender import alerts
from tender.models import Interest, Need, NeedJoin, OpenStandard, Question, Supplier, check_procurement_reference
from tender.suppliers import PUBLIC_SECTOR_TYPES
from tender.workflow import NEED_TRANSITIONS, PUBLIC_NEED_STATES, NeedStatus, QuestionStatus, SupplierStatus

PAGE_SIZE = 20
ATOM_ENTRIES = 50
# A need's address is made from its title; these are taken by other pages under /tender/needs/.
RESERVED_SLUGS = {"new"}
SLUG_ATTEMPTS = 50
# Needs its organisation may still change and send for review.
EDITABLE_STATES = frozenset({NeedStatus.DRAFT, NeedStatus.REJECTED})
# The latest closing date for questions: far enough for any need, near enough to catch a
# mistyped year.
LONGEST_OPEN = datetime.timedelta(days=365)

NOT_A_MEMBER = "You do not have permission to do this"
CLOSED_TO_JOINING = "Organisations can join or leave a need only while it is open"


# What people enter --------------------------------------------------------------------------


@dataclass
class NeedDetails:
    """What a member writes about a need."""

    title: str
    problem: str
    services_affected: str
    procurement_timing: str
    questions_close_on: datetime.date
    budget_from: int | None = None
    budget_to: int | None = None
    topics: list[Topic] = field(default_factory=list)
    open_standards: list[OpenStandard] = field(default_factory=list)

    def fields(self) -> dict:
        return {
            "title": self.title.strip(),
            "problem": self.problem.strip(),
            "services_affected": self.services_affected.strip(),
            "procurement_timing": self.procurement_timing,
            "questions_close_on": self.questions_close_on,
            "budget_from": self.budget_from,
            "budget_to": self.budget_to,
        }


@dataclass(frozen=True)
class Filters:
    """What a visitor narrowed the needs down to. Every field is optional."""

    topic: str = ""  # a Topic slug
    organisation: str = ""  # an Organisation slug
    region: str = ""  # the organisation's region
    closes_after: datetime.date | None = None
    closes_before: datetime.date | None = None


def closing_date_problem(day: datetime.date, today: datetime.date | None = None) -> str:
    """Why `day` cannot be the closing date for questions, or "" if it can."""
    today = today or timezone.localdate()
    if day <= today:
        return "The closing date for questions must be in the future"
    if day > today + LONGEST_OPEN:
        return "The closing date for questions must be within a year from today"
    return ""


# Writing and sending for review -------------------------------------------------------------


def create_draft(organisation: Organisation, *, by, details: NeedDetails) -> Need:
    """A member starts a need for their organisation. It stays a draft, seen only by the
    organisation's members, until one of them sends it for review."""
    if organisation not in public_sector_organisations_of(by):
        raise TransitionRefused("Choose an organisation you belong to", field="organisation")
    _refuse_bad_details(details)
    with transaction.atomic():
        need = _save_with_free_slug(
            details.title,
            lambda slug: Need.objects.create(
                slug=slug, organisation=organisation, author=by, status=NeedStatus.DRAFT, **details.fields()
            ),
        )
        need.topics.set(details.topics)
        need.open_standards.set(details.open_standards)
        audit.record(need, "tender.need_drafted", by=by, changes={"status": (None, need.status)})
    return need


def change_draft(need: Need, *, by, details: NeedDetails) -> Need:
    """A member changes a draft or a rejected need. Its address follows its title: nobody
    outside the organisation has seen it yet."""
    _refuse_bad_details(details)
    with transaction.atomic():
        locked = _lock(need)
        _refuse_unless_member(locked, by)
        if locked.status not in EDITABLE_STATES:
            raise TransitionRefused(f"This need cannot be changed because it is {_label(locked.status)}")
        values = details.fields()
        before = {name: getattr(locked, name) for name in values}
        for name, value in values.items():
            setattr(locked, name, value)
        changes = audit.changed_fields(before, locked, list(values))
        for relation, chosen in (("topics", details.topics), ("open_standards", details.open_standards)):
            was = sorted(item.pk for item in getattr(locked, relation).all())
            now = sorted(item.pk for item in chosen)
            if was != now:
                getattr(locked, relation).set(chosen)
                changes[relation] = (was, now)
        if not changes:
            return locked
        if "title" in changes:
            _save_with_free_slug(locked.title, lambda slug: _saved(locked, slug))
        else:
            locked.save()
        if "problem" in changes:
            # The trail says the problem changed, not what it says (it can be long).
            changes["problem"] = ("", "")
        audit.record(locked, "tender.need_changed", by=by, changes=changes)
    return locked


@retried_while_sqlite_is_busy
def submit(need: Need, *, by) -> Need:
    """A member sends a draft or rejected need to the moderators."""
    with transaction.atomic():
        locked = _lock(need)
        _refuse_unless_member(locked, by)
        problem = closing_date_problem(locked.questions_close_on)
        if problem and locked.status in EDITABLE_STATES:
            raise TransitionRefused(f"{problem}. Change it before you send the need for review")
        return _apply(locked, "submit", by=by, submitted_at=timezone.now())


# Moderators ---------------------------------------------------------------------------------


@retried_while_sqlite_is_busy
def publish(need: Need, *, by) -> Need:
    """A moderator publishes a need: it is listed, and suppliers following its topics hear of
    it in the same transaction, so a need is never announced unless it is published."""
    with transaction.atomic():
        locked = _lock(need)
        if locked.status == NeedStatus.SUBMITTED and locked.questions_close_on < timezone.localdate():
            raise TransitionRefused(
                "The closing date for questions has passed. Reject the need so that its organisation can set a new date"
            )
        locked = _apply(locked, "publish", by=by, published_at=timezone.now(), review_note="")
        alerts.announce(locked)
        _email_author(locked, "tender_need_published")
    return locked


@retried_while_sqlite_is_busy
def reject(need: Need, *, by, reason: str) -> Need:
    with transaction.atomic():
        locked = _apply(_lock(need), "reject", by=by, reason=reason, review_note=reason.strip())
        _email_author(locked, "tender_need_rejected", reason=reason.strip())
    return locked


# Other organisations and suppliers ----------------------------------------------------------


@retried_while_sqlite_is_busy
def join(need: Need, organisation: Organisation, *, by) -> NeedJoin:
    """Another organisation says it has this problem too: once."""
    if organisation not in public_sector_organisations_of(by):
        raise TransitionRefused("Choose an organisation you belong to", field="organisation")
    if organisation.pk == need.organisation_id:
        raise TransitionRefused("This is your organisation’s own need", field="organisation")
    _refuse_unless_open(need, CLOSED_TO_JOINING)
    try:
        with transaction.atomic():
            joined = NeedJoin.objects.create(need=need, organisation=organisation, joined_by=by)
            audit.record(need, "tender.need_joined", by=by, changes={"organisations": (None, organisation.name)})
    except IntegrityError:
        raise TransitionRefused(
            f"{organisation.name} has already said it has this problem", field="organisation"
        ) from None
    return joined


def leave(need: Need, organisation: Organisation, *, by) -> None:
    """An organisation that joined a need takes its name off again."""
    if organisation not in public_sector_organisations_of(by):
        raise TransitionRefused("Choose an organisation you belong to", field="organisation")
    _refuse_unless_open(need, CLOSED_TO_JOINING)
    with transaction.atomic():
        removed, _ = NeedJoin.objects.filter(need=need, organisation=organisation).delete()
        if not removed:
            raise TransitionRefused(f"{organisation.name} has not said it has this problem", field="organisation")
        audit.record(need, "tender.need_left", by=by, changes={"organisations": (organisation.name, None)})


@retried_while_sqlite_is_busy
def register_interest(need: Need, supplier: Supplier, *, by) -> Interest:
    """A supplier wants to hear more, and to be invited to the need's show-and-tell: once."""
    if supplier not in suppliers_of(by):
        raise TransitionRefused("Choose a supplier you belong to", field="supplier")
    _refuse_unless_open(need, "Suppliers can register interest only while a need is open")
    try:
        with transaction.atomic():
            interest = Interest.objects.create(need=need, supplier=supplier, registered_by=by)
            audit.record(need, "tender.interest_registered", by=by, changes={"suppliers": (None, supplier.name)})
    except IntegrityError:
        raise TransitionRefused(f"{supplier.name} has already registered interest", field="supplier") from None
    return interest


# The need's organisation --------------------------------------------------------------------


def invite_to_show_and_tell(need: Need, event: Event, *, by) -> Need:
    """The organisation names one of its upcoming events as the need's show-and-tell; every
    supplier that registered interest is emailed the invitation."""
    with transaction.atomic():
        locked = _lock(need)
        _refuse_unless_member(locked, by)
        if locked.status != NeedStatus.PUBLISHED:
            raise TransitionRefused(f"You cannot invite suppliers because this need is {_label(locked.status)}")
        if not show_and_tell_choices(locked).filter(pk=event.pk).exists():
            raise TransitionRefused("Choose one of your organisation’s upcoming events", field="event")
        before = locked.show_and_tell
        locked.show_and_tell = event
        locked.save(update_fields=["show_and_tell", "updated_at"])
        audit.record(locked, "tender.show_and_tell_chosen", by=by, changes={"show_and_tell": (before, event.title)})
        for email in _interested_people(locked):
            send_email(
                email,
                "tender_show_and_tell",
                {
                    "need": locked,
                    "event": event,
                    "when": describe_when(event),
                    "place": describe_place(event),
                    "need_url": settings.SITE_URL + locked.get_absolute_url(),
                    "event_url": settings.SITE_URL + event.get_absolute_url(),
                },
                # Choosing the same event again invites nobody twice.
                dedupe_key=f"tender-show-and-tell:{locked.pk}:{event.pk}:{email}",
            )
    return locked


def link_procurement(need: Need, reference: str, *, by) -> Need:
    """The organisation links the need to the notice it published to buy something."""
    reference = reference.strip()
    try:
        check_procurement_reference(reference)
    except ValidationError as error:
        raise TransitionRefused(error.messages[0], field="procurement_reference") from None
    with transaction.atomic():
        locked = _lock(need)
        _refuse_unless_member(locked, by)
        if locked.status not in PUBLIC_NEED_STATES:
            raise TransitionRefused(f"This need cannot be linked to a notice because it is {_label(locked.status)}")
        before = locked.procurement_reference
        if before == reference:
            return locked
        locked.procurement_reference = reference
        locked.save(update_fields=["procurement_reference", "updated_at"])
        audit.record(
            locked, "tender.need_linked_to_procurement", by=by, changes={"procurement_reference": (before, reference)}
        )
    return locked


@retried_while_sqlite_is_busy
def close(need: Need, *, by, outcome: str) -> Need:
    """The organisation closes the need and says what came of it; the page keeps the record."""
    if not outcome.strip():
        raise TransitionRefused("Enter what happened", field="outcome")
    with transaction.atomic():
        locked = _lock(need)
        _refuse_unless_member(locked, by)
        return _apply(locked, "close", by=by, closed_at=timezone.now(), outcome=outcome.strip())


# Helpers for writing ------------------------------------------------------------------------


def _lock(need: Need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


def _apply(locked: Need, action: str, *, by, reason: str = "", **fields) -> Need:
    """Make a move of NEED_TRANSITIONS on a need locked by the caller's transaction."""
    step = NEED_TRANSITIONS[action]
    step.check(locked.status, by, reason)
    before = locked.status
    locked.status = step.target
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *fields, "updated_at"])
    audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
    return locked


def _save_with_free_slug(title: str, save: Callable[[str], Need]) -> Need:
    """Save with the first free address made from `title`: "bins", "bins-2", …"""
    base = slugify(title)[:150] or "need"
    for number in range(1, SLUG_ATTEMPTS + 1):
        slug = base if number == 1 else f"{base}-{number}"
        if slug in RESERVED_SLUGS:
            continue
        try:
            # A savepoint, so a clash leaves the caller's transaction usable.
            with transaction.atomic():
                return save(slug)
        except IntegrityError:
            if not Need.objects.filter(slug=slug).exists():
                raise
    raise TransitionRefused("There are too many needs with this title. Choose a different title", field="title")


def _saved(need: Need, slug: str) -> Need:
    need.slug = slug
    need.save()
    return need


def _refuse_bad_details(details: NeedDetails) -> None:
    """The form says all this first; services repeat it for every other caller."""
    if not details.problem.strip():
        raise TransitionRefused("Describe the problem and who has it", field="problem")
    if not details.topics:
        raise TransitionRefused("Select at least one topic", field="topics")
    problem = closing_date_problem(details.questions_close_on)
    if problem:
        raise TransitionRefused(problem, field="questions_close_on")
    low, high = details.budget_from, details.budget_to
    if low is not None and high is not None and low > high:
        raise TransitionRefused("The budget to must be the same as or more than the budget from", field="budget_to")


def _refuse_unless_member(need: Need, by) -> None:
    if not is_member(by, need):
        raise TransitionRefused(NOT_A_MEMBER)


def _refuse_unless_open(need: Need, refusal: str) -> None:
    status = Need.objects.filter(pk=need.pk).values_list("status", flat=True).first()
    if status != NeedStatus.PUBLISHED:
        raise TransitionRefused(refusal)


def _label(status: str) -> str:
    return NeedStatus(status).label.lower()


def _interested_people(need: Need) -> list[str]:
    """The addresses of the people of every listed supplier interested in `need`, once each."""
    suppliers = Supplier.objects.filter(interests__need=need, status=SupplierStatus.LISTED)
    return sorted(set(suppliers.values_list("members__email", flat=True)) - {None})


def _email_author(need: Need, template: str, **context) -> None:
    if need.author is None:
        return
    send_email(
        need.author.email,
        template,
        {
            "need": need,
            "need_url": settings.SITE_URL + need.get_absolute_url(),
            "your_needs_url": settings.SITE_URL + reverse("tender:your_needs"),
            **context,
        },
    )


# Who is looking -----------------------------------------------------------------------------


def _member_of_its_organisation(user) -> Exists:
    """True for a need whose organisation `user` is an approved member of."""
    return Exists(
        Membership.objects.filter(user=user, organisation=OuterRef("organisation"), status=MembershipStatus.APPROVED)
    )


def public_sector_organisations_of(user) -> list[Organisation]:
    """The current public-sector organisations `user` is an approved member of: those they may
    write needs for, and join other organisations' needs as."""
    if user is None or not user.is_authenticated:
        return []
    return [o for o in organisations_of(user) if o.organisation_type in PUBLIC_SECTOR_TYPES]


def is_member(user, need: Need) -> bool:
    """Whether `user` is an approved member of the need's organisation."""
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=need.organisation_id, status=MembershipStatus.APPROVED
    ).exists()


def suppliers_of(user) -> list[Supplier]:
    """The listed suppliers `user` speaks for."""
    if user is None or not user.is_authenticated:
        return []
    return list(Supplier.objects.filter(members=user, status=SupplierStatus.LISTED).order_by("name"))


# The public ---------------------------------------------------------------------------------


def _public_needs() -> QuerySet[Need]:
    today = timezone.localdate()
    return (
        Need.objects.filter(status__in=PUBLIC_NEED_STATES)
        .defer("author", "review_note")
        .select_related("organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .annotate(
            joined_count=Count("joins", distinct=True),
            is_taking_questions=Case(
                When(status=NeedStatus.PUBLISHED, questions_close_on__gte=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def filtered(needs: QuerySet[Need], filters: Filters) -> QuerySet[Need]:
    if filters.topic:
        needs = needs.filter(Exists(Need.topics.through.objects.filter(need=OuterRef("pk"), topic__slug=filters.topic)))
    if filters.organisation:
        needs = needs.filter(organisation__slug=filters.organisation)
    if filters.region:
        needs = needs.filter(organisation__region=filters.region)
    if filters.closes_after:
        needs = needs.filter(questions_close_on__gte=filters.closes_after)
    if filters.closes_before:
        needs = needs.filter(questions_close_on__lte=filters.closes_before)
    return needs


def listed(filters: Filters) -> QuerySet[Need]:
    """Published and closed needs: those still taking questions first, the newest first in
    each group."""
    return filtered(_public_needs(), filters).order_by("-is_taking_questions", "-published_at", "-pk")


def page_of(needs: QuerySet[Need], number) -> Page:
    page = Paginator(needs, PAGE_SIZE).get_page(number)
    with_words(page.object_list)
    return page


def for_atom(filters: Filters) -> list[Need]:
    """The Atom feed: the most recently published needs."""
    return list(filtered(_public_needs(), filters).order_by("-published_at", "-pk")[:ATOM_ENTRIES])


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The topics, organisations and regions a visitor may filter by: those of listed needs."""
    organisations = (
        Organisation.objects.filter(needs__status__in=PUBLIC_NEED_STATES)
        .distinct()
        .order_by("name")
        .values_list("slug", "name", "region")
    )
    rows = list(organisations)
    return {
        "topic": list(Topic.objects.values_list("slug", "name")),
        "organisation": [(slug, name) for slug, name, _ in rows],
        "region": [(region, region) for region in sorted({region for _, _, region in rows if region})],
    }


def public_need(slug: str) -> Need:
    """A listed need for its page, with what the page shows; 404 for one not listed."""
    needs = (
        Need.objects.filter(status__in=PUBLIC_NEED_STATES)
        .defer("author", "review_note")
        .select_related("organisation", "show_and_tell")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch("open_standards", queryset=OpenStandard.objects.order_by(Lower("name"))),
            Prefetch(
                "joins",
                queryset=NeedJoin.objects.select_related("organisation").only(
                    "need_id", "organisation__name", "organisation__slug"
                ),
            ),
        )
    )
    need = get_object_or_404(needs, slug=slug)
    with_words([need])
    return need


# How a need's stage shows on a GOV.UK tag, keyed by code. A published need whose closing date
# has passed is still open to joining and interest, but takes no more questions.
QUESTIONS_CLOSED = "questions_closed"
STAGES = {
    NeedStatus.DRAFT: ("Draft", "govuk-tag--grey"),
    NeedStatus.SUBMITTED: (NeedStatus.SUBMITTED.label, "govuk-tag--blue"),
    NeedStatus.REJECTED: (NeedStatus.REJECTED.label, "govuk-tag--red"),
    NeedStatus.PUBLISHED: ("Open for questions", "govuk-tag--green"),
    QUESTIONS_CLOSED: ("Questions closed", "govuk-tag--yellow"),
    NeedStatus.CLOSED: (NeedStatus.CLOSED.label, "govuk-tag--grey"),
}


def taking_questions(need: Need, today: datetime.date | None = None) -> bool:
    return need.status == NeedStatus.PUBLISHED and need.questions_close_on >= (today or timezone.localdate())


def budget_in_words(need: Need) -> str:
    low, high = need.budget_from, need.budget_to
    if low is not None and high is not None:
        return f"£{low:,}" if low == high else f"£{low:,} to £{high:,}"
    if high is not None:
        return f"Up to £{high:,}"
    if low is not None:
        return f"From £{low:,}"
    return "Not given"


def with_words(rows) -> None:
    """Give each need `budget` and `stage` (label and tag class), the words the pages show."""
    today = timezone.localdate()
    for need in rows:
        need.budget = budget_in_words(need)
        stage = need.status
        if need.status == NeedStatus.PUBLISHED and not taking_questions(need, today):
            stage = QUESTIONS_CLOSED
        need.stage_label, need.stage_tag = STAGES[stage]


# Members of the need's organisation ---------------------------------------------------------


def of_member(user) -> QuerySet[Need]:
    """Needs of the organisations `user` is an approved member of."""
    if user is None or not user.is_authenticated:
        return Need.objects.none()
    return Need.objects.filter(_member_of_its_organisation(user))


def need_for_member(user, slug: str) -> Need:
    """A need `user` may change and manage; 404 for another organisation's."""
    needs = of_member(user).select_related("organisation").prefetch_related("topics", "open_standards")
    need = get_object_or_404(needs, slug=slug)
    with_words([need])
    return need


def your_needs_page(user, number) -> Page:
    """One page of the needs of `user`'s organisations, most recently changed first."""
    needs = of_member(user).select_related("organisation").defer("problem").order_by("-updated_at", "-pk")
    page = Paginator(needs, PAGE_SIZE).get_page(number)
    with_words(page.object_list)
    return page


def show_and_tell_choices(need: Need) -> QuerySet[Event]:
    """The need's organisation's published events still to come."""
    return Event.objects.filter(
        organisation_id=need.organisation_id, status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")


def joined_by_organisations(need: Need, organisations: list[Organisation]) -> set[int]:
    """Which of `organisations` have joined `need` (by pk)."""
    return set(
        NeedJoin.objects.filter(need=need, organisation__in=organisations).values_list("organisation_id", flat=True)
    )


def interested_suppliers(need: Need, suppliers: list[Supplier]) -> set[int]:
    """Which of `suppliers` have registered interest in `need` (by pk)."""
    return set(Interest.objects.filter(need=need, supplier__in=suppliers).values_list("supplier_id", flat=True))


def interest_count(need: Need) -> int:
    return Interest.objects.filter(need=need).count()


# Moderators ---------------------------------------------------------------------------------

MODERATION_VIEWS = {
    NeedStatus.SUBMITTED: "Waiting for review",
    NeedStatus.PUBLISHED: "Published",
    NeedStatus.REJECTED: "Rejected",
    NeedStatus.CLOSED: "Closed",
}


def for_moderators(view: str, number) -> Page:
    """One page of needs for a moderators' list. Those waiting for review come oldest first,
    so none waits longer than it must; the rest come latest first."""
    needs = Need.objects.filter(status=view).select_related("organisation", "author").defer("problem")
    order = ("submitted_at", "pk") if view == NeedStatus.SUBMITTED else ("-updated_at", "-pk")
    page = Paginator(needs.order_by(*order), PAGE_SIZE).get_page(number)
    with_words(page.object_list)
    return page


def moderation_counts() -> dict[str, int]:
    """How many needs each moderators' list holds, in one query."""
    counts = Need.objects.aggregate(**{status: Count("pk", filter=Q(status=status)) for status in MODERATION_VIEWS})
    return {str(status): counts[status] for status in MODERATION_VIEWS}


def need_for_moderator(pk: int) -> Need:
    needs = Need.objects.select_related("organisation", "author", "show_and_tell").prefetch_related(
        "topics", "open_standards"
    )
    need = get_object_or_404(needs, pk=pk)
    with_words([need])
    return need


def dashboard_counts() -> dict[str, int]:
    """What waits for staff across the Tender."""
    return {
        "needs_waiting": Need.objects.filter(status=NeedStatus.SUBMITTED).count(),
        "questions_held": Question.objects.filter(status=QuestionStatus.HELD).count(),
        "suppliers_listed": Supplier.objects.filter(status=SupplierStatus.LISTED).count(),
    }
