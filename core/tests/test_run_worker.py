"""The background worker outlives a lost database connection."""

import pytest
from django.db import InterfaceError, OperationalError
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.management.commands import run_worker


@pytest.fixture(autouse=True)
def _no_schedule_or_waiting(monkeypatch):
    monkeypatch.setattr(run_worker.Command, "_run_schedule", lambda self: None)
    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)


def test_it_carries_on_after_the_database_goes_away(monkeypatch):
    outcomes = [OperationalError("the database system is shutting down"), InterfaceError("connection closed"), None]
    runs = []

    def worker(self, *args, **options):
        runs.append(options)
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(DatabaseWorkerCommand, "handle", worker)

    run_worker.Command().handle(batch=True)

    assert runs == [{"batch": True}] * 3


def test_it_stops_on_any_other_error(monkeypatch):
    def worker(self, *args, **options):
        raise ValueError("a bug")

    monkeypatch.setattr(DatabaseWorkerCommand, "handle", worker)

    with pytest.raises(ValueError):
        run_worker.Command().handle(batch=True)
