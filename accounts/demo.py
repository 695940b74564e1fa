"""Fictional people in real organisations, so a fresh `make run` shows a working service."""

import os

from django.core.management.base import CommandError

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core import audit
from core.demo import loader
from organisations.models import Organisation

DEMO_PASSWORD_DEFAULT = "local-digital-demo"  # noqa: S105 (development only: load_demo_data refuses to run without DEBUG)

# (email, full name, organisation register code or slug, membership status, reason)
PEOPLE = [
    ("amara.okafor@example.com", "Amara Okafor", "CMD", MembershipStatus.APPROVED, ""),
    ("tom.hughes@example.com", "Tom Hughes", "HCK", MembershipStatus.APPROVED, ""),
    ("priya.natarajan@example.org", "Priya Natarajan", "LDS", MembershipStatus.APPROVED, ""),
    ("gareth.evans@example.net", "Gareth Evans", "ESS", MembershipStatus.APPROVED, ""),
    ("siobhan.byrne@example.com", "Siobhan Byrne", "SKP", MembershipStatus.APPROVED, ""),
    ("lewis.macleod@example.org", "Lewis MacLeod", "NKE", MembershipStatus.PENDING, ""),
    (
        "jordan.blake@example.net",
        "Jordan Blake",
        "MAN",
        MembershipStatus.REJECTED,
        "We could not confirm that you work for Manchester City Council. Sign in with your council email address.",
    ),
]

STAFF = [
    ("sam.adeyemi@example.com", "Sam Adeyemi", Role.PROGRAMME_ADMIN),
    ("rachel.wong@example.com", "Rachel Wong", Role.MODERATOR),
    ("david.kerr@example.org", "David Kerr", Role.ASSESSOR),
]


@loader
def people_and_staff() -> str:
    if not Organisation.objects.exists():
        raise CommandError("Import the organisations first: manage.py import_organisations")
    password = os.environ.get("DEMO_STAFF_PASSWORD", DEMO_PASSWORD_DEFAULT)
    created_people = sum(_person(*person) for person in PEOPLE)
    created_staff = sum(_staff(*member, password) for member in STAFF)
    summary = f"Demo people: {created_people} added; staff: {created_staff} added"
    if created_staff:
        summary += (
            f". Staff sign in at /staff/sign-in with password {password!r} and set up an authenticator app: "
            + ", ".join(email for email, _, _ in STAFF)
        )
    return summary


def _person(email, full_name, organisation_key, status, reason) -> bool:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if not created:
        return False
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit.record(user, "account.created")
    organisation = Organisation.objects.filter(register_code=organisation_key).first()
    if organisation:
        membership = Membership.objects.create(user=user, organisation=organisation, status=status, reason=reason)
        audit.record(membership, "membership.requested", by=user)
        if status != MembershipStatus.PENDING:
            audit.record(membership, f"membership.{status}", reason=reason)
    return True


def _staff(email, full_name, role, password) -> bool:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "role": role})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(user, "account.created")
    return created
