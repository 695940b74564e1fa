from django.core.management.base import BaseCommand

from declaration import services


class Command(BaseCommand):
    help = (
        "Records the declaration's 45 co-publishers as its founding signatories, signed on "
        "4 July 2018. Run it after import_organisations; safe to run again."
    )

    def handle(self, *args, **options):
        recorded = services.record_founding_signatures()
        self.stdout.write(f"Founding signatures: {recorded} recorded")
