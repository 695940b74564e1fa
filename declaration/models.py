from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from declaration.workflow import ACTIVE_STATES, SignatureStatus
from organisations.models import Nation, OrganisationType


class Principle(models.IntegerChoices):
    """The declaration's five principles, as a signatory's project names them."""

    USER_NEEDS = 1, "Redesign services around the needs of the people using them"
    FIX_THE_PLUMBING = 2, "Fix our plumbing: modular building blocks and open data standards"
    SAFE_SHARING = 3, "Safe, secure and useful ways of sharing information"
    DIGITAL_LEADERSHIP = 4, "Demonstrate digital leadership"
    OPEN_CULTURE = 5, "Embed an open culture"


class Signature(models.Model):
    """An organisation's signature of the declaration, from the lead's draft to the senior
    approver's signature. The people's names and emails are private; job titles are public."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="signatures")
    status = models.CharField(max_length=30, choices=SignatureStatus.choices, default=SignatureStatus.DRAFT)
    reference = models.CharField(max_length=20, unique=True, help_text="Quoted in emails, e.g. LDD-7K3M9Q")
    # The 45 co-publishers signed when the declaration launched, before this service existed.
    is_founding = models.BooleanField(default=False)

    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="signatures_led"
    )
    lead_name = models.CharField(max_length=200, blank=True)
    lead_job_title = models.CharField(max_length=200, blank=True)
    approver_name = models.CharField(max_length=200, blank=True)
    approver_job_title = models.CharField(max_length=200, blank=True)
    approver_email = models.EmailField(blank=True)

    review_note = models.TextField(blank=True, help_text="The moderator's latest advice or reason")
    signed_name = models.CharField(max_length=200, blank=True, help_text="The name the approver typed to sign")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The organisation's request to withdraw. Staff confirm it with `withdraw`, which leaves
    # these fields as they are: the request stays in the history.
    withdrawal_requested_at = models.DateTimeField(null=True, blank=True)
    withdrawal_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_request_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-signed_at", "-submitted_at", "-created_at"]
        constraints = [
            # Two leads submitting at once: the database lets exactly one in.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=ACTIVE_STATES),
                name="one_active_signature_per_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status=SignatureStatus.SIGNED) | Q(signed_at__isnull=False),
                name="signed_signature_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "signed_at"], name="signature_status_signed")]

    def __str__(self) -> str:
        # Never a person's name: this text is kept in the audit trail.
        return f"{self.organisation} declaration {self.reference}"

    @property
    def approver_email_outside_domains(self) -> bool:
        """Allowed, but flagged to moderators: the approver's address is not at one of the
        organisation's known email domains."""
        domain = self.approver_email.rpartition("@")[2].lower()
        # Reads `domains.all()` so a list that prefetched them asks the database nothing.
        return bool(domain) and domain not in {row.domain for row in self.organisation.domains.all()}

    @property
    def withdrawal_pending(self) -> bool:
        """The organisation has asked to withdraw and staff have not yet done it."""
        return self.withdrawal_requested_at is not None and self.status == SignatureStatus.SIGNED


class DeclarationProject(models.Model):
    """What the organisation commits to do within a year of signing."""

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What the project will do")
    expected_completion = models.DateField()
    link = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ProjectPrinciple(models.Model):
    project = models.ForeignKey(DeclarationProject, on_delete=models.CASCADE, related_name="principles")
    principle = models.PositiveSmallIntegerField(choices=Principle.choices)

    class Meta:
        ordering = ["principle"]
        constraints = [
            models.UniqueConstraint(fields=["project", "principle"], name="one_row_per_project_principle"),
            models.CheckConstraint(condition=Q(principle__gte=1, principle__lte=5), name="principle_is_one_of_five"),
        ]

    def __str__(self) -> str:
        return self.get_principle_display()


class SignatureVersion(models.Model):
    """What the lead submitted each time, so moderators see how a declaration changed after
    they asked for changes."""

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    answers = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["signature", "number"], name="one_version_per_number")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.signature}"


class ApproverLink(models.Model):
    """The single-use link that lets the senior approver sign. Only its hash is stored."""

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="approver_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Approver link for {self.signature}"


class OrganisationRequest(models.Model):
    """A lead's request to add an organisation the service does not list. Moderators check
    it before anyone can sign for it: no signature starts from a request."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ADDED = "added", "Added"
        DECLINED = "declined", "Declined"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="organisation_requests"
    )
    name = models.CharField(max_length=200)
    organisation_type = models.CharField("type", max_length=30, choices=OrganisationType.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Request to add {self.name}"


class ProjectStatus(models.TextChoices):
    """Where a declaration project stands, as its organisation last reported it."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped"


# A project done or stopped needs no more reminders and is never overdue.
FINISHED_PROJECT_STATUSES = frozenset({ProjectStatus.DONE, ProjectStatus.STOPPED})
# How each status looks on a GOV.UK tag, keyed by code so relabelling a status changes nothing.
PROJECT_STATUS_TAG_CLASSES = {
    ProjectStatus.NOT_STARTED: "govuk-tag--grey",
    ProjectStatus.IN_PROGRESS: "govuk-tag--blue",
    ProjectStatus.DONE: "govuk-tag--green",
    ProjectStatus.STOPPED: "govuk-tag--orange",
}


class ProjectUpdate(models.Model):
    """What a signatory reports about a declaration project, in the open. The newest update's
    status is the project's. The author is kept for the audit trail only: the public sees the
    organisation, never the person."""

    project = models.ForeignKey(DeclarationProject, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="project_updates"
    )
    status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    what_happened = models.TextField()
    lessons_learnt = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="project_update_status_is_known"),
            models.CheckConstraint(condition=~Q(what_happened=""), name="project_update_says_what_happened"),
        ]
        indexes = [models.Index(fields=["project", "-created_at"], name="project_update_newest")]

    def __str__(self) -> str:
        return f"Update on {self.project}"


class ProgressReminder(models.Model):
    """The one reminder, about 11 months after signing, to report on the declaration projects.
    One row per signature, so running the job again sends nothing more."""

    signature = models.OneToOneField(Signature, on_delete=models.CASCADE, related_name="progress_reminder")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Progress reminder for {self.signature}"
