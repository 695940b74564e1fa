"""Scheduled work: jobs that run every so often from the background worker.

An app declares its jobs in a `jobs.py` module with `@every(timedelta(...))`; `run_worker`
finds them and runs whatever is due about once a minute. However many workers run, a job
starts once per interval: each start is claimed with a conditional UPDATE on its
ScheduledJobRun row. Jobs must be safe to run again after an interruption.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from core.models import ScheduledJobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    interval: timedelta
    function: Callable[[], object]


JOBS: dict[str, Job] = {}


def every(interval: timedelta):
    """Register the decorated function as a job that runs once per `interval`."""

    def register(function):
        name = f"{function.__module__}.{function.__name__}"
        JOBS[name] = Job(name, interval, function)
        return function

    return register


def discover() -> None:
    autodiscover_modules("jobs")


def run_due_jobs(now: datetime | None = None, *, all_jobs: bool = False) -> list[str]:
    """Run every job whose interval has passed (or, with `all_jobs`, every job: a worker
    does that when it starts, to pick up what a stopped worker left). Returns the names of
    those that ran."""
    now = now or timezone.now()
    ran = []
    for job in JOBS.values():
        if not _claim(job, now) and not all_jobs:
            continue
        try:
            job.function()
        except Exception:
            # One failing job must not stop the others; it runs again next interval.
            logger.exception("Scheduled job %s failed", job.name)
        ran.append(job.name)
    return ran


def _claim(job: Job, now: datetime) -> bool:
    claimed = ScheduledJobRun.objects.filter(name=job.name, last_started_at__lte=now - job.interval).update(
        last_started_at=now
    )
    if claimed:
        return True
    try:
        with transaction.atomic():
            ScheduledJobRun.objects.create(name=job.name, last_started_at=now)
    except IntegrityError:
        return False  # it exists and is not due, or another worker just claimed it
    return True
