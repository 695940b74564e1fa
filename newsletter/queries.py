"""Read functions for newsletter pages and the sending job: bounded and pre-joined, so a page
costs the same number of queries however many rows it shows."""

from collections.abc import Iterable
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from core.tokens import hash_token
from newsletter.models import Delivery, Issue, ManageLink, Subscriber, SubscriberTopic
from newsletter.workflow import IssueStatus, SubscriberStatus

ARCHIVE_PAGE_SIZE = 20
STAFF_PAGE_SIZE = 25


# Subscribers --------------------------------------------------------------------------------


def subscriber_for_link(token: str) -> Subscriber | None:
    """The subscriber a manage or unsubscribe link belongs to, with their topics, or None for
    a token we never issued (or whose subscriber's data was erased)."""
    link = (
        ManageLink.objects.select_related("subscriber")
        .prefetch_related("subscriber__topics")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return link.subscriber if link else None


def deliveries_to(subscriber: Subscriber) -> QuerySet[Delivery]:
    """The issues sent to `subscriber`, newest first, for "Your data"."""
    # Capped only as a guard: at one issue a month, 200 is over sixteen years of updates.
    return subscriber.deliveries.select_related("issue").defer("issue__body").order_by("-created_at", "-pk")[:200]


def unconfirmed_since(moment: datetime) -> QuerySet[Subscriber]:
    """Up to 500 people who asked to subscribe before `moment`, never confirmed, and have not
    asked again since."""
    return (
        Subscriber.objects.filter(status=SubscriberStatus.PENDING, created_at__lt=moment)
        .exclude(confirmation_links__created_at__gte=moment)
        .order_by("pk")[:500]
    )


def recipients(topics: Iterable[str]) -> QuerySet[Subscriber]:
    """Confirmed subscribers who chose any of `topics`, in id order."""
    chose_a_topic = SubscriberTopic.objects.filter(subscriber=OuterRef("pk"), topic__in=list(topics))
    return Subscriber.objects.filter(Exists(chose_a_topic), status=SubscriberStatus.CONFIRMED).order_by("pk")


def recipients_after_checkpoint(issue: Issue) -> QuerySet[Subscriber]:
    """Who the sending job has still to reach, in id order: after its checkpoint, up to its
    ceiling. The job takes a batch at a time from the front."""
    return (
        recipients(issue.topics)
        .filter(pk__gt=issue.last_subscriber_id, pk__lte=issue.last_recipient_id)
        .only("pk", "email")
    )


# Issues -------------------------------------------------------------------------------------


def issues_for_staff(page_number) -> Page:
    """Every issue, newest first."""
    issues = Issue.objects.defer("body").select_related("created_by").order_by("-created_at", "-pk")
    return Paginator(issues, STAFF_PAGE_SIZE).get_page(page_number)


def issue_for_staff(pk: int) -> Issue:
    return get_object_or_404(Issue.objects.select_related("created_by"), pk=pk)


def archive(page_number) -> Page:
    """Sent issues, newest first. Nothing here is personal: titles and dates only."""
    issues = Issue.objects.filter(status=IssueStatus.SENT).only("title", "slug", "sent_at")
    return Paginator(issues.order_by("-sent_at", "-pk"), ARCHIVE_PAGE_SIZE).get_page(page_number)


def archived_issue(slug: str) -> Issue:
    return get_object_or_404(Issue.objects.only("title", "slug", "body", "sent_at"), slug=slug, status=IssueStatus.SENT)


def issues_sending_without_progress_since(moment: datetime | None) -> QuerySet[Issue]:
    """Issues whose sending job should be running; with `moment`, only those that have sent
    nothing since then (their job has probably stopped)."""
    issues = Issue.objects.filter(status=IssueStatus.SENDING).only("pk").order_by("pk")
    if moment is not None:
        issues = issues.filter(progress_at__lt=moment)
    return issues
