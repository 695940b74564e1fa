"""Simultaneous writers on SQLite are tried again rather than refused."""

import pytest
from django.db import OperationalError, transaction

from core import db


class Flaky:
    """An action the database refuses as locked `refusals` times, then lets through."""

    def __init__(self, refusals: int, message: str = "database is locked"):
        self.refusals, self.message, self.calls = refusals, message, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.refusals:
            raise OperationalError(self.message)
        return "done"


@pytest.fixture
def sqlite(monkeypatch):
    monkeypatch.setattr(db.connection, "vendor", "sqlite")
    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)


def test_it_tries_again_while_sqlite_is_locked(sqlite):
    action = Flaky(refusals=3)
    assert db.retry_while_sqlite_is_busy(action) == "done"
    assert action.calls == 4


def test_it_gives_up_after_its_last_attempt(sqlite):
    action = Flaky(refusals=db.SQLITE_ATTEMPTS)
    with pytest.raises(OperationalError):
        db.retry_while_sqlite_is_busy(action)
    assert action.calls == db.SQLITE_ATTEMPTS


def test_it_does_not_hide_other_database_errors(sqlite):
    action = Flaky(refusals=1, message="no such table: fund_round")
    with pytest.raises(OperationalError):
        db.retry_while_sqlite_is_busy(action)
    assert action.calls == 1


@pytest.mark.django_db
def test_it_never_retries_inside_a_callers_transaction(sqlite):
    action = Flaky(refusals=1)
    with pytest.raises(OperationalError), transaction.atomic():
        db.retry_while_sqlite_is_busy(action)
    assert action.calls == 1


def test_postgresql_errors_pass_straight_through(monkeypatch):
    monkeypatch.setattr(db.connection, "vendor", "postgresql")
    action = Flaky(refusals=1)
    with pytest.raises(OperationalError):
        db.retry_while_sqlite_is_busy(action)
    assert action.calls == 1


def test_the_decorator_retries_the_service_it_wraps(sqlite):
    action = Flaky(refusals=2)
    service = db.retried_while_sqlite_is_busy(lambda: action())
    assert service() == "done"
    assert action.calls == 3
