from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from tqdm import tqdm

from organisations import services


class _Stream:
    """Lets tqdm redraw its bar in place: the command's own streams end every write with a newline."""

    def __init__(self, wrapper: OutputWrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


class Command(BaseCommand):
    help = (
        "Load the organisations register from organisations/data/: every UK local authority, current "
        "and past (mySociety), with alternative names for search, then the declaration's 45 co-publishers. "
        "Creates what is missing and updates what has changed; never deletes an organisation or a domain. "
        "Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, verbosity: int = 1, **options):
        def progress(items, description):
            return tqdm(items, desc=description, unit=" rows", file=_Stream(self.stderr), disable=verbosity == 0)

        try:
            report = services.import_organisations(progress=progress)
        except services.ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if verbosity:
            for label, counts in [
                ("Local authorities", report.local_authorities),
                ("Co-publishers", report.co_publishers),
            ]:
                self.stdout.write(
                    f"{label}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged."
                )
