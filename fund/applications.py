"""An invited bid's full application: the members of the lead organisation answer each
section (team, plan, budget, user research, openness) as a draft, then submit the whole
inside the round's application window. Views call these functions; nothing else writes an
application or moves a bid to "application submitted"."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import moment_in_words
from core.email import send_email
from core.workflow import TransitionRefused
from fund.models import Application, Bid, BudgetLine
from fund.workflow import BID_TRANSITIONS, BidStatus

# The sections answered in words, by the Application field that holds each.
TEXT_SECTIONS = {
    "team": "Team and roles",
    "plan": "Plan by phase",
    "user_research": "User research",
}
ANSWER_FIELDS = frozenset({"team", "plan", "user_research", "publishes_outputs_openly", "code_licence"})
# The states in which a bid's applicants see its full application: invited and after.
APPLICANT_STATES = frozenset(
    {
        BidStatus.INVITED,
        BidStatus.APPLICATION_SUBMITTED,
        BidStatus.DECISION_PROPOSED,
        BidStatus.AWARDED,
        BidStatus.NOT_FUNDED,
    }
)
OPENNESS_REFUSAL = (
    "The fund pays only for work whose outputs are published openly, so others can reuse them. "
    "Answer yes to publishing your outputs openly to submit"
)


class Progress:
    NOT_STARTED = "Not yet started"
    INCOMPLETE = "Incomplete"
    COMPLETED = "Completed"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    url_name: str
    status: str


# Reading -----------------------------------------------------------------------------------


def bid_for_applicant(user: User, reference: str) -> Bid:
    """A bid whose full application `user` may see: they work at its lead organisation.
    Anybody else's bid, or a bid never invited, is not found."""
    bids = Bid.objects.select_related("round", "lead_organisation").filter(
        lead_organisation__memberships__user=user,
        lead_organisation__memberships__status=MembershipStatus.APPROVED,
        status__in=APPLICANT_STATES,
    )
    return get_object_or_404(bids, reference=reference)


def application_of(bid: Bid) -> Application:
    """The bid's application, or an empty unsaved one if nobody has answered anything yet."""
    try:
        return bid.application
    except Application.DoesNotExist:
        return Application(bid=bid)


def budget_lines(application: Application) -> list[BudgetLine]:
    return list(application.budget_lines.all()) if application.pk else []


def budget_total(lines: list[BudgetLine]) -> int:
    return sum(line.amount for line in lines)


def sections(application: Application, lines: list[BudgetLine]) -> list[Section]:
    """The task list: each section with its state."""
    amount = application.bid.amount_requested
    result = [
        Section(key, title, f"fund:application_{key}", _text_progress(getattr(application, key)))
        for key, title in TEXT_SECTIONS.items()
    ]
    if not lines:
        budget = Progress.NOT_STARTED
    else:
        budget = Progress.COMPLETED if budget_total(lines) == amount else Progress.INCOMPLETE
    result.insert(2, Section("budget", "Budget", "fund:application_budget", budget))
    answered = [application.publishes_outputs_openly is not None, bool(application.code_licence)]
    if not any(answered):
        openness = Progress.NOT_STARTED
    elif all(answered) and application.publishes_outputs_openly:
        openness = Progress.COMPLETED
    else:
        openness = Progress.INCOMPLETE
    result.append(Section("openness", "Openness", "fund:application_openness", openness))
    return result


def can_change(bid: Bid, now=None) -> bool:
    """Whether the applicants may still change the answers: while the bid is invited and
    the application window has not closed."""
    now = now or timezone.now()
    return bid.status == BidStatus.INVITED and now < bid.round.applications_close_at


def applicants(bid: Bid) -> QuerySet[User]:
    """The people told about the bid: everyone who works at its lead organisation."""
    return User.objects.filter(
        memberships__organisation_id=bid.lead_organisation_id,
        memberships__status=MembershipStatus.APPROVED,
        is_active=True,
    ).order_by("email")


# Writing -----------------------------------------------------------------------------------


def save_answers(bid: Bid, *, by: User, **answers) -> Application:
    """Save one section's answers as a draft."""
    unknown = set(answers) - ANSWER_FIELDS
    if unknown:
        raise ValueError(f"Not application answers: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_changeable(bid, by)
        application, _ = Application.objects.get_or_create(bid=locked)
        before = {name: getattr(application, name) for name in answers}
        for name, value in answers.items():
            setattr(application, name, value.strip() if isinstance(value, str) else value)
        application.save(update_fields=[*answers, "updated_at"])
        changed = audit.changed_fields(before, application, list(answers))
        if changed:
            # The trail says which answers changed; the answers themselves are in the record.
            audit.record(locked, "fund.application_saved", by=by, changes={name: ("", "") for name in changed})
    return application


def add_budget_line(bid: Bid, *, by: User, description: str, amount: int) -> BudgetLine:
    with transaction.atomic():
        locked = _lock_changeable(bid, by)
        application, _ = Application.objects.get_or_create(bid=locked)
        last = application.budget_lines.aggregate(last=Max("position"))["last"]
        line = BudgetLine.objects.create(
            application=application,
            description=description.strip(),
            amount=amount,
            position=0 if last is None else last + 1,
        )
        audit.record(locked, "fund.budget_line_added", by=by, changes={"budget_line": (None, str(line))})
    return line


def remove_budget_line(bid: Bid, *, by: User, line_id: int) -> None:
    with transaction.atomic():
        locked = _lock_changeable(bid, by)
        line = BudgetLine.objects.filter(application__bid=locked, pk=line_id).first()
        if line is None:
            raise TransitionRefused("That budget line has already been removed")
        text = str(line)
        line.delete()
        audit.record(locked, "fund.budget_line_removed", by=by, changes={"budget_line": (text, None)})


def submit_application(bid: Bid, *, by: User) -> Bid:
    """Send the full application for assessment. Refused outside the application window,
    with any section unanswered, or with a budget that does not add up to the amount asked
    for; the application cannot be changed afterwards."""
    step = BID_TRANSITIONS["submit_application"]
    with transaction.atomic():
        locked = Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid.pk)
        step.check(locked.status, by)
        _refuse_unless_applicant(locked, by)
        now = timezone.now()
        _refuse_outside_window(locked, now)
        application = Application.objects.filter(bid=locked).first()
        _refuse_if_incomplete(locked, application)
        before = locked.status
        locked.status, locked.application_submitted_at = step.target, now
        locked.save(update_fields=["status", "application_submitted_at", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        context = {
            "bid": locked,
            "round": locked.round,
            "link": settings.SITE_URL + reverse("fund:application", args=[locked.reference]),
        }
        for person in applicants(locked):
            send_email(person.email, "fund_application_submitted", context)
    return locked


# Helpers -----------------------------------------------------------------------------------


def _text_progress(value: str) -> str:
    return Progress.COMPLETED if value.strip() else Progress.NOT_STARTED


def _refuse_unless_applicant(bid: Bid, by: User) -> None:
    works_there = Membership.objects.filter(
        user=by, organisation_id=bid.lead_organisation_id, status=MembershipStatus.APPROVED
    ).exists()
    if not works_there:
        raise TransitionRefused(f"Only people who work at {bid.lead_organisation} can change this application")


def _lock_changeable(bid: Bid, by: User) -> Bid:
    """The bid, locked, once the applicants may still change it: checked under the lock
    because a colleague may have submitted it in another tab."""
    locked = Bid.objects.select_for_update(of=("self",)).select_related("round", "lead_organisation").get(pk=bid.pk)
    _refuse_unless_applicant(locked, by)
    if locked.status != BidStatus.INVITED:
        label = BidStatus(locked.status).label.lower()
        raise TransitionRefused(f"This application cannot be changed because the bid is {label}")
    if timezone.now() >= locked.round.applications_close_at:
        raise TransitionRefused(_closed_message(locked))
    return locked


def _refuse_outside_window(bid: Bid, now) -> None:
    round_ = bid.round
    if now < round_.applications_open_at:
        raise TransitionRefused(f"Applications for {round_} open at {moment_in_words(round_.applications_open_at)}")
    if now >= round_.applications_close_at:
        raise TransitionRefused(_closed_message(bid))


def _closed_message(bid: Bid) -> str:
    closed = moment_in_words(bid.round.applications_close_at)
    return f"Applications for {bid.round} closed at {closed}"


def _refuse_if_incomplete(bid: Bid, application: Application | None) -> None:
    if application is None:
        raise TransitionRefused("Answer every section of the application before you submit")
    missing = [title for key, title in TEXT_SECTIONS.items() if not getattr(application, key).strip()]
    if missing:
        raise TransitionRefused(f"Complete these sections before you submit: {', '.join(missing)}")
    total = application.budget_lines.aggregate(total=Sum("amount"))["total"] or 0
    if total != bid.amount_requested:
        raise TransitionRefused(budget_mismatch(total, bid.amount_requested))
    if application.publishes_outputs_openly is not True:
        raise TransitionRefused(OPENNESS_REFUSAL)
    if not application.code_licence:
        raise TransitionRefused("Choose the open-source licence for your code before you submit")


def budget_mismatch(total: int, requested: int | None) -> str:
    return f"Your budget adds up to £{total:,}; it must add up to the £{requested or 0:,} you asked for"
