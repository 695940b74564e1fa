from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from accounts.workflow import STATUS_TAG_CLASSES, MembershipStatus


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", "Programme admin"
    MODERATOR = "moderator", "Moderator"
    ASSESSOR = "assessor", "Assessor"
    # Gives final approval to the fund's awards (the minister signed off the real ones); kept
    # apart from programme admin so the person who decides an award never approves it too.
    FUND_APPROVER = "fund_approver", "Fund approver"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email), **fields)
        if password:
            user.set_password(password)
        else:
            # Public-sector users sign in by email link and never have a password.
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.PROGRAMME_ADMIN)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text="Programme staff and assessors have a role; they sign in with a password and a code.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # The Django admin is for programme admins only (and behind the second factor).
        return self.role == Role.PROGRAMME_ADMIN

    @property
    def signs_in_with_password(self) -> bool:
        return bool(self.role)

    @property
    def is_programme_staff(self) -> bool:
        return self.role in (Role.PROGRAMME_ADMIN, Role.MODERATOR)

    @property
    def is_supplier_account(self) -> bool:
        """Someone who acts for a supplier on the Tender (`tender.Supplier.members`): never
        given any public-sector right, whatever else the account holds."""
        return self.pk is not None and self.suppliers.exists()

    def has_perm(self, perm, obj=None) -> bool:
        # Roles, not Django's permission tables, decide what staff may do: a programme admin
        # may do anything in the admin (which only they can reach, behind the second factor).
        if self.is_active and self.role == Role.PROGRAMME_ADMIN:
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        if self.is_active and self.role == Role.PROGRAMME_ADMIN:
            return True
        return super().has_module_perms(app_label)

    def has_role(self, *roles: str) -> bool:
        # A programme admin can do whatever a moderator can.
        held = {self.role} | ({Role.MODERATOR} if self.role == Role.PROGRAMME_ADMIN else set())
        return bool(held & set(roles))


class SignInLink(models.Model):
    """A single-use sign-in link sent by email. Only a hash of its token is stored, so a
    copy of the database cannot be used to sign in."""

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email", "-created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for {self.email}"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING)
    granted_by_domain = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_user_and_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES[self.status]

    @property
    def is_rejected(self) -> bool:
        return self.status == MembershipStatus.REJECTED
