import os
from getpass import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.models import Role


class Command(BaseCommand):
    help = (
        "Create a programme staff user or assessor, or update an existing one's name, role and password. "
        "The password is read from the STAFF_PASSWORD environment variable, or asked for if that is not set. "
        "They set up an authenticator app the first time they sign in at /staff/sign-in. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="Their email address, which they sign in with")
        parser.add_argument("--name", default="", help="Their full name")
        parser.add_argument(
            "--role",
            choices=Role.values,
            default="",
            help="Their role; needed for a new user, and left as it is for an existing one if not given",
        )

    def handle(self, *args, email, name, role, **options):
        password = os.environ.get("STAFF_PASSWORD") or self._ask_for_password()
        try:
            user, created = services.save_staff_user(email, password=password, name=name, role=role)
        except ValueError as error:
            raise CommandError(f"{error}: give --role ({', '.join(Role.values)})") from None
        except ValidationError as error:
            raise CommandError("The password is not strong enough: " + " ".join(error.messages)) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} staff user {user.email} ({user.get_role_display()})"))

    def _ask_for_password(self) -> str:
        password = getpass("Password: ")
        if password != getpass("Password again: "):
            raise CommandError("The passwords do not match")
        if not password:
            raise CommandError("Enter a password")
        return password
