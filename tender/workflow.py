"""The Tender: the states of a need, of a supplier's question and of a case study, the moves
between them and who may make them.

A member of a public-sector organisation writes a need and sends it for review; a moderator
publishes or rejects it. A published need takes questions until its closing date; its
organisation closes it when the conversation is over, with the outcome. Linking a need to its
procurement notice is not a move: a published or closed need gains the reference, audited.

A supplier's question waits for the council's answer, or is held for a moderator first when it
may contain personal data or name another supplier's staff. The answer is published with an
anonymised wording of the question, to every supplier at once.

A supplier's case study names a council; it is shown as confirmed only once a member of that
council confirms it.

Services check every move against these tables; whether the person belongs to the need's
organisation or to the supplier needs the object, so services check that too.
"""

from django.db import models

from core.workflow import Transition


class NeedStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    PUBLISHED = "published", "Open"
    REJECTED = "rejected", "Rejected"
    CLOSED = "closed", "Closed"


class QuestionStatus(models.TextChoices):
    HELD = "held", "Held for moderation"
    AWAITING_ANSWER = "awaiting_answer", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
    REJECTED = "rejected", "Not published"


class CaseStudyStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Not confirmed"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


class SupplierStatus(models.TextChoices):
    LISTED = "listed", "Listed"
    SUSPENDED = "suspended", "Suspended"


# Shown on the public pages, in the feed, the API and the downloads.
PUBLIC_NEED_STATES = frozenset({NeedStatus.PUBLISHED, NeedStatus.CLOSED})


def is_moderator(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated


NEED_TRANSITIONS = {
    "submit": Transition(
        frozenset({NeedStatus.DRAFT, NeedStatus.REJECTED}),
        NeedStatus.SUBMITTED,
        is_signed_in,
        "tender.need_submitted",
        "This need cannot be sent for review because it is {state}",
    ),
    "publish": Transition(
        frozenset({NeedStatus.SUBMITTED}),
        NeedStatus.PUBLISHED,
        is_moderator,
        "tender.need_published",
        "This need cannot be published because it is {state}",
    ),
    "reject": Transition(
        frozenset({NeedStatus.SUBMITTED}),
        NeedStatus.REJECTED,
        is_moderator,
        "tender.need_rejected",
        "This need cannot be rejected because it is {state}",
        needs_reason=True,
    ),
    "close": Transition(
        frozenset({NeedStatus.PUBLISHED}),
        NeedStatus.CLOSED,
        is_signed_in,
        "tender.need_closed",
        "This need cannot be closed because it is {state}",
    ),
}

QUESTION_TRANSITIONS = {
    "release": Transition(
        frozenset({QuestionStatus.HELD}),
        QuestionStatus.AWAITING_ANSWER,
        is_moderator,
        "tender.question_released",
        "This question cannot be released because it is {state}",
    ),
    "reject": Transition(
        frozenset({QuestionStatus.HELD, QuestionStatus.AWAITING_ANSWER}),
        QuestionStatus.REJECTED,
        is_signed_in,
        "tender.question_rejected",
        "This question cannot be turned down because it is {state}",
        needs_reason=True,
    ),
    "answer": Transition(
        frozenset({QuestionStatus.AWAITING_ANSWER}),
        QuestionStatus.ANSWERED,
        is_signed_in,
        "tender.question_answered",
        "This question cannot be answered because it is {state}",
    ),
}

CASE_STUDY_TRANSITIONS = {
    "confirm": Transition(
        frozenset({CaseStudyStatus.UNCONFIRMED, CaseStudyStatus.DECLINED}),
        CaseStudyStatus.CONFIRMED,
        is_signed_in,
        "tender.case_study_confirmed",
        "This case study cannot be confirmed because it is {state}",
    ),
    "decline": Transition(
        frozenset({CaseStudyStatus.UNCONFIRMED, CaseStudyStatus.CONFIRMED}),
        CaseStudyStatus.DECLINED,
        is_signed_in,
        "tender.case_study_declined",
        "This case study cannot be declined because it is {state}",
    ),
}

SUPPLIER_TRANSITIONS = {
    "suspend": Transition(
        frozenset({SupplierStatus.LISTED}),
        SupplierStatus.SUSPENDED,
        is_moderator,
        "tender.supplier_suspended",
        "This supplier cannot be suspended because it is {state}",
        needs_reason=True,
    ),
    "reinstate": Transition(
        frozenset({SupplierStatus.SUSPENDED}),
        SupplierStatus.LISTED,
        is_moderator,
        "tender.supplier_reinstated",
        "This supplier cannot be listed again because it is {state}",
    ),
}
