"""Suppliers' questions on needs: asking, moderation, answers.

A person at a listed supplier asks on a published need until the end of its closing date, on
London's clocks. A question that may hold personal data (an email address, a UK phone number)
or the full name of someone at another supplier is held for a moderator, who releases it or
turns it down; any other waits for the need's organisation. A member of that organisation
answers with a wording of the question that names nobody: wording and answer are published on
the need's page at once and emailed to every supplier that asked or registered interest.

Nobody outside the need's organisation learns who asked: public pages and other suppliers'
emails carry the wording only. The organisation sees the asking supplier's name (never the
person's) so that it can leave it out of the wording; its emails name no supplier.
"""

import datetime
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import LONDON
from core.email import send_email
from core.workflow import TransitionRefused
from tender import needs
from tender.forms.questions import AskForm
from tender.models import Need, Question, Supplier
from tender.workflow import (
    QUESTION_TRANSITIONS,
    NeedStatus,
    QuestionStatus,
    SupplierStatus,
    is_moderator,
)

PAGE_SIZE = 25

EMAIL_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A UK number written the usual ways: 07700 900123, 020 7946 0958, (020) 7946 0958,
# +44 7700 900123, +44 (0)20 7946 0958. Digits are grouped by single spaces only, so that
# references like a Find a Tender notice number (012345-2026) are not taken for one.
UK_PHONE_NUMBER = re.compile(r"(?<![\w+])(?:(?:\+|00)44 ?(?:\(0\) ?)?|\(0|0)(?:\)? ?\d){9,10}(?!\d)")
# Left out when looking for a supplier's name: "Civic Code" names "Civic Code Ltd" as surely.
LEGAL_SUFFIX = re.compile(
    r"\s+(ltd\.?|limited|llp|plc|cic|c\.i\.c\.|cio|community interest company)$", flags=re.IGNORECASE
)


# Reading ------------------------------------------------------------------------------------


def closes_at(need: Need) -> datetime.datetime:
    """The moment questions close: the end of the closing date in London."""
    next_day = need.questions_close_on + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time(), tzinfo=LONDON)


def published_on(need: Need) -> QuerySet[Question]:
    """The need's answered questions, oldest answer first. Only the published wording and the
    answer are read: never the question as asked, the supplier or the person."""
    return (
        Question.objects.filter(need=need, status=QuestionStatus.ANSWERED)
        .only("pk", "need_id", "published_question", "answer", "answered_at")
        .order_by("answered_at", "pk")
    )


def need_page_context(need: Need, user) -> dict:
    """What the need's page needs for `tender/questions/_on_need.html`: the published
    questions and answers, whether questions are open, and the ask form for someone at a
    listed supplier while they are."""
    is_open = needs.taking_questions(need)
    suppliers = needs.suppliers_of(user) if is_open else []
    return {
        "need_questions": {
            "need": need,
            "answered": list(published_on(need)),
            "open": is_open,
            "closed_early": need.status != NeedStatus.PUBLISHED and timezone.now() < closes_at(need),
            "closes_on": need.questions_close_on,
            "ask_form": AskForm(suppliers=suppliers) if suppliers else None,
            "signed_in": user.is_authenticated,
            "waiting": _waiting_count(need, user),
        }
    }


def _waiting_count(need: Need, user) -> int:
    """How many questions wait for an answer from `user`'s organisation (0 for anyone else)."""
    if not needs.is_member(user, need):
        return 0
    return Question.objects.filter(need=need, status=QuestionStatus.AWAITING_ANSWER).count()


def question_for_asker(user, pk: int) -> Question:
    """A question asked for a supplier `user` works at; anyone else's is not found."""
    questions = Question.objects.select_related("need", "need__organisation", "supplier")
    return get_object_or_404(questions, pk=pk, supplier__members=user)


def waiting_for_council(user, page_number) -> Page:
    """Questions waiting for an answer on the needs of organisations `user` works at, oldest
    first: the ones a supplier has waited longest for."""
    questions = (
        Question.objects.filter(
            status=QuestionStatus.AWAITING_ANSWER,
            need__organisation__memberships__user=user,
            need__organisation__memberships__status=MembershipStatus.APPROVED,
        )
        .select_related("need", "need__organisation", "supplier")
        .order_by("asked_at", "pk")
    )
    return Paginator(questions, PAGE_SIZE).get_page(page_number)


def question_for_council(user, pk: int) -> Question:
    """A question on a need of an organisation `user` works at. One held for a moderator is
    not the council's yet, and anyone else's is not found."""
    questions = Question.objects.select_related("need", "need__organisation", "supplier").exclude(
        status=QuestionStatus.HELD
    )
    return get_object_or_404(
        questions,
        pk=pk,
        need__organisation__memberships__user=user,
        need__organisation__memberships__status=MembershipStatus.APPROVED,
    )


def held(page_number) -> Page:
    """Questions held for a moderator, oldest first."""
    questions = (
        Question.objects.filter(status=QuestionStatus.HELD)
        .select_related("need", "need__organisation", "supplier")
        .order_by("asked_at", "pk")
    )
    return Paginator(questions, PAGE_SIZE).get_page(page_number)


def held_question(pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("need", "need__organisation", "supplier"), pk=pk)


# Writing ------------------------------------------------------------------------------------


def ask(need: Need, supplier: Supplier | None, *, by: User, text: str) -> Question:
    """Record `by`'s question for `supplier`, held for a moderator if it may hold personal
    data, and tell the asker (and, unless it is held, the need's organisation)."""
    text = text.strip()
    if not text:
        raise TransitionRefused("Enter your question", field="text")
    with transaction.atomic():
        # Locked so that a question sent as the need is closed is either in before or refused.
        locked = Need.objects.select_for_update().select_related("organisation").get(pk=need.pk)
        _refuse_unless_open(locked)
        if supplier not in needs.suppliers_of(by):
            raise TransitionRefused("Only people who work at a supplier listed on the Tender can ask questions")
        reasons = reasons_to_hold(text, supplier)
        question = Question.objects.create(
            need=locked,
            supplier=supplier,
            asked_by=by,
            text=text,
            status=QuestionStatus.HELD if reasons else QuestionStatus.AWAITING_ANSWER,
            held_because=f"It may contain {_and(reasons)}" if reasons else "",
        )
        audit.record(
            question,
            "tender.question_asked",
            by=by,
            changes={"status": (None, question.status)},
            reason=question.held_because,
        )
        send_email(by.email, "tender_question_received", _context(question))
        if not reasons:
            _tell_the_organisation(question)
    return question


def release(question: Question, *, by: User) -> Question:
    """A moderator passes a held question to the need's organisation."""
    step = QUESTION_TRANSITIONS["release"]
    with transaction.atomic():
        locked = _lock(question)
        step.check(locked.status, by)
        before, locked.status = locked.status, step.target
        locked.save(update_fields=["status"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        if locked.asked_by is not None:
            send_email(locked.asked_by.email, "tender_question_released", _context(locked))
        _tell_the_organisation(locked)
    return locked


def turn_down(question: Question, *, by: User, reason: str) -> Question:
    """Decide not to publish a question: a moderator, while it is held; a member of the need's
    organisation, once it waits for their answer. The asker is emailed the reason."""
    step = QUESTION_TRANSITIONS["reject"]
    reason = reason.strip()
    with transaction.atomic():
        locked = _lock(question)
        step.check(locked.status, by, reason)
        by_moderator = locked.status == QuestionStatus.HELD
        allowed = is_moderator(by) if by_moderator else needs.is_member(by, locked.need)
        if not allowed:
            raise TransitionRefused("You do not have permission to do this")
        before, locked.status, locked.reason = locked.status, step.target, reason
        locked.save(update_fields=["status", "reason"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
        if locked.asked_by is not None:
            context = {**_context(locked), "by_moderator": by_moderator}
            send_email(locked.asked_by.email, "tender_question_turned_down", context)
    return locked


def answer(question: Question, *, by: User, wording: str, answer: str) -> Question:
    """A member of the need's organisation answers: the wording and the answer are published
    on the need's page and emailed to every supplier that asked or registered interest."""
    step = QUESTION_TRANSITIONS["answer"]
    wording, answer = wording.strip(), answer.strip()
    if not wording:
        raise TransitionRefused("Enter the question as everyone will see it", field="published_question")
    if not answer:
        raise TransitionRefused("Enter your answer", field="answer")
    with transaction.atomic():
        locked = _lock(question)
        step.check(locked.status, by)
        if not needs.is_member(by, locked.need):
            raise TransitionRefused("You do not have permission to do this")
        _refuse_if_it_says_who_asked(locked, wording)
        before, locked.status = locked.status, step.target
        locked.published_question, locked.answer = wording, answer
        locked.answered_by, locked.answered_at = by, timezone.now()
        locked.save(update_fields=["status", "published_question", "answer", "answered_by", "answered_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
        _send_the_answer(locked)
    return locked


# Holding rules --------------------------------------------------------------------------------


def reasons_to_hold(text: str, supplier: Supplier) -> list[str]:
    """What in `text` may be personal data, worded to follow "It may contain": an email
    address, a UK phone number, the full name of someone who works at another supplier."""
    reasons = []
    if EMAIL_ADDRESS.search(text):
        reasons.append("an email address")
    if UK_PHONE_NUMBER.search(text):
        reasons.append("a phone number")
    if any(_contains(text, name) for name in _full_names_at_other_suppliers(supplier)):
        reasons.append("the name of someone who works at another supplier")
    return reasons


def _full_names_at_other_suppliers(supplier: Supplier) -> Iterable[str]:
    names = (
        User.objects.filter(suppliers__isnull=False)
        .exclude(suppliers=supplier)
        .values_list("full_name", flat=True)
        .distinct()
    )
    # A full name has at least two words; one word alone ("Will", "Rose") is too often not a name.
    return [name for name in names if len(name.split()) > 1]


def _refuse_if_it_says_who_asked(question: Question, wording: str) -> None:
    """Refuse a published wording with the asking supplier's name, the name of anyone who
    works there (or any part of it), or any email address or phone number."""
    supplier = question.supplier
    people = list(supplier.members.values_list("full_name", flat=True))
    if question.asked_by is not None:
        people.append(question.asked_by.full_name)
    names_of_people = {part for name in people for part in [name, *name.split()] if len(part) > 1}
    for found, what in [
        *((name, "the name of the supplier that asked") for name in _names_of(supplier)),
        *(
            (name, "the name of someone at the supplier that asked")
            for name in sorted(names_of_people, key=lambda name: (-len(name), name))
        ),
    ]:
        if _contains(wording, found):
            raise TransitionRefused(
                f"The published question must not say who asked. Remove {what} (‘{found}’)",
                field="published_question",
            )
    for pattern, what in [(EMAIL_ADDRESS, "the email address"), (UK_PHONE_NUMBER, "the phone number")]:
        match = pattern.search(wording)
        if match:
            raise TransitionRefused(
                f"The published question must not include personal details. Remove {what} (‘{match[0].strip()}’)",
                field="published_question",
            )


def _names_of(supplier: Supplier) -> list[str]:
    short = LEGAL_SUFFIX.sub("", supplier.name.strip())
    return [supplier.name] if short == supplier.name else [supplier.name, short]


def _contains(text: str, words: str) -> bool:
    """Whether `words` appear in `text` as whole words, in any case, however they are spaced."""
    parts = [re.escape(part) for part in words.split()]
    if not parts:
        return False
    spaced = r"\s+".join(parts)
    return re.search(rf"(?<!\w){spaced}(?!\w)", text, flags=re.IGNORECASE) is not None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# Helpers ----------------------------------------------------------------------------------


def _refuse_unless_open(need: Need) -> None:
    closing = need.questions_close_on
    if need.status != NeedStatus.PUBLISHED:
        raise TransitionRefused("This need is closed, so it takes no more questions", field="text")
    if timezone.now() >= closes_at(need):
        raise TransitionRefused(f"Questions on this need closed on {closing.day} {closing:%B %Y}", field="text")


def _lock(question: Question) -> Question:
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("need", "need__organisation", "supplier", "asked_by")
        .get(pk=question.pk)
    )


def _context(question: Question) -> dict:
    need = question.need
    return {
        "question": question,
        "need": need,
        "organisation": need.organisation.name,
        "need_url": settings.SITE_URL + need.get_absolute_url(),
    }


def _tell_the_organisation(question: Question) -> None:
    """Email the need's organisation that a question waits. The email names no supplier and
    quotes no question: it may be forwarded, and the page it links to is for members only."""
    context = {**_context(question), "answer_url": settings.SITE_URL + reverse("tender:council_questions")}
    people = User.objects.filter(
        is_active=True,
        memberships__organisation_id=question.need.organisation_id,
        memberships__status=MembershipStatus.APPROVED,
    )
    for email in people.order_by("pk").values_list("email", flat=True):
        send_email(email, "tender_question_waiting", context)


def _send_the_answer(question: Question) -> None:
    """Email the answer to everyone at each listed supplier that asked on the need or
    registered interest in it, once each however many of those suppliers they work at."""
    need = question.need
    suppliers = Supplier.objects.filter(Q(questions__need=need) | Q(interests__need=need), status=SupplierStatus.LISTED)
    people = User.objects.filter(is_active=True, suppliers__in=suppliers).distinct().order_by("pk")
    context = _context(question)
    for email in people.values_list("email", flat=True):
        send_email(email, "tender_question_answered", context)
