"""Two people acting on one event at the same moment: the row lock lets exactly one decide."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from core.models import AuditEvent, OutboundEmail
from core.workflow import TransitionRefused
from events import services
from events.models import Event
from events.tests.factories import EventFactory
from events.workflow import EventStatus


def run_at_once(*actions) -> list[str]:
    outcomes = []
    barrier = threading.Barrier(len(actions))

    def run(action):
        barrier.wait()
        try:
            action()
            outcomes.append("done")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_simultaneous_publish_and_reject_end_with_exactly_one_decision():
    event = EventFactory(submitted=True)
    first, second = UserFactory(moderator=True), UserFactory(moderator=True)
    outcomes = run_at_once(
        lambda: services.publish(event, by=first),
        lambda: services.reject(event, by=second, reason="Not relevant"),
    )
    assert sorted(outcomes) == ["done", "refused"]
    event.refresh_from_db()
    assert event.status in (EventStatus.PUBLISHED, EventStatus.REJECTED)
    assert AuditEvent.objects.filter(action__in=["events.published", "events.rejected"]).count() == 1
    assert OutboundEmail.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_raise_the_sequence_once():
    event = EventFactory()
    first, second = UserFactory(moderator=True), UserFactory(moderator=True)
    outcomes = run_at_once(
        lambda: services.cancel(event, by=first, reason="Venue closed"),
        lambda: services.cancel(event, by=second, reason="Speaker ill"),
    )
    assert sorted(outcomes) == ["done", "refused"]
    assert Event.objects.get(pk=event.pk).sequence == 1
