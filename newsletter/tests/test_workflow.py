import itertools

import pytest

from core.models import AuditEvent
from core.workflow import TransitionRefused
from newsletter import services
from newsletter.models import Subscriber
from newsletter.tests.factories import ConfirmationLinkFactory, IssueFactory, SubscriberFactory
from newsletter.workflow import (
    ISSUE_TRANSITIONS,
    SUBSCRIBER_TRANSITIONS,
    IssueStatus,
    SubscriberStatus,
    actions_for,
)

# Subscribers ----------------------------------------------------------------------------------

SUBSCRIBER_STATES = {
    SubscriberStatus.PENDING: {"pending": True},
    SubscriberStatus.CONFIRMED: {},
    SubscriberStatus.UNSUBSCRIBED: {"unsubscribed": True},
    SubscriberStatus.ERASED: {"erased": True},
}


def _confirm(subscriber):
    ConfirmationLinkFactory(token="the-token", subscriber=subscriber)
    return services.confirm("the-token")


SUBSCRIBER_SERVICES = {
    "confirm": _confirm,
    "unsubscribe": lambda subscriber: services.unsubscribe(subscriber),
    "erase": lambda subscriber: services.erase(subscriber),
}


def test_every_subscriber_transition_has_a_service():
    assert set(SUBSCRIBER_SERVICES) == set(SUBSCRIBER_TRANSITIONS)


@pytest.mark.parametrize(("status", "action"), list(itertools.product(SubscriberStatus.values, SUBSCRIBER_TRANSITIONS)))
def test_each_subscriber_action_from_each_state(status, action):
    subscriber = SubscriberFactory(**SUBSCRIBER_STATES[status])
    step = SUBSCRIBER_TRANSITIONS[action]
    if status in step.source:
        SUBSCRIBER_SERVICES[action](subscriber)
        subscriber.refresh_from_db()
        assert subscriber.status == step.target
        event = AuditEvent.objects.get(action=step.audit_code, object_id=str(subscriber.pk))
        assert event.changes["status"] == [status, step.target]
    else:
        with pytest.raises((TransitionRefused, services.LinkRefused)):
            SUBSCRIBER_SERVICES[action](subscriber)
        assert Subscriber.objects.get(pk=subscriber.pk).status == status
        assert not AuditEvent.objects.filter(action=step.audit_code).exists()


# Issues ---------------------------------------------------------------------------------------

ISSUE_STATES = {
    IssueStatus.DRAFT: {},
    IssueStatus.SENDING: {"sending": True},
    IssueStatus.PAUSED: {"paused": True},
    IssueStatus.SENT: {"sent": True},
}


ISSUE_SERVICES = {
    "send": lambda issue, by: services.start_sending(issue, topics=["fund"], by=by),
    "pause": lambda issue, by: services.pause(issue, by=by),
    "resume": lambda issue, by: services.resume(issue, by=by),
    "finish": lambda issue, by: services.finish_sending(issue),
}


def test_every_issue_transition_has_a_service():
    assert set(ISSUE_SERVICES) == set(ISSUE_TRANSITIONS)


@pytest.mark.parametrize(("status", "action"), list(itertools.product(IssueStatus.values, ISSUE_TRANSITIONS)))
def test_each_issue_action_from_each_state(status, action, moderator, django_capture_on_commit_callbacks):
    SubscriberFactory()
    issue = IssueFactory(**ISSUE_STATES[status])
    step = ISSUE_TRANSITIONS[action]
    # Only the job itself finishes an issue; people make every other move.
    actor = None if action == "finish" else moderator
    if status in step.source:
        with django_capture_on_commit_callbacks(execute=False):
            ISSUE_SERVICES[action](issue, actor)
        issue.refresh_from_db()
        assert issue.status == step.target
        event = AuditEvent.objects.get(action=step.audit_code, object_id=str(issue.pk))
        assert event.changes["status"] == [status, step.target]
        assert event.actor == actor
    else:
        with pytest.raises(TransitionRefused):
            ISSUE_SERVICES[action](issue, actor)
        issue.refresh_from_db()
        assert issue.status == status
        assert not AuditEvent.objects.filter(action=step.audit_code).exists()


@pytest.mark.parametrize("action", ["send", "pause", "resume"])
@pytest.mark.parametrize("role", ["", "assessor"])
def test_only_moderators_may_send_pause_or_resume(action, role):
    from accounts.tests.factories import UserFactory

    someone = UserFactory(role=role)
    issue = IssueFactory(**ISSUE_STATES[next(iter(ISSUE_TRANSITIONS[action].source))])
    with pytest.raises(TransitionRefused, match="permission"):
        ISSUE_SERVICES[action](issue, someone)


def test_people_cannot_mark_an_issue_sent(moderator):
    with pytest.raises(TransitionRefused, match="permission"):
        ISSUE_TRANSITIONS["finish"].check(IssueStatus.SENDING, moderator)


def test_it_tells_templates_which_actions_a_user_may_take(moderator, member):
    assert actions_for(IssueStatus.DRAFT, moderator) == ["send"]
    assert actions_for(IssueStatus.SENDING, moderator) == ["pause"]
    assert actions_for(IssueStatus.PAUSED, moderator) == ["resume"]
    assert actions_for(IssueStatus.SENT, moderator) == []
    assert actions_for(IssueStatus.DRAFT, member) == []
