from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import demo


class Command(BaseCommand):
    help = (
        "Loads the demo dataset for local development: fictional people at example.com, example.org "
        "and example.net addresses in real organisations, staff accounts, and declarations at every "
        "stage. Safe to run again: what exists is left as it is. Refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo dataset is for local development only: set DEBUG=true")
        for load in demo.discover():
            with transaction.atomic():
                self.stdout.write(load())
