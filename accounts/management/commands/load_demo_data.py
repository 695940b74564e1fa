"""Fictional people in real organisations, so a fresh `make run` shows a working service."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core import audit
from organisations.models import Organisation

DEMO_PASSWORD_DEFAULT = "local-digital-demo"  # noqa: S105 (development only; the command refuses to run without DEBUG)

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


class Command(BaseCommand):
    help = (
        "Loads a demo dataset for local development: fictional people (example.com, example.org and "
        "example.net addresses) with memberships of real organisations, and staff accounts whose "
        "password is DEMO_STAFF_PASSWORD (default 'local-digital-demo'). Safe to run again: existing "
        "people are left as they are. Refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo dataset is for local development only: set DEBUG=true")
        if not Organisation.objects.exists():
            raise CommandError("Import the organisations first: manage.py import_organisations")
        password = os.environ.get("DEMO_STAFF_PASSWORD", DEMO_PASSWORD_DEFAULT)
        with transaction.atomic():
            created_people = sum(self._person(*person) for person in PEOPLE)
            created_staff = sum(self._staff(*member, password) for member in STAFF)
        self.stdout.write(f"Demo data: {created_people} people and {created_staff} staff added")
        if created_staff:
            self.stdout.write(
                f"Staff sign in at /staff/sign-in with password {password!r} and set up an authenticator app: "
                + ", ".join(email for email, _, _ in STAFF)
            )

    def _person(self, email, full_name, organisation_key, status, reason) -> bool:
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

    def _staff(self, email, full_name, role, password) -> bool:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "role": role})
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            audit.record(user, "account.created")
        return created
