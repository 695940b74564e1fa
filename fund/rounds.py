"""Every business action on a round of the Local Digital Fund: staff create it, set its dates,
eligibility rules, phases and criteria, and publish it. Views call these; nothing else
writes a round."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from core import audit
from core.workflow import TransitionRefused
from fund.models import Bid, Criterion, Round, RoundPhase
from fund.workflow import ROUND_TRANSITIONS, AssessmentStage, BidStatus, is_staff

# A round lives at /fund/<slug> and /manage/fund/<slug>; these words are other fund pages there.
RESERVED_SLUGS = frozenset({"bids", "partners", "decisions", "new"})

DETAIL_FIELDS = ("name", "summary", "guidance", "budget")
WINDOW_FIELDS = (
    "eoi_opens_at",
    "eoi_closes_at",
    "evaluation_ends_at",
    "applications_open_at",
    "applications_close_at",
    "decisions_by",
    "kick_off_at",
)
ELIGIBILITY_FIELDS = (
    "lead_must_be_local_authority",
    "lead_must_be_signatory",
    "min_signatory_authorities",
    "max_bids_led",
    "publish_eois_after_close",
)
# The order the database requires of a round's dates (Round.Meta): each later window, the
# one before it, whether they may be the same moment, and what to say when they are not in
# order. Forms show the message against the later date.
WINDOW_ORDER = (
    ("eoi_closes_at", "eoi_opens_at", False, "Expressions of interest must close after they open"),
    ("evaluation_ends_at", "eoi_closes_at", True, "Evaluation must end after expressions of interest close"),
    ("applications_open_at", "evaluation_ends_at", True, "Applications must open after evaluation ends"),
    ("applications_close_at", "applications_open_at", False, "Applications must close after they open"),
    ("decisions_by", "applications_close_at", True, "The decision date must be after applications close"),
    ("kick_off_at", "decisions_by", True, "Kick-off must be after the decision date"),
)
# Bids whose answers stand: a phase they asked for must keep funding them.
LIVE_BID_STATES = frozenset(set(BidStatus) - {BidStatus.DRAFT, BidStatus.WITHDRAWN})


def windows_out_of_order(windows: dict[str, datetime | None]) -> list[tuple[str, str]]:
    """(field, message) for each date that comes too early for the one before it."""
    found = []
    for later, earlier, may_equal, message in WINDOW_ORDER:
        start, end = windows.get(earlier), windows.get(later)
        if start is None or end is None:
            continue
        if end < start or (end == start and not may_equal):
            found.append((later, message))
    return found


# Details, dates and eligibility ---------------------------------------------------------------


def create(*, by, name: str, summary: str, guidance: str, budget: int, **windows: datetime) -> Round:
    """A new round, in draft: the public sees it once it is published."""
    _refuse_unless_staff(by)
    name = " ".join(name.split())
    _refuse_if_name_taken(name)
    _refuse_if_out_of_order(windows)
    fields = {"name": name, "summary": summary.strip(), "guidance": guidance.strip(), "budget": budget, **windows}
    for _ in range(5):
        try:
            with transaction.atomic():
                round_ = Round.objects.create(slug=_free_slug(name), **fields)
                audit.record(round_, "fund.round_created", by=by, changes={"name": (None, name)})
                return round_
        except IntegrityError:
            # Another round took the name or slug a moment ago.
            _refuse_if_name_taken(name)
    raise RuntimeError("Could not find an unused slug")


def change_details(round_: Round, *, by, name: str, summary: str, guidance: str, budget: int) -> Round:
    """The name, summary, guidance and budget. The address stays the same, so links to the
    round keep working after a change of name."""
    _refuse_unless_staff(by)
    name = " ".join(name.split())
    _refuse_if_name_taken(name, exclude=round_)
    values = {"name": name, "summary": summary.strip(), "guidance": guidance.strip(), "budget": budget}
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        # Locked: an award committed meanwhile must not end up over the new budget.
        if budget < locked.committed:
            raise TransitionRefused(
                f"£{locked.committed:,} is already committed to awards. Enter a budget of at least that",
                field="budget",
            )
        return _write(locked, values, "fund.round_details_changed", by)


def change_windows(round_: Round, *, by, **windows: datetime) -> Round:
    _refuse_unless_staff(by)
    _refuse_if_out_of_order(windows)
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        return _write(locked, {name: windows[name] for name in WINDOW_FIELDS}, "fund.round_windows_changed", by)


def change_eligibility(round_: Round, *, by, **rules: Any) -> Round:
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        return _write(locked, {name: rules[name] for name in ELIGIBILITY_FIELDS}, "fund.round_eligibility_changed", by)


def publish(round_: Round, *, by) -> Round:
    step = ROUND_TRANSITIONS["publish"]
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        step.check(locked.status, by)
        if not locked.phases.exists():
            raise TransitionRefused("Add at least one phase the round funds before you publish it")
        if not locked.criteria.filter(stage=AssessmentStage.EOI).exists():
            raise TransitionRefused("Add at least one criterion for expressions of interest before you publish it")
        before, locked.status = locked.status, step.target
        locked.save(update_fields=["status", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
    return locked


# Phases and criteria: fixed once scoring starts -------------------------------------------------


def save_phase(round_: Round, *, by, phase: str, max_award: int, existing: RoundPhase | None = None) -> RoundPhase:
    """Add a phase the round funds with its maximum award, or change `existing`."""
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = _lock_unfrozen(round_, "phases")
        if max_award > locked.budget:
            raise TransitionRefused(
                f"The maximum award cannot be more than the round’s budget of £{locked.budget:,}", field="max_award"
            )
        clash = locked.phases.filter(phase=phase).exclude(pk=getattr(existing, "pk", None)).first()
        if clash is not None:
            raise TransitionRefused(
                f"This round already funds {clash.get_phase_display().lower()}. Change that phase instead",
                field="phase",
            )
        if existing is None:
            row = RoundPhase(round=locked)
            before = None
        else:
            row = _own(locked.phases, existing)
            before = f"{row.get_phase_display()}: £{row.max_award:,}"
            if phase != row.phase:
                _refuse_if_bids_use(locked, row.phase, "change")
            else:
                _refuse_if_bids_use(locked, row.phase, "change", max_award=max_award)
        row.phase, row.max_award = phase, max_award
        row.save()
        after = f"{row.get_phase_display()}: £{row.max_award:,}"
        audit.record(locked, "fund.round_phase_saved", by=by, changes={"phase": (before, after)})
    return row


def remove_phase(round_: Round, *, by, round_phase: RoundPhase) -> None:
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = _lock_unfrozen(round_, "phases")
        row = _own(locked.phases, round_phase)
        _refuse_if_bids_use(locked, row.phase, "remove")
        label = row.get_phase_display()
        row.delete()
        audit.record(locked, "fund.round_phase_removed", by=by, changes={"phase": (label, None)})


def save_criterion(
    round_: Round,
    *,
    by,
    stage: str,
    title: str,
    guidance: str,
    weight: int,
    position: int | None = None,
    existing: Criterion | None = None,
) -> Criterion:
    """Add a criterion assessors score one stage against, or change `existing`. Without a
    position a new criterion goes last."""
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = _lock_unfrozen(round_, "criteria")
        row = Criterion(round=locked) if existing is None else _own(locked.criteria, existing)
        before = None if existing is None else row.title
        if position is None:
            last = locked.criteria.filter(stage=stage).aggregate(last=Max("position"))["last"]
            position = row.position if existing is not None else (1 if last is None else last + 1)
        row.stage, row.title, row.guidance = stage, title.strip(), guidance.strip()
        row.weight, row.position = weight, position
        row.save()
        audit.record(locked, "fund.round_criterion_saved", by=by, changes={"criterion": (before, row.title)})
    return row


def remove_criterion(round_: Round, *, by, criterion: Criterion) -> None:
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = _lock_unfrozen(round_, "criteria")
        row = _own(locked.criteria, criterion)
        title = row.title
        row.delete()
        audit.record(locked, "fund.round_criterion_removed", by=by, changes={"criterion": (title, None)})


# Helpers ------------------------------------------------------------------------------------


def _refuse_unless_staff(by) -> None:
    if not is_staff(by):
        raise TransitionRefused("You do not have permission to do this")


def _refuse_if_name_taken(name: str, *, exclude: Round | None = None) -> None:
    others = Round.objects.filter(name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise TransitionRefused(f"There is already a round called {name}. Enter a different name", field="name")


def _refuse_if_out_of_order(windows: dict[str, datetime]) -> None:
    problems = windows_out_of_order(windows)
    if problems:
        field, message = problems[0]
        raise TransitionRefused(message, field=field)


def _lock_unfrozen(round_: Round, what: str) -> Round:
    """The round, locked so that the first score cannot be recorded while its phases or
    criteria change, and refused once scoring has started."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.is_frozen:
        when = timezone.localtime(locked.frozen_at).strftime("%-d %B %Y")
        raise TransitionRefused(
            f"Assessors started scoring this round on {when}, so its {what} can no longer change: "
            "every score must stay readable against what was scored"
        )
    return locked


def _own(rows, row):
    """`row` as it is now in the locked round's rows; refused if it belongs to another round."""
    found = rows.filter(pk=row.pk).first()
    if found is None:
        raise TransitionRefused("That belongs to another round")
    return found


def _refuse_if_bids_use(locked: Round, phase: str, action: str, *, max_award: int | None = None) -> None:
    bids = Bid.objects.filter(round=locked, phase=phase, status__in=LIVE_BID_STATES)
    if max_award is not None:
        bids = bids.filter(amount_requested__gt=max_award)
    count = bids.count()
    if not count:
        return
    label = "a submitted bid asks" if count == 1 else f"{count} submitted bids ask"
    if max_award is not None:
        raise TransitionRefused(
            f"You cannot lower the maximum below what {label} for. Enter at least the largest amount requested",
            field="max_award",
        )
    raise TransitionRefused(f"You cannot {action} this phase: {label} for it")


def _write(locked: Round, values: dict[str, Any], action: str, by) -> Round:
    before = {name: getattr(locked, name) for name in values}
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*values, "updated_at"])
    changes = audit.changed_fields(before, locked, list(values))
    if changes:
        audit.record(locked, action, by=by, changes=changes)
    return locked


def _free_slug(name: str) -> str:
    base = slugify(name)[:140] or "round"
    taken = set(Round.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    return next(slug for slug in _slugs_from(base) if slug not in taken)


def _slugs_from(base: str) -> Iterator[str]:
    yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1
