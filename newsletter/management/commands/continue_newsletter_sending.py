from django.core.management.base import BaseCommand

from newsletter import services


class Command(BaseCommand):
    help = (
        "Starts the sending job again for every newsletter issue that is still sending, for "
        "example after a worker was stopped part-way. Sending carries on after the last batch "
        "that went; nobody gets an issue twice, so this is safe to run at any time, and twice."
    )

    def handle(self, *args, **options):
        ids = services.continue_sending()
        if ids:
            self.stdout.write(f"Restarted sending for {len(ids)} issue(s): {', '.join(map(str, ids))}")
        else:
            self.stdout.write("No issues are sending")
