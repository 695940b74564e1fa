import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from events.models import Region
from tender.workflow import CaseStudyStatus, NeedStatus, QuestionStatus, SupplierStatus

# Companies House: 8 characters, digits or a two-letter prefix (SC, NI, OC…) and six digits.
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
# Charity Commission for England and Wales: 6 or 7 digits.
CHARITY_NUMBER = re.compile(r"^\d{6,7}$")
# Find a Tender notice ("012345-2026"), its OCDS id ("ocds-h6vhtk-0a1b2c"), or a Contracts
# Finder notice id (a UUID).
PROCUREMENT_REFERENCE = re.compile(
    r"^(\d{6}-\d{4}|ocds-h6vhtk-[0-9a-f]{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)


class OpenStandard(models.Model):
    """An open standard a need may require and a supplier may work with. Reference data (see
    migrations), shared so that needs and suppliers can be matched."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150, unique=True)
    url = models.URLField(max_length=300)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SupplierSize(models.TextChoices):
    # The UK's definitions by staff numbers, as public buyers use them.
    MICRO = "micro", "Micro (fewer than 10 staff)"
    SMALL = "small", "Small (10 to 49 staff)"
    MEDIUM = "medium", "Medium (50 to 249 staff)"
    LARGE = "large", "Large (250 staff or more)"


class Supplier(models.Model):
    """A company, charity or social enterprise that offers services to the public sector. Its
    people's accounts are supplier accounts: never members of a public-sector organisation."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    company_number = models.CharField(max_length=8, blank=True, help_text="Companies House number")
    charity_number = models.CharField(max_length=7, blank=True, help_text="Charity Commission number")
    website = models.URLField(max_length=300)
    size = models.CharField(max_length=10, choices=SupplierSize.choices)
    summary = models.CharField(max_length=300, help_text="What it offers, in a sentence or two")
    offers = models.ManyToManyField("events.Topic", related_name="suppliers", help_text="What it offers")
    open_standards = models.ManyToManyField(OpenStandard, blank=True, related_name="suppliers")
    contact_email = models.EmailField(help_text="A public address for enquiries, shown on its page")
    status = models.CharField(max_length=20, choices=SupplierStatus.choices, default=SupplierStatus.LISTED)
    status_reason = models.TextField(blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="suppliers", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(company_number="", charity_number=""), name="supplier_has_a_registration_number"
            ),
            models.UniqueConstraint(
                fields=["company_number"], condition=~models.Q(company_number=""), name="unique_company_number"
            ),
            models.UniqueConstraint(
                fields=["charity_number"], condition=~models.Q(charity_number=""), name="unique_charity_number"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tender:supplier", args=[self.slug])

    @property
    def org_id(self) -> str:
        """Its org-id.guide identifier: the company register first, as most suppliers are companies."""
        if self.company_number:
            return f"GB-COH-{self.company_number}"
        return f"GB-CHC-{self.charity_number}"


class ServedRegion(models.Model):
    """A region a supplier works in; a supplier that works everywhere has every region."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(max_length=20, choices=Region.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supplier", "region"], name="unique_served_region")]

    def __str__(self) -> str:
        return f"{self.supplier} in {self.get_region_display()}"


class CaseStudy(models.Model):
    """Work a supplier did with a council, confirmed by a member of that council."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="case_studies")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=150)
    summary = models.TextField(max_length=3000, help_text="What was done and what came of it")
    link = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=CaseStudyStatus.choices, default=CaseStudyStatus.UNCONFIRMED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title


class ProcurementTiming(models.TextChoices):
    NOT_DECIDED = "not_decided", "Not decided yet"
    WITHIN_3_MONTHS = "within_3_months", "Within 3 months"
    WITHIN_6_MONTHS = "within_6_months", "In 3 to 6 months"
    WITHIN_12_MONTHS = "within_12_months", "In 6 to 12 months"
    LATER = "later", "In more than a year"


class Need(models.Model):
    """A problem a public-sector organisation has, described early and in the open so that
    suppliers of every size can answer on equal terms. Never a specification."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="needs")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    problem = models.TextField("the problem and its users", max_length=5000, help_text="Markdown")
    services_affected = models.TextField(max_length=2000)
    procurement_timing = models.CharField(max_length=20, choices=ProcurementTiming.choices)
    budget_from = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds")
    budget_to = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds")
    open_standards = models.ManyToManyField(OpenStandard, blank=True, related_name="needs")
    topics = models.ManyToManyField("events.Topic", related_name="needs")
    questions_close_on = models.DateField(help_text="The last day suppliers may ask questions")
    status = models.CharField(max_length=20, choices=NeedStatus.choices, default=NeedStatus.DRAFT)
    review_note = models.TextField(blank=True, help_text="The moderator's reason for rejecting")
    show_and_tell = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    procurement_reference = models.CharField(max_length=60, blank=True)
    outcome = models.TextField(blank=True, max_length=3000, help_text="What happened, written when it closes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_from__isnull=True)
                | models.Q(budget_to__isnull=True)
                | models.Q(budget_to__gte=models.F("budget_from")),
                name="need_budget_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tender:need", args=[self.slug])

    @property
    def procurement_notice_url(self) -> str:
        """Where the linked notice is published: Find a Tender or Contracts Finder."""
        reference = self.procurement_reference
        if not reference:
            return ""
        if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", reference):
            return f"https://www.contractsfinder.service.gov.uk/Notice/{reference}"
        if reference.startswith("ocds-"):
            return f"https://www.find-tender.service.gov.uk/Procurement/{reference}"
        return f"https://www.find-tender.service.gov.uk/Notice/{reference}"


def check_procurement_reference(reference: str) -> None:
    if not PROCUREMENT_REFERENCE.fullmatch(reference):
        raise ValidationError(
            "Enter a Find a Tender notice number like 012345-2026, its OCDS id like ocds-h6vhtk-0a1b2c, "
            "or a Contracts Finder notice id"
        )


class NeedJoin(models.Model):
    """Another organisation with the same problem: how collective purchasing power shows."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="joins")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    joined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "organisation"], name="join_a_need_once")]

    def __str__(self) -> str:
        return f"{self.organisation} joined {self.need}"


class Interest(models.Model):
    """A supplier that wants to hear more: invited to the need's show-and-tell."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="interests")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="interests")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "supplier"], name="interest_once_a_supplier")]

    def __str__(self) -> str:
        return f"{self.supplier} is interested in {self.need}"


class Question(models.Model):
    """A supplier's question on a need. Its answer is published to everyone with an anonymised
    wording of the question: no supplier learns what the others cannot."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="questions")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=QuestionStatus.choices)
    held_because = models.CharField(max_length=300, blank=True, help_text="Why it waits for a moderator")
    published_question = models.TextField(max_length=2000, blank=True, help_text="The wording everyone sees")
    answer = models.TextField(max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why it was not published")
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class TopicAlert(models.Model):
    """A supplier's person follows topics and is emailed when a need about one is published.
    The unsubscribe token is stored hashed, like every emailed token."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tender_alert")
    topics = models.ManyToManyField("events.Topic", related_name="+")
    unsubscribe_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Alerts for {self.user}"
