"""Questions about a round and their answers. Someone who works at an organisation asks;
programme staff answer (the asker is emailed the answer) and may publish the question, in
wording that names nobody, with its answer on the round's public Q&A page."""

import re

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.email import send_email
from core.workflow import TransitionRefused
from fund.models import Question, Round
from fund.workflow import RoundStatus, is_staff

PAGE_SIZE = 25
PUBLIC_PAGE_SIZE = 50


# Reading -----------------------------------------------------------------------------------


def round_open_to_questions(slug: str) -> Round:
    """A published round: the only kind people can ask about and read answers on."""
    return get_object_or_404(Round, slug=slug, status=RoundStatus.PUBLISHED)


def round_for_staff(slug: str) -> Round:
    return get_object_or_404(Round, slug=slug)


def question_for_staff(round_: Round, pk: int) -> Question:
    return get_object_or_404(Question.objects.select_related("round", "asked_by", "answered_by"), round=round_, pk=pk)


def queue(round_: Round, page_number) -> Page:
    """The round's questions for staff: unanswered first, oldest first within each group."""
    unanswered_first = Case(
        When(answered_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    questions = (
        Question.objects.filter(round=round_).select_related("asked_by").order_by(unanswered_first, "asked_at", "pk")
    )
    return Paginator(questions, PAGE_SIZE).get_page(page_number)


def published(round_: Round, page_number) -> Page:
    """The round's published questions and answers, in the order they were published.
    Only the reworded question and the answer are read: never who asked."""
    questions = (
        Question.objects.filter(round=round_, published_at__isnull=False)
        .only("pk", "round_id", "published_question", "answer", "published_at")
        .order_by("published_at", "pk")
    )
    return Paginator(questions, PUBLIC_PAGE_SIZE).get_page(page_number)


def may_ask(user: User) -> bool:
    """Anyone who works at an organisation the service lists may ask about a round."""
    return Membership.objects.filter(user=user, status=MembershipStatus.APPROVED).exists()


# Writing -----------------------------------------------------------------------------------


def ask(round_: Round, *, by: User, text: str) -> Question:
    if round_.status != RoundStatus.PUBLISHED:
        raise TransitionRefused("You can only ask about a round that has been published")
    if not may_ask(by):
        raise TransitionRefused("Only people who work at an organisation we list can ask questions about the fund")
    if not text.strip():
        raise TransitionRefused("Enter your question", field="text")
    with transaction.atomic():
        question = Question.objects.create(round=round_, asked_by=by, text=text.strip())
        audit.record(question, "fund.question_asked", by=by)
    return question


def answer(question: Question, *, by: User, text: str) -> Question:
    """Answer the question privately: the asker is emailed the answer."""
    _refuse_unless_staff(by)
    if not text.strip():
        raise TransitionRefused("Enter your answer", field="answer")
    with transaction.atomic():
        locked = (
            Question.objects.select_for_update(of=("self",)).select_related("round", "asked_by").get(pk=question.pk)
        )
        if locked.answered_at is not None:
            raise TransitionRefused("Someone has already answered this question")
        locked.answer, locked.answered_by, locked.answered_at = text.strip(), by, timezone.now()
        locked.save(update_fields=["answer", "answered_by", "answered_at"])
        audit.record(locked, "fund.question_answered", by=by)
        if locked.asked_by is not None:
            context = {
                "question": locked,
                "round": locked.round,
                "link": settings.SITE_URL + reverse("fund:questions", args=[locked.round.slug]),
            }
            send_email(locked.asked_by.email, "fund_question_answered", context)
    return locked


def publish(question: Question, *, by: User, wording: str) -> Question:
    """Publish the answered question, in `wording` that names nobody, with its answer."""
    _refuse_unless_staff(by)
    wording = wording.strip()
    if not wording:
        raise TransitionRefused("Enter the question as it will be published", field="published_question")
    with transaction.atomic():
        locked = (
            Question.objects.select_for_update(of=("self",)).select_related("round", "asked_by").get(pk=question.pk)
        )
        if locked.answered_at is None:
            raise TransitionRefused("Answer the question before you publish it")
        _refuse_if_it_names_the_asker(locked, wording)
        first_time = locked.published_at is None
        locked.published_question = wording
        locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["published_question", "published_at"])
        audit.record(locked, "fund.question_published" if first_time else "fund.published_question_changed", by=by)
    return locked


def unpublish(question: Question, *, by: User) -> Question:
    _refuse_unless_staff(by)
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.published_at is None:
            raise TransitionRefused("This question is not published")
        locked.published_at = None
        locked.save(update_fields=["published_at"])
        audit.record(locked, "fund.question_unpublished", by=by)
    return locked


# Helpers -----------------------------------------------------------------------------------


def _refuse_unless_staff(by: User) -> None:
    if not is_staff(by):
        raise TransitionRefused("You do not have permission to do this")


def _refuse_if_it_names_the_asker(question: Question, wording: str) -> None:
    """Refuse published wording that contains the asker's name (or any part of it), their
    email address (or its part before the @) or an organisation they work at."""
    asker = question.asked_by
    if asker is None:
        return
    local_part = asker.email.split("@", 1)[0]
    organisations = Membership.objects.filter(user=asker, status=MembershipStatus.APPROVED).values_list(
        "organisation__name", flat=True
    )
    for found, what in [
        *((part, "the asker’s name") for part in [asker.full_name, *asker.full_name.split()]),
        (asker.email, "the asker’s email address"),
        (local_part, "the asker’s email address"),
        *((name, "the asker’s organisation") for name in organisations),
    ]:
        if len(found) > 1 and _contains(wording, found):
            raise TransitionRefused(
                f"The published question must not name the asker. Remove {what} (‘{found}’)",
                field="published_question",
            )


def _contains(text: str, words: str) -> bool:
    """Whether `words` appear in `text` as whole words, in any case."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, flags=re.IGNORECASE) is not None
