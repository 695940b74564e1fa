from django.conf import settings
from django.db import models
from django.db.models import Q

from core.markdown import render_markdown
from newsletter.workflow import ISSUE_TAG_CLASSES, IssueStatus, SubscriberStatus, is_published


class Topic(models.TextChoices):
    DECLARATION = "declaration", "Declaration and community"
    FUND = "fund", "Local Digital Fund"
    EVENTS = "events", "Events"


def topic_labels(codes) -> list[str]:
    """Labels for topic codes, in the order the subscribe page lists them."""
    return [topic.label for topic in Topic if topic.value in set(codes)]


class Subscriber(models.Model):
    """Someone who asked for updates by email. No account is involved: the person acts through
    links in the emails we send them.

    Erasure blanks every personal field and keeps the row, so that the audit trail still points
    somewhere; a hash of the address goes into `Suppression` instead."""

    email = models.EmailField(blank=True, help_text="Blank once the subscriber's data is erased")
    status = models.CharField(max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the person agreed to, word for word, and when: see newsletter/consent.py.
    consent_wording = models.TextField(blank=True)
    consent_version = models.CharField(max_length=20, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="one_subscriber_per_email"),
            models.CheckConstraint(
                condition=Q(status=SubscriberStatus.ERASED, email="")
                | (~Q(status=SubscriberStatus.ERASED) & ~Q(email="")),
                name="subscriber_email_blank_only_once_erased",
            ),
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.CONFIRMED) | Q(consented_at__isnull=False),
                name="confirmed_subscriber_has_consented",
            ),
        ]
        # The sending job walks confirmed subscribers in id order.
        indexes = [models.Index(fields=["status", "id"], name="subscriber_status_id")]

    def __str__(self) -> str:
        # Never the address: this text is kept in the audit trail, which outlives erasure.
        return f"Subscriber {self.pk}"

    @property
    def topic_codes(self) -> list[str]:
        return [choice.topic for choice in self.topics.all()]


class SubscriberTopic(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=20, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "topic"], name="one_row_per_subscriber_topic")]

    def __str__(self) -> str:
        return self.get_topic_display()


class ConfirmationLink(models.Model):
    """The single-use link that confirms a request to subscribe. It carries the topics and
    the consent wording of that request. Only a hash of its token is stored."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="confirmation_links")
    token_hash = models.CharField(max_length=64, unique=True)
    topics = models.JSONField(default=list)
    consent_wording = models.TextField()
    consent_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Confirmation link for {self.subscriber}"


class ManageLink(models.Model):
    """A link to manage or end a subscription, one per email sent, so that each email can carry
    its own token while only hashes are stored.

    These links never expire: an unsubscribe link in an email from years ago must still
    unsubscribe at once (RFC 8058, and the law on electronic marketing). They go only when the
    subscriber's data is erased."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="manage_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Manage link for {self.subscriber}"


class Suppression(models.Model):
    """An address that must not be mailed: what is left of a subscriber whose data was erased.
    Only a SHA-256 hash of the normalised address is kept. Confirming a new subscription
    with that address lifts it."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Suppressed address {self.email_hash[:12]}…"


class Issue(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    body = models.TextField(help_text="Markdown")
    status = models.CharField(max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    topics = models.JSONField(default=list, blank=True, help_text="Topic codes chosen when sending started")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Sending progress. The job sends to confirmed subscribers of the topics in id order, up to
    # `last_recipient_id` (the highest id when sending started), and records after each batch,
    # in the batch's transaction, the last id it reached: a stopped job resumes after it.
    recipient_count = models.PositiveIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    last_subscriber_id = models.PositiveBigIntegerField(default=0)
    last_recipient_id = models.PositiveBigIntegerField(default=0)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True, help_text="When the last batch was sent")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=IssueStatus.SENT) | Q(sent_at__isnull=False), name="sent_issue_has_sent_at"
            ),
            models.CheckConstraint(
                condition=Q(last_subscriber_id__lte=models.F("last_recipient_id")),
                name="issue_checkpoint_within_recipients",
            ),
        ]
        indexes = [models.Index(fields=["status", "-sent_at"], name="issue_archive")]

    def __str__(self) -> str:
        return self.title

    @property
    def body_html(self) -> str:
        return render_markdown(self.body)

    @property
    def status_tag_class(self) -> str:
        return ISSUE_TAG_CLASSES[self.status]

    @property
    def is_archived(self) -> bool:
        return is_published(self.status)

    @property
    def topic_labels(self) -> list[str]:
        return topic_labels(self.topics)


class Delivery(models.Model):
    """An issue written to a subscriber's outbox: shown to them under "Your data", and the
    sending job's own guard against mailing anyone twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.issue} to {self.subscriber}"
