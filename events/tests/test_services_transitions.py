"""Every (state, action) pair: the moves the workflow allows succeed, the rest are refused and
change nothing."""

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from events import services
from events.models import Event
from events.tests.factories import EventFactory
from events.workflow import TRANSITIONS, EventStatus

pytestmark = pytest.mark.django_db

DECISIONS = {
    "publish": lambda event, by: services.publish(event, by=by),
    "reject": lambda event, by: services.reject(event, by=by, reason="Not relevant"),
    "cancel": lambda event, by: services.cancel(event, by=by, reason="Venue closed"),
}


@pytest.mark.parametrize("status", list(EventStatus))
@pytest.mark.parametrize("action", sorted(DECISIONS))
def test_a_moderators_decision_succeeds_exactly_from_the_states_the_workflow_allows(moderator, action, status):
    event = EventFactory(status=status)
    step = TRANSITIONS[action]
    if status in step.source:
        changed = DECISIONS[action](event, moderator)
        assert changed.status == step.target
        assert AuditEvent.objects.filter(action=step.audit_code).count() == 1
    else:
        with pytest.raises(TransitionRefused):
            DECISIONS[action](event, moderator)
        event.refresh_from_db()
        assert event.status == status
        assert not AuditEvent.objects.filter(action=step.audit_code).exists()


@pytest.mark.parametrize("action", ["publish", "reject"])
def test_only_moderators_publish_or_reject(member, action):
    event = EventFactory(submitted=True, submitted_by=member)
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        DECISIONS[action](event, member)
    event.refresh_from_db()
    assert event.status == EventStatus.SUBMITTED


@pytest.mark.parametrize("status", list(EventStatus))
def test_a_substantive_change_sends_for_review_exactly_from_published_and_rejected(member, status):
    membership = MembershipFactory(user=member)
    event = EventFactory(status=status, submitted_by=member, organisation=membership.organisation)
    details = _details_of(event, title="A new title")
    if status == EventStatus.CANCELLED:
        with pytest.raises(TransitionRefused, match="cancelled"):
            services.change_event(event, by=member, details=details)
        return
    changed = services.change_event(event, by=member, details=details)
    assert changed.status == EventStatus.SUBMITTED
    sent_for_review = AuditEvent.objects.filter(action=TRANSITIONS["submit"].audit_code).exists()
    assert sent_for_review == (status in TRANSITIONS["submit"].source)


def test_a_member_cannot_cancel_another_organisations_event(member):
    MembershipFactory(user=member)
    event = EventFactory()
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        services.cancel(event, by=member, reason="Mischief")


def test_only_moderators_cancel_a_programme_event(member):
    event = EventFactory(programme=True)
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        services.cancel(event, by=member, reason="Mischief")


def test_only_moderators_create_programme_events(member):
    with pytest.raises(TransitionRefused):
        services.create_programme_event(by=member, details=_details_of(EventFactory.build()), places=services.Places())
    assert not Event.objects.filter(is_programme_event=True).exists()


def test_it_refuses_times_that_cannot_be_true_whoever_asks(moderator):
    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(TransitionRefused, match="must end after it starts") as refusal:
        services.create_programme_event(
            by=moderator,
            details=_details_of(EventFactory.build(), starts_at=later, ends_at=later - datetime.timedelta(hours=1)),
            places=services.Places(),
        )
    assert refusal.value.field == "ends_at"


def _details_of(event: Event, **changes) -> services.EventDetails:
    fields = {name: getattr(event, name) for name in services.EventDetails.__dataclass_fields__ if name != "topics"}
    return services.EventDetails(**fields | changes)
