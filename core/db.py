"""What the service needs to know about its database beyond the ORM."""

import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")

# SQLite (the development database) locks the whole file: of two simultaneous writers one is
# refused at once with "database is locked", where PostgreSQL would make it wait for the row.
SQLITE_ATTEMPTS = 20


def retry_while_sqlite_is_busy(action: Callable[[], T]) -> T:
    """Run `action` (which opens its own transaction), trying again while SQLite refuses it
    as locked, so simultaneous requests queue up as they do on PostgreSQL."""
    for attempt in range(1, SQLITE_ATTEMPTS):
        try:
            return action()
        except OperationalError as error:
            busy = connection.vendor == "sqlite" and "locked" in str(error)
            # Inside a caller's transaction nothing can be retried: the caller's work went too.
            if not busy or connection.in_atomic_block:
                raise
            time.sleep(0.05 * attempt)
    return action()


def retried_while_sqlite_is_busy(service: Callable[..., T]) -> Callable[..., T]:
    """The decorator form of `retry_while_sqlite_is_busy`, for a service that opens its own
    transaction."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        return retry_while_sqlite_is_busy(lambda: service(*args, **kwargs))

    return wrapper
