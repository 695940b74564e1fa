"""Funded projects in the open: a project (created by an award), its phases with their awards
and deadlines, the team's updates and the outputs others can reuse."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from projects.workflow import PhaseStatus, ProjectStatus


class PhaseName(models.TextChoices):
    DISCOVERY = "discovery", "Discovery"
    ALPHA = "alpha", "Alpha"
    BETA = "beta", "Beta"
    LIVE = "live", "Live"


class Project(models.Model):
    """A collaborative project in the open. Everything here is public except who wrote what:
    the contact address is the team's shared mailbox, never a person's."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(max_length=300)
    problem = models.TextField("the problem and its users", max_length=5000)
    lead_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="projects_led"
    )
    partner_organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="project_partnerships"
    )
    contact_email = models.EmailField(blank=True, help_text="The team's shared address, never a person's own")
    # The site's one list of topics (events file theirs under the same ones).
    topics = models.ManyToManyField("events.Topic", blank=True, related_name="projects")
    current_phase = models.CharField(max_length=20, choices=PhaseName.choices)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.slug])


class ProjectPhase(models.Model):
    """One phase of a project: when it runs, the award that pays for it (or the staff
    decision that let the project move on without one), and when its outputs are due."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(max_length=20, choices=PhaseName.choices)
    status = models.CharField(max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="Outputs are due by this day")
    grant = models.OneToOneField(
        "fund.FundedProject", null=True, blank=True, on_delete=models.PROTECT, related_name="project_phase"
    )
    # Moving on without a new award needs a recorded decision.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "phase"], name="one_of_each_phase_per_project"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=models.Q(grant__isnull=False) | ~models.Q(decision_note=""),
                name="phase_has_an_award_or_a_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_phase_display()}"


class UpdateKind(models.TextChoices):
    WEEKNOTE = "weeknote", "Weeknote"
    SHOW_AND_TELL = "show_and_tell", "Show and tell"


class Update(models.Model):
    """A team member's weeknote or show and tell, in Markdown (sanitised when shown)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    title = models.CharField(max_length=150)
    body = models.TextField(max_length=20000)
    blog_url = models.URLField("link to the team's own post", max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class OutputType(models.TextChoices):
    DISCOVERY_REPORT = "discovery_report", "Discovery report"
    USER_RESEARCH = "user_research", "User research"
    PROTOTYPE = "prototype", "Prototype"
    SERVICE_PATTERN = "service_pattern", "Service pattern"
    CODE = "code", "Code repository"
    DATA_STANDARD = "data_standard", "Data standard"


class Licence(models.TextChoices):
    OGL = "OGL-UK-3.0", "Open Government Licence 3.0"
    CC_BY = "CC-BY-4.0", "Creative Commons Attribution 4.0"
    MIT = "MIT", "MIT"
    APACHE = "Apache-2.0", "Apache 2.0"
    GPL = "GPL-3.0-or-later", "GNU GPL 3.0 or later"
    AGPL = "AGPL-3.0-or-later", "GNU AGPL 3.0 or later"


class Output(models.Model):
    """Something the project made that others can reuse: a link or an uploaded file (stored
    through Django's storage API, so an object store can replace the disk)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    phase = models.CharField(max_length=20, choices=PhaseName.choices)
    output_type = models.CharField("type", max_length=30, choices=OutputType.choices)
    title = models.CharField(max_length=150)
    description = models.TextField(max_length=5000)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="outputs/%Y/%m/", blank=True, max_length=300)
    file_type = models.CharField(
        max_length=10, blank=True, help_text="What the file's content showed it to be, e.g. pdf"
    )
    file_size = models.PositiveIntegerField(null=True, blank=True, help_text="Bytes")
    # The uploader's name for the file, cleaned, for the download's name only: the stored
    # path is random, so nothing anyone types ends up in it.
    file_name = models.CharField(max_length=150, blank=True)
    repository_url = models.URLField("repository address", max_length=500, blank=True)
    licence = models.CharField(max_length=30, choices=Licence.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(link="") & ~models.Q(file="")) | (~models.Q(link="") & models.Q(file="")),
                name="output_has_a_link_or_a_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(output_type="code") | (~models.Q(repository_url="") & ~models.Q(licence="")),
                name="code_output_has_repository_and_licence",
            ),
        ]

    def __str__(self) -> str:
        return self.title
