"""The Local Digital Fund's records: rounds with their phases, criteria and eligibility
rules; bids (an expression of interest, then a full application) with their partners;
assessors' assessments and scores; decisions; questions; and the funded projects awards
create. Amounts are whole pounds."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from fund.workflow import (
    APPLICANT_LABELS,
    APPLICANT_TAG_CLASSES,
    AssessmentStage,
    AssessmentStatus,
    BidStatus,
    Recommendation,
    RoundStatus,
)


class Phase(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"


class RoundStage(models.TextChoices):
    """Where a round is in its year, worked out from its dates (Round.stage)."""

    UPCOMING = "upcoming", "Opening soon"
    EOI_OPEN = "eoi_open", "Open for expressions of interest"
    EVALUATION = "evaluation", "Evaluating expressions of interest"
    APPLICATIONS_OPEN = "applications_open", "Open for full applications"
    DECIDING = "deciding", "Deciding awards"
    DECIDED = "decided", "Awards decided"
    UNDERWAY = "underway", "Projects under way"


class Round(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.CharField(max_length=300)
    guidance = models.TextField(blank=True, max_length=20000, help_text="Markdown; sanitised when shown")
    budget = models.PositiveBigIntegerField(help_text="Total in pounds, e.g. 7500000")
    # Awards proposed or approved. Changed only by a conditional UPDATE (see fund.decisions),
    # so two staff deciding at once can never commit more than the budget.
    committed = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)

    # Stage windows, stored in UTC and entered and shown in Europe/London. A window includes
    # its opening moment and excludes its closing one.
    eoi_opens_at = models.DateTimeField("expressions of interest open")
    eoi_closes_at = models.DateTimeField("expressions of interest close")
    evaluation_ends_at = models.DateTimeField("evaluation ends")
    applications_open_at = models.DateTimeField("applications open")
    applications_close_at = models.DateTimeField("applications close")
    decisions_by = models.DateTimeField("decisions by")
    kick_off_at = models.DateTimeField("kick-off")

    # Eligibility, as each prospectus set it.
    lead_must_be_local_authority = models.BooleanField(default=True)
    lead_must_be_signatory = models.BooleanField(default=True)
    min_signatory_authorities = models.PositiveSmallIntegerField(
        default=2, help_text="Local authorities that have signed the declaration, lead included"
    )
    max_bids_led = models.PositiveSmallIntegerField(default=2, help_text="Bids one organisation may lead")
    publish_eois_after_close = models.BooleanField(default=False)

    # Set when the first score is recorded: from then on criteria and phases cannot change,
    # so what was scored stays readable exactly as it was scored.
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-eoi_opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(committed__lte=F("budget")), name="round_commits_within_budget"),
            models.CheckConstraint(
                condition=Q(eoi_opens_at__lt=F("eoi_closes_at"))
                & Q(eoi_closes_at__lte=F("evaluation_ends_at"))
                & Q(evaluation_ends_at__lte=F("applications_open_at"))
                & Q(applications_open_at__lt=F("applications_close_at"))
                & Q(applications_close_at__lte=F("decisions_by"))
                & Q(decisions_by__lte=F("kick_off_at")),
                name="round_stages_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fund:round", args=[self.slug])

    def stage(self, now=None) -> str:
        now = now or timezone.now()
        boundaries = [
            (self.eoi_opens_at, RoundStage.UPCOMING),
            (self.eoi_closes_at, RoundStage.EOI_OPEN),
            (self.applications_open_at, RoundStage.EVALUATION),
            (self.applications_close_at, RoundStage.APPLICATIONS_OPEN),
            (self.decisions_by, RoundStage.DECIDING),
            (self.kick_off_at, RoundStage.DECIDED),
        ]
        for boundary, stage in boundaries:
            if now < boundary:
                return stage
        return RoundStage.UNDERWAY

    def eoi_window_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.eoi_opens_at <= now < self.eoi_closes_at

    def application_window_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.applications_open_at <= now < self.applications_close_at

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def budget_left(self) -> int:
        return self.budget - self.committed


class RoundPhase(models.Model):
    """A phase the round funds, with the most one bid may be awarded for it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    max_award = models.PositiveIntegerField(help_text="Pounds")

    class Meta:
        ordering = ["round", "phase"]
        constraints = [models.UniqueConstraint(fields=["round", "phase"], name="one_maximum_per_phase")]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_phase_display()}"


class Criterion(models.Model):
    """What assessors score a bid against at one stage, with its weight."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    stage = models.CharField(max_length=20, choices=AssessmentStage.choices)
    title = models.CharField(max_length=200)
    guidance = models.TextField(max_length=5000)
    weight = models.PositiveSmallIntegerField(help_text="Relative weight, e.g. 30 for 30%")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "stage", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Bid(models.Model):
    """A collaborative bid: the lead organisation's expression of interest and, if invited,
    its full application. Written by members of the lead organisation."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="bids")
    reference = models.CharField(max_length=20, unique=True, help_text="Quoted in emails, e.g. LDF-4Q7P2K")
    lead_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="bids_led"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="bids_created"
    )
    status = models.CharField(max_length=30, choices=BidStatus.choices, default=BidStatus.DRAFT)

    # The expression of interest.
    title = models.CharField(max_length=150, blank=True)
    problem = models.TextField("the problem and who has it", max_length=5000, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    amount_requested = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds")
    principles = models.TextField("how it follows the declaration", max_length=5000, blank=True)
    reuse = models.TextField("reuse of existing work", max_length=5000, blank=True)

    eoi_submitted_at = models.DateTimeField(null=True, blank=True)
    eoi_feedback = models.TextField(blank=True, help_text="Sent to the applicants with the outcome")
    eoi_decided_at = models.DateTimeField(null=True, blank=True)
    application_submitted_at = models.DateTimeField(null=True, blank=True)

    # The decision on the full application: proposed by staff, then approved by a fund approver.
    award_amount = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds; empty if not funded")
    award_conditions = models.TextField(blank=True)
    decision_feedback = models.TextField(blank=True)
    decision_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_proposed_at = models.DateTimeField(null=True, blank=True)
    decision_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_approved_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["round", "status"], name="bid_round_status")]

    def __str__(self) -> str:
        # Never a person's name: this text is kept in the audit trail.
        return f"{self.reference} {self.title or '(untitled)'}"

    @property
    def applicant_status(self) -> str:
        """The bid's state in the words its applicants see."""
        return APPLICANT_LABELS.get(self.status, self.get_status_display())

    @property
    def applicant_status_tag_class(self) -> str:
        return APPLICANT_TAG_CLASSES[self.status]


class PartnerStatus(models.TextChoices):
    INVITED = "invited", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


class BidPartner(models.Model):
    """A partner organisation in a bid. A member of the partner confirms through a
    single-use link emailed to them; the contact's address is private."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="bid_partnerships"
    )
    status = models.CharField(max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.INVITED)
    contact_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["bid", "organisation"], name="partner_once_per_bid")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.bid.reference}"


class Assessment(models.Model):
    """One assessor's assessment of one bid at one stage."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="assessments")
    stage = models.CharField(max_length=20, choices=AssessmentStage.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.ASSIGNED)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(blank=True, help_text="The assessor's declaration, for staff")
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    comment = models.TextField(blank=True, max_length=5000)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "stage", "assessor"], name="one_assessment_per_assessor_and_stage")
        ]
        indexes = [models.Index(fields=["assessor", "status"], name="assessment_assessor_status")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} assessment of {self.bid.reference}"


class Score(models.Model):
    """An assessor's score for one criterion: 0 to 4, or not applicable (empty), which
    weighted totals leave out rather than count as zero."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(max_length=5000)

    class Meta:
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__lte=4), name="score_from_0_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score if self.score is not None else 'not applicable'}"

    @property
    def not_applicable(self) -> bool:
        return self.score is None


class CodeLicence(models.TextChoices):
    MIT = "MIT", "MIT"
    APACHE = "Apache-2.0", "Apache 2.0"
    GPL = "GPL-3.0-or-later", "GNU GPL 3.0 or later"
    AGPL = "AGPL-3.0-or-later", "GNU AGPL 3.0 or later"
    OGL = "OGL-UK-3.0", "Open Government Licence 3.0 (content only)"


class Application(models.Model):
    """An invited bid's full application. Its budget lines must add up to the amount
    requested before it can be submitted."""

    bid = models.OneToOneField(Bid, on_delete=models.CASCADE, related_name="application")
    team = models.TextField("team and roles", max_length=5000, blank=True)
    plan = models.TextField("plan by phase", max_length=10000, blank=True)
    user_research = models.TextField("user research approach", max_length=5000, blank=True)
    publishes_outputs_openly = models.BooleanField(null=True, blank=True)
    code_licence = models.CharField(max_length=30, choices=CodeLicence.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Application for {self.bid.reference}"


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(max_length=200)
    amount = models.PositiveIntegerField(help_text="Pounds")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.description}: £{self.amount:,}"


class Question(models.Model):
    """An applicant's question about a round. Staff answer it privately and may publish it,
    reworded so it names nobody, on the round's public Q&A page."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(max_length=3000)
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True, max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published_question = models.TextField(blank=True, max_length=3000, help_text="Anonymised wording for the public")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"Question {self.pk} about {self.round}"


class FundedProject(models.Model):
    """What an approved award creates: the grant, published as 360Giving data, and the
    project whose progress and outputs the funded team reports."""

    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="funded_project")
    grant_identifier = models.CharField(max_length=60, unique=True, help_text="360Giving id, e.g. 360G-LDF-4Q7P2K")
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField()
    lead_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    partner_organisations = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    amount_awarded = models.PositiveIntegerField(help_text="Pounds")
    awarded_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at", "title"]

    def __str__(self) -> str:
        return self.title
