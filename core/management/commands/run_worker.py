"""The background worker: django-tasks' database worker, plus the scheduled jobs."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core import schedule

logger = logging.getLogger(__name__)

SCHEDULE_TICK_SECONDS = 30
# Waits after losing the database (restarted, failed over): doubling, at most this long.
RECONNECT_MAX_SECONDS = 30


class Command(DatabaseWorkerCommand):
    help = (
        "Runs background tasks from the database queue (emails, newsletter sending) and, every "
        f"{SCHEDULE_TICK_SECONDS} seconds, the scheduled jobs that are due. Start one or more on each "
        "deployment; stop with Ctrl+C or SIGTERM (the task in hand finishes first)."
    )

    def handle(self, *args, **options):
        schedule.discover()
        threading.Thread(target=self._run_schedule, name="schedule", daemon=True).start()
        wait = 1
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                # django-tasks' worker stops at the first database error; a restart of
                # PostgreSQL must not leave emails unsent until someone notices. A task cut
                # short is settled by the outbox (core.outbox.recover_stuck).
                logger.warning("Lost the database (%s); trying again in %s s", error, wait)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, RECONNECT_MAX_SECONDS)

    def _run_schedule(self) -> None:
        first = True
        while True:
            try:
                ran = schedule.run_due_jobs(all_jobs=first)
                first = False
                if ran:
                    logger.info("Ran scheduled jobs: %s", ", ".join(ran))
            except Exception:
                logger.exception("Scheduled jobs could not run")
            finally:
                close_old_connections()
            time.sleep(SCHEDULE_TICK_SECONDS)
