"""The email outbox: how a message moves from written to sent.

    queued ──claim──▶ sending ──▶ sent
      ▲                  │
      └── retry later ◀──┤ (provider error or timeout, with backoff, up to MAX_ATTEMPTS)
      │                  └──▶ failed (permanent refusal, or attempts used up)
      └──── staff retry ◀──────── failed

Only the worker claims, sends and settles messages; staff may retry a failed one. Every move
is a conditional UPDATE on the expected state, so two workers can never both send one
message: the one whose UPDATE changed no row stops.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core import audit
from core.models import OutboundAttachment, OutboundEmail

logger = logging.getLogger(__name__)

Status = OutboundEmail.Status
MAX_ATTEMPTS = 8

# (filename, content, mimetype): content as bytes, or text to be sent as UTF-8.
Attachment = tuple[str, bytes | str, str]


def stuck_after() -> timedelta:
    """A message still "sending" after this long was being sent by a worker that died."""
    return timedelta(seconds=settings.OUTBOX_STUCK_AFTER_SECONDS)


class PermanentFailure(Exception):
    """The provider refused the message for good (a malformed address, say): retrying
    cannot help, so the message is marked failed at once."""


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 … minutes after each failed attempt, at most 6 hours."""
    return timedelta(minutes=min(2**attempts, 360))


def write(
    to: str,
    template: str,
    subject: str,
    body: str,
    *,
    unsubscribe_url: str = "",
    dedupe_key: str = "",
    attachments: list[Attachment] | None = None,
) -> OutboundEmail | None:
    """Put a message in the outbox, in the caller's transaction. With a `dedupe_key` that
    was used before, nothing is written and None is returned."""
    fields = dict(
        to=to, template=template, subject=subject, body=body, unsubscribe_url=unsubscribe_url, dedupe_key=dedupe_key
    )
    if not (dedupe_key or attachments):
        return OutboundEmail.objects.create(**fields)
    try:
        # A savepoint, so a clash leaves the caller's transaction usable, and a message is
        # never queued without its attachments.
        with transaction.atomic():
            message = OutboundEmail.objects.create(**fields)
            OutboundAttachment.objects.bulk_create(
                OutboundAttachment(
                    email=message,
                    filename=filename,
                    content=content.encode() if isinstance(content, str) else content,
                    mimetype=mimetype,
                )
                for filename, content, mimetype in attachments or []
            )
    except IntegrityError:
        if not dedupe_key:
            raise
        return None
    return message


def deliver(message_id) -> str | None:
    """Send one queued message that is due. Returns its new status, or None when another
    worker has it, it is not due yet, or it is already settled."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(pk=message_id, status=Status.QUEUED, next_attempt_at__lte=now).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return None
    message = OutboundEmail.objects.get(pk=message_id)
    try:
        _send(message)
    except PermanentFailure as error:
        return _settle(message, Status.FAILED, last_error=str(error)[:2000])
    except Exception as error:  # provider errors, timeouts, refused connections
        logger.warning("Email %s not sent (attempt %s): %s", message.id, message.attempts, error)
        if message.attempts >= MAX_ATTEMPTS:
            return _settle(message, Status.FAILED, last_error=str(error)[:2000])
        return _settle(
            message, Status.QUEUED, last_error=str(error)[:2000], next_attempt_at=now + backoff(message.attempts)
        )
    # The body may hold a sign-in or confirmation link: once sent, the outbox keeps no copy.
    return _settle_sent(message, last_error="")


def deliver_due(limit: int = 200) -> int:
    """Send messages that are due: retries whose backoff has passed, and any whose task was
    lost. Returns how many were sent."""
    due = OutboundEmail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=timezone.now())
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    return sum(deliver(message_id) == Status.SENT for message_id in ids)


def recover_stuck() -> list:
    """Settle messages left "sending" by a worker that died, and return the ids of those put
    back in the queue. A channel that can say whether it already has a message (GOV.UK
    Notify, by reference) is asked first, so a message is not sent twice."""
    cutoff = timezone.now() - stuck_after()
    connection = get_connection()
    was_delivered = getattr(connection, "was_delivered", None)
    requeued = []
    for message in OutboundEmail.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff):
        if was_delivered is not None and was_delivered(str(message.id)):
            _settle_sent(message)
        else:
            _settle(message, Status.QUEUED, next_attempt_at=timezone.now())
            requeued.append(message.pk)
    return requeued


def retry(message: OutboundEmail, *, by) -> bool:
    """Staff put a failed message back in the queue. False if it was no longer failed, or
    its address was erased (`forget`): there is nobody left to send it to."""
    with transaction.atomic():
        moved = (
            OutboundEmail.objects.filter(pk=message.pk, status=Status.FAILED)
            .exclude(to="")
            .update(status=Status.QUEUED, next_attempt_at=timezone.now(), attempts=0)
        )
        if moved:
            audit.record(message, "email.retried", by=by, changes={"status": (Status.FAILED, Status.QUEUED)})
    return bool(moved)


def forget(address: str) -> int:
    """Erase an address from the outbox: unsent messages to it are dropped, and sent or
    failed ones keep only their subject and status. Returns how many messages it touched."""
    messages = OutboundEmail.objects.filter(to__iexact=address)
    # Deleting a message deletes its attachments too; only messages count.
    dropped = messages.filter(status=Status.QUEUED).delete()[1].get(OutboundEmail._meta.label, 0)
    settled = messages.exclude(status=Status.SENDING)
    OutboundAttachment.objects.filter(email__in=settled).delete()
    blanked = settled.update(to="", body="", unsubscribe_url="")
    return dropped + blanked


def _settle(message: OutboundEmail, status: str, **fields) -> str:
    OutboundEmail.objects.filter(pk=message.pk, status=Status.SENDING).update(status=status, **fields)
    return status


def _settle_sent(message: OutboundEmail, **fields) -> str:
    status = _settle(message, Status.SENT, sent_at=timezone.now(), body="", **fields)
    # Like the body, attachments may hold personal data: the outbox keeps them only until sent.
    OutboundAttachment.objects.filter(email_id=message.pk).delete()
    return status


def _send(message: OutboundEmail) -> None:
    headers = {"X-Reference": str(message.id)}
    if message.unsubscribe_url:
        # RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to it.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMessage(subject=message.subject, body=message.body, to=[message.to], headers=headers)
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    get_connection().send_messages([email])
