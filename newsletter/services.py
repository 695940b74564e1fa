"""Every business action on newsletter subscribers and issues. Views, tasks, scheduled jobs, the
admin and commands call these; nothing else writes a subscriber's or an issue's status.

Emails are written to the outbox inside the same transaction as the change that causes them
(core.email.send_email), so a change that rolls back sends nothing.
"""

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core import audit, outbox
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from newsletter import queries, tasks
from newsletter.consent import CONSENT
from newsletter.models import (
    ConfirmationLink,
    Delivery,
    Issue,
    ManageLink,
    Subscriber,
    SubscriberTopic,
    Suppression,
    Topic,
    topic_labels,
)
from newsletter.rendering import EXAMPLE_TOKEN, ISSUE_TEMPLATE, issue_email_context, subscriber_links
from newsletter.tokens import email_hash, normalise_email
from newsletter.workflow import (
    ISSUE_TRANSITIONS,
    SUBSCRIBER_TRANSITIONS,
    IssueStatus,
    is_editable,
    is_sending,
    is_subscribed,
)

CONFIRMATION_LINK_DAYS = 7
NO_TOPIC = "Select at least one topic"


# Subscribing ----------------------------------------------------------------------------------


def subscribe(email: str, topics: Iterable[str]) -> None:
    """Ask for updates about `topics` at `email`. Someone new, or who unsubscribed, gets a link
    to confirm; someone already subscribed gets links to manage their subscription instead.
    The caller shows the same page either way, so it tells nobody who subscribes."""
    email = normalise_email(email)
    topics = _clean_topics(topics)
    if not topics:
        raise TransitionRefused(NO_TOPIC, field="topics")
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(email=email)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if created:
            audit.record(subscriber, "newsletter.subscriber.requested", changes={"status": (None, subscriber.status)})
        if is_subscribed(subscriber.status):
            context = {"topics": topic_labels(subscriber.topic_codes)}
            _send_with_links(subscriber, "newsletter_already_subscribed", context)
            return
        token = new_token()
        ConfirmationLink.objects.create(
            subscriber=subscriber,
            token_hash=hash_token(token),
            topics=topics,
            consent_wording=CONSENT.wording,
            consent_version=CONSENT.version,
            expires_at=timezone.now() + timedelta(days=CONFIRMATION_LINK_DAYS),
        )
        context = {
            "link": settings.SITE_URL + reverse("newsletter:confirm", args=[token]),
            "days": CONFIRMATION_LINK_DAYS,
            "topics": topic_labels(topics),
        }
        send_email(email, "newsletter_confirm", context)


def check_confirmation_link(token: str) -> ConfirmationLink:
    """The confirmation link for `token` if it can still be used; otherwise raise LinkRefused."""
    link = ConfirmationLink.objects.filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkRefused("invalid")
    _refuse_if_spent(link, timezone.now())
    return link


def confirm(token: str) -> Subscriber:
    """Spend the confirmation link: the subscriber gets the topics and gives the consent that
    the link's request carried, and is emailed links to manage their subscription."""
    link = check_confirmation_link(token)
    now = timezone.now()
    step = SUBSCRIBER_TRANSITIONS["confirm"]
    with transaction.atomic():
        # A conditional update, not a read then a write: of two submits of one link, exactly
        # one changes the row.
        claimed = ConfirmationLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
            used_at=now
        )
        if claimed != 1:
            link.refresh_from_db()
            _refuse_if_spent(link, now)
            raise LinkRefused("used")
        locked = Subscriber.objects.select_for_update().get(pk=link.subscriber_id)
        try:
            step.check(locked.status)
        except TransitionRefused:
            raise LinkRefused("used") from None
        before, topics_before = locked.status, locked.topic_codes
        locked.status = step.target
        locked.consent_wording = link.consent_wording
        locked.consent_version = link.consent_version
        locked.consented_at = now
        locked.unsubscribed_at = None
        locked.save(update_fields=["status", "consent_wording", "consent_version", "consented_at", "unsubscribed_at"])
        _replace_topics(locked, link.topics)
        # Links from earlier requests would confirm again with older topics: spend them too.
        locked.confirmation_links.filter(used_at__isnull=True).update(used_at=now)
        # Confirming afresh is the one way an erased address may be mailed again.
        Suppression.objects.filter(email_hash=email_hash(locked.email)).delete()
        changes = {"status": (before, locked.status), "topics": (topics_before, link.topics)}
        audit.record(locked, step.audit_code, changes=changes)
        _send_with_links(locked, "newsletter_welcome", {"topics": topic_labels(link.topics)})
    return locked


def _refuse_if_spent(link: ConfirmationLink, now) -> None:
    if link.used_at is not None:
        raise LinkRefused("used")
    if link.expires_at <= now:
        raise LinkRefused("expired")


# Managing a subscription (the person holds a link from one of our emails) --------------------


def change_topics(subscriber: Subscriber, topics: Iterable[str]) -> Subscriber:
    topics = _clean_topics(topics)
    if not topics:
        raise TransitionRefused(NO_TOPIC, field="topics")
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if not is_subscribed(locked.status):
            raise TransitionRefused("You are not subscribed. Subscribe again to choose topics")
        before = locked.topic_codes
        _replace_topics(locked, topics)
        if before != topics:
            audit.record(locked, "newsletter.subscriber.topics_changed", changes={"topics": (before, topics)})
    return locked


def unsubscribe(subscriber: Subscriber, *, reason: str = "") -> Subscriber:
    step = SUBSCRIBER_TRANSITIONS["unsubscribe"]
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        step.check(locked.status)
        before = locked.status
        locked.status = step.target
        locked.unsubscribed_at = timezone.now()
        locked.save(update_fields=["status", "unsubscribed_at"])
        audit.record(locked, step.audit_code, changes={"status": (before, locked.status)}, reason=reason)
    return locked


def erase(subscriber: Subscriber, *, by=None, reason: str = "") -> Subscriber:
    """Delete everything we hold about the subscriber. Only a hash of the address is kept, in
    a suppression record, so that it is never mailed again unless the person confirms a new
    subscription."""
    step = SUBSCRIBER_TRANSITIONS["erase"]
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        step.check(locked.status, by)
        Suppression.objects.get_or_create(email_hash=email_hash(locked.email))
        outbox.forget(locked.email)
        for related in (locked.topics, locked.confirmation_links, locked.manage_links, locked.deliveries):
            related.all().delete()
        before = locked.status
        locked.status = step.target
        locked.email = ""
        locked.consent_wording = ""
        locked.consent_version = ""
        locked.consented_at = None
        locked.unsubscribed_at = None
        locked.erased_at = timezone.now()
        locked.save()
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
    return locked


def erase_unconfirmed(*, older_than: timedelta) -> int:
    """Erase people who asked to subscribe but did not confirm, once their last confirmation
    link is `older_than` old: without their consent we have no reason to keep the address.
    Returns how many were erased."""
    erased = 0
    for subscriber in queries.unconfirmed_since(timezone.now() - older_than):
        try:
            erase(subscriber, reason="Never confirmed")
        except TransitionRefused:
            continue  # confirmed in the meantime
        erased += 1
    return erased


def _replace_topics(subscriber: Subscriber, topics: list[str]) -> None:
    subscriber.topics.exclude(topic__in=topics).delete()
    SubscriberTopic.objects.bulk_create(
        [SubscriberTopic(subscriber=subscriber, topic=topic) for topic in topics], ignore_conflicts=True
    )


def _clean_topics(topics: Iterable[str]) -> list[str]:
    """Known topic codes, once each, in the order the pages list them."""
    chosen = set(topics)
    return [topic.value for topic in Topic if topic.value in chosen]


def _send_with_links(subscriber: Subscriber, template: str, context: dict, **kwargs) -> None:
    """Email the subscriber with a new manage link, shown in the body and given to the outbox
    for the one-click List-Unsubscribe header."""
    token = new_token()
    ManageLink.objects.create(subscriber=subscriber, token_hash=hash_token(token))
    links = subscriber_links(token)
    send_email(subscriber.email, template, {**context, **links}, unsubscribe_url=links["unsubscribe_url"], **kwargs)


# Writing issues -------------------------------------------------------------------------------


def create_issue(*, title: str, body: str, by) -> Issue:
    with transaction.atomic():
        issue = Issue(title=title, body=body, created_by=by)
        _save_with_unique_slug(issue)
        audit.record(issue, "newsletter.issue.created", by=by, changes={"status": (None, issue.status)})
    return issue


def edit_issue(issue: Issue, *, title: str, body: str, by) -> Issue:
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if not is_editable(locked.status):
            label = IssueStatus(locked.status).label.lower()
            raise TransitionRefused(f"You can only change a draft. This issue is {label}")
        before = {"title": locked.title, "body": locked.body}
        locked.title, locked.body = title, body
        _save_with_unique_slug(locked)
        changes = audit.changed_fields(before, locked, ["title", "body"])
        if changes:
            audit.record(locked, "newsletter.issue.changed", by=by, changes=changes)
    return locked


def send_test(issue: Issue, *, by) -> None:
    """Email the issue to `by`, marked as a test, with example links in place of a
    subscriber's own."""
    with transaction.atomic():
        context = issue_email_context(issue, subscriber_links(EXAMPLE_TOKEN), is_test=True)
        send_email(by.email, ISSUE_TEMPLATE, context)
        audit.record(issue, "newsletter.issue.test_sent", by=by)


def _save_with_unique_slug(issue: Issue) -> None:
    base = slugify(issue.title)[:200].strip("-") or "issue"
    for attempt in range(1, 6):
        candidates = Issue.objects.exclude(pk=issue.pk)
        slug, number = base, 1
        while candidates.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        issue.slug = slug
        try:
            # A savepoint: if another issue takes the slug first, try the next one.
            with transaction.atomic():
                issue.save()
            return
        except IntegrityError:
            if attempt == 5:
                raise


# Sending issues -------------------------------------------------------------------------------


def start_sending(issue: Issue, *, topics: Iterable[str], by) -> Issue:
    """Send the issue to everyone subscribed to any of `topics`, in the background."""
    topics = _clean_topics(topics)
    step = ISSUE_TRANSITIONS["send"]
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        step.check(locked.status, by)
        if not topics:
            raise TransitionRefused(NO_TOPIC, field="topics")
        recipients = queries.recipients(topics)
        count = recipients.count()
        if not count:
            raise TransitionRefused("Nobody is subscribed to these topics. Choose other topics", field="topics")
        before, now = locked.status, timezone.now()
        locked.status = step.target
        locked.topics = topics
        locked.recipient_count = count
        # Subscribers who confirm once sending has started are left out, so the number staff
        # agreed to is the most it sends.
        locked.last_recipient_id = recipients.values_list("pk", flat=True).last()
        locked.sending_started_at = locked.progress_at = now
        locked.save()
        changes = {"status": (before, locked.status), "topics": (None, topics), "recipient_count": (None, count)}
        audit.record(locked, step.audit_code, by=by, changes=changes)
        transaction.on_commit(partial(tasks.send_issue.enqueue, locked.pk))
    return locked


def pause(issue: Issue, *, by) -> Issue:
    """Stop sending after the batch in hand."""
    return _apply(issue, "pause", by=by)


def resume(issue: Issue, *, by) -> Issue:
    """Carry on sending from the last batch that went."""
    resumed = _apply(issue, "resume", by=by)
    transaction.on_commit(partial(tasks.send_issue.enqueue, resumed.pk))
    return resumed


def _apply(issue: Issue, action: str, *, by) -> Issue:
    step = ISSUE_TRANSITIONS[action]
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        step.check(locked.status, by)
        before = locked.status
        locked.status = step.target
        locked.progress_at = timezone.now()
        locked.save(update_fields=["status", "progress_at", "updated_at"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)})
    return locked


def send_issue(issue: Issue) -> int:
    """The sending job: send batch after batch until the issue is sent or someone pauses it.
    Returns how many batches it sent. Safe to run again at any point, and alongside another
    run of itself: see `send_next_batch`."""
    batches = 0
    while send_next_batch(issue):
        batches += 1
    return batches


def send_next_batch(issue: Issue) -> bool:
    """Send the next batch of the issue and move its checkpoint on, in one transaction.
    Returns False once there is nothing more to do: the issue is sent, paused or gone.

    Why this is restart-safe: a batch whose transaction did not commit leaves no trace (its
    outbox messages roll back with it) and is sent again in full; one that committed has
    moved the checkpoint. The issue row stays locked for the batch, so a pause takes effect
    between batches, and a second run of the job waits, then reads the new checkpoint. As a
    last guard, each message carries a dedupe key that the outbox accepts only once, and a
    subscriber with a delivery recorded for the issue is skipped."""
    size = settings.NEWSLETTER_BATCH_SIZE
    with transaction.atomic():
        locked = Issue.objects.select_for_update().filter(pk=issue.pk).first()
        if locked is None or not is_sending(locked.status):
            return False
        batch = list(queries.recipients_after_checkpoint(locked).select_for_update()[:size])
        if not batch:
            finish_sending(locked)
            return False
        locked.sent_count += _send_to(locked, batch)
        locked.last_subscriber_id = batch[-1].pk
        locked.progress_at = timezone.now()
        locked.save(update_fields=["sent_count", "last_subscriber_id", "progress_at", "updated_at"])
    return True


def _send_to(issue: Issue, batch: list[Subscriber]) -> int:
    """Write the issue to the outbox for each subscriber in the batch who has not had it and
    whose address is not suppressed. Returns how many messages were written."""
    already = set(Delivery.objects.filter(issue=issue, subscriber__in=batch).values_list("subscriber_id", flat=True))
    hashes = {subscriber.pk: email_hash(subscriber.email) for subscriber in batch}
    suppressed = set(Suppression.objects.filter(email_hash__in=hashes.values()).values_list("email_hash", flat=True))
    links, deliveries, written = [], [], 0
    for subscriber in batch:
        if subscriber.pk in already or hashes[subscriber.pk] in suppressed:
            continue
        token = new_token()
        urls = subscriber_links(token)
        message = send_email(
            subscriber.email,
            ISSUE_TEMPLATE,
            issue_email_context(issue, urls),
            unsubscribe_url=urls["unsubscribe_url"],
            dedupe_key=f"newsletter-issue:{issue.pk}:subscriber:{subscriber.pk}",
        )
        # No message means the outbox already had this one: the subscriber got the issue (and
        # its links) before, so only the delivery record is missing.
        if message is not None:
            links.append(ManageLink(subscriber=subscriber, token_hash=hash_token(token)))
            written += 1
        deliveries.append(Delivery(issue=issue, subscriber=subscriber))
    ManageLink.objects.bulk_create(links)
    Delivery.objects.bulk_create(deliveries)
    return written


def finish_sending(issue: Issue) -> Issue:
    """Mark the issue sent. The sending job calls this once nobody is left to send to."""
    step = ISSUE_TRANSITIONS["finish"]
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        step.check(locked.status, None)
        before = locked.status
        locked.status = step.target
        locked.sent_at = locked.progress_at = timezone.now()
        locked.save(update_fields=["status", "sent_at", "progress_at", "updated_at"])
        changes = {"status": (before, locked.status), "sent_count": (None, locked.sent_count)}
        audit.record(locked, step.audit_code, changes=changes)
    return locked


def continue_sending(*, stalled_for: timedelta | None = None) -> list[int]:
    """Start the sending job again for issues that are sending, or, with `stalled_for`, only
    those that have sent nothing for that long: their job stopped with its worker. Returns
    their ids. Safe even if a job is still running: see `send_next_batch`."""
    moment = timezone.now() - stalled_for if stalled_for is not None else None
    ids = list(queries.issues_sending_without_progress_since(moment).values_list("pk", flat=True))
    for issue_id in ids:
        tasks.send_issue.enqueue(issue_id)
    return ids
