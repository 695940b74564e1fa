from django.db import models
from django.urls import reverse
from django.utils import timezone


class OrganisationType(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
    LONDON_BOROUGH = "london_borough", "London borough"
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"
    SECTOR_BODY = "sector_body", "Sector body"
    NON_PROFIT = "non_profit", "Non-profit"


LOCAL_AUTHORITY_TYPES = {
    OrganisationType.COUNTY,
    OrganisationType.DISTRICT,
    OrganisationType.UNITARY,
    OrganisationType.METROPOLITAN_DISTRICT,
    OrganisationType.LONDON_BOROUGH,
    OrganisationType.COMBINED_AUTHORITY,
}


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
    UK = "uk", "UK-wide"


class OrganisationQuerySet(models.QuerySet):
    def current(self):
        """Organisations that exist today: the only ones offered for new sign-ups."""
        today = timezone.localdate()
        return self.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=today))


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    organisation_type = models.CharField("type", max_length=30, choices=OrganisationType.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    region = models.CharField(max_length=100, blank=True)
    # Official identifiers, blank where none applies: never invented.
    register_code = models.CharField(
        max_length=10, blank=True, help_text="Local authority register code (BS 6879), e.g. CMD"
    )
    gss_code = models.CharField(
        "GSS code", max_length=9, blank=True, help_text="ONS Government Statistical Service code"
    )
    org_id = models.CharField("org-id", max_length=60, blank=True, help_text="org-id.guide identifier, e.g. GB-LAE-CMD")
    website = models.URLField(blank=True)
    alternative_names = models.TextField(
        blank=True, help_text="Other names people use for it, one a line; searched with the name"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="The day the organisation ceased to exist")
    replaced_by = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="replaces")
    co_publisher_number = models.PositiveSmallIntegerField(
        null=True, blank=True, unique=True, help_text="Its number in the declaration's list of co-publishers"
    )
    co_publisher_name = models.CharField(
        max_length=200, blank=True, help_text="Its name as the declaration lists it, where that differs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["register_code"], condition=~models.Q(register_code=""), name="unique_register_code"
            ),
            models.UniqueConstraint(fields=["org_id"], condition=~models.Q(org_id=""), name="unique_org_id"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="organisation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.slug])

    @property
    def has_ended(self) -> bool:
        return self.end_date is not None and self.end_date <= timezone.localdate()

    @property
    def is_local_authority(self) -> bool:
        return self.organisation_type in LOCAL_AUTHORITY_TYPES


class OrganisationDomain(models.Model):
    """An email domain that belongs to an organisation: people with an address at it become
    members without waiting for approval. Only recorded from a known source or by staff."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, help_text="For example camden.gov.uk, without www.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().removeprefix("www.")
        super().save(*args, **kwargs)
