import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """Something that happened to an object, who did it, and what changed.

    Events are written by `core.audit.record` and never edited or deleted: the trail is
    evidence, so the model refuses both.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept apart from the foreign key so the trail still says who acted after an erasure.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100, db_index=True, help_text="Dotted, past tense: organisation.imported")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text="Field name → [before, after]")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted")


class OutboundEmail(models.Model):
    """One email in the outbox. It is written in the same transaction as the change that
    caused it and sent afterwards by the worker (core/outbox.py holds its lifecycle), so a
    rolled-back change sends nothing and a provider outage loses nothing."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    # Also the idempotency key: GOV.UK Notify stores it as the message's reference.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.EmailField()
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    dedupe_key = models.CharField(
        max_length=200, blank=True, help_text="Messages with the same key are written once, e.g. one per subscriber"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], condition=~models.Q(dedupe_key=""), name="unique_dedupe_key")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.template} email {self.id}"


class OutboundAttachment(models.Model):
    """A file sent with an email, such as an event's calendar entry. Kept only until the
    message is sent, like the body (core/outbox.py)."""

    email = models.ForeignKey(OutboundEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    mimetype = models.CharField(max_length=100)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename


class ScheduledJobRun(models.Model):
    """When each scheduled job last started: the row every worker consults so that a job
    runs once per interval however many workers there are."""

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
