from datetime import timedelta

import pytest
from django.utils import timezone

from core import schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting_job(monkeypatch):
    runs = []
    jobs = {}
    monkeypatch.setattr(schedule, "JOBS", jobs)

    @schedule.every(timedelta(minutes=5))
    def count():
        runs.append(timezone.now())

    return runs


def test_it_runs_a_job_that_has_never_run(counting_job):
    assert schedule.run_due_jobs() == ["core.tests.test_schedule.count"]
    assert len(counting_job) == 1


def test_it_runs_a_job_once_per_interval_however_many_workers_ask(counting_job):
    now = timezone.now()
    schedule.run_due_jobs(now)
    schedule.run_due_jobs(now + timedelta(minutes=1))
    schedule.run_due_jobs(now + timedelta(minutes=4))
    assert len(counting_job) == 1

    schedule.run_due_jobs(now + timedelta(minutes=5))
    assert len(counting_job) == 2


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(schedule, "JOBS", {})
    ran = []

    @schedule.every(timedelta(minutes=1))
    def broken():
        raise RuntimeError("broken")

    @schedule.every(timedelta(minutes=1))
    def working():
        ran.append(True)

    schedule.run_due_jobs()
    assert ran == [True]


def test_the_service_schedules_email_retries_and_recovery():
    schedule.discover()
    assert "core.jobs.send_due_emails" in schedule.JOBS
    assert "core.jobs.recover_stuck_emails" in schedule.JOBS
