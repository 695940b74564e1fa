"""Community guides: pages councils write and improve together. Every save is a revision, so
nothing anyone wrote is lost; staff may hide a revision from the public (it stays in the
audit trail), protect a page so only staff edit it, and block a person from editing."""

from django.conf import settings
from django.db import models
from django.urls import reverse

# Published under these, as every page and the edit form say.
LICENCE_NAME = "Open Government Licence v3.0 and Creative Commons Attribution 4.0"


class Category(models.TextChoices):
    SERVICE_PATTERNS = "service_patterns", "Service patterns"
    DATA_STANDARDS = "data_standards", "Data standards"
    PROCUREMENT = "procurement", "Procurement"
    LEADERSHIP = "leadership", "Leadership"
    CYBER = "cyber", "Cyber security"
    HOW_TOS = "how_tos", "How-tos"


class Guide(models.Model):
    title = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    category = models.CharField(max_length=30, choices=Category.choices)
    topics = models.ManyToManyField("events.Topic", blank=True, related_name="guides")
    # The revision the page shows: the newest one not hidden. Kept here so lists and the
    # check for edit conflicts read one row.
    current_revision = models.ForeignKey("Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_protected = models.BooleanField(default=False, help_text="Only staff may edit it")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guides:guide", args=[self.slug])


class Revision(models.Model):
    """One save of a guide: its whole text then, who saved it and why."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150)
    body = models.TextField(max_length=100_000, help_text="Markdown")
    summary = models.CharField("edit summary", max_length=200)
    # The revision the editor started from: a save whose base is not the guide's current
    # revision would overwrite someone else's work, so it goes to the merge page instead.
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reverts = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Shown publicly for the author: their organisation, and their name only if they chose a
    # public display name. Copied at the time, as the organisation they wrote for.
    author_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_display_name = models.CharField(max_length=100, blank=True)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="one_revision_number_a_guide")]

    def __str__(self) -> str:
        return f"{self.guide} revision {self.number}"


class GuideLink(models.Model):
    """A link from one guide's current text to another guide, by title: what "most linked"
    counts. Rebuilt from the text at every save."""

    from_guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="links_out")
    to_guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="links_in")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_guide", "to_guide"], name="link_guides_once")]

    def __str__(self) -> str:
        return f"{self.from_guide} → {self.to_guide}"


class GuideImage(models.Model):
    """An image uploaded for guides, stored through Django's storage API under a random name."""

    file = models.FileField(upload_to="guides/%Y/%m/", max_length=300)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(help_text="Bytes")
    alt_text = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.alt_text


class Comment(models.Model):
    """A message on a guide's talk page."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_display_name = models.CharField(max_length=100, blank=True)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class Watch(models.Model):
    """Someone emailed when a guide changes. The unsubscribe key is stored hashed."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="watches")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unsubscribe_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["guide", "user"], name="watch_a_guide_once")]

    def __str__(self) -> str:
        return f"{self.user} watches {self.guide}"


class EditingBlock(models.Model):
    """A person staff have stopped from editing guides and writing on talk pages."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editing_block")
    reason = models.TextField()
    blocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} blocked from editing"


class PublicName(models.Model):
    """The name a person chose to show with their guide edits and messages; without one, only
    their organisation is shown."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guides_public_name")
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name
