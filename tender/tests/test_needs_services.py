import threading

import pytest
from django.core import mail
from django.db import connection

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from events.models import Topic
from tender import needs
from tender.models import Need, NeedJoin
from tender.tests.factories import NeedFactory
from tender.workflow import NEED_TRANSITIONS, NeedStatus

pytestmark = pytest.mark.django_db

MODERATOR_ACTIONS = {"publish", "reject"}


def act(action: str, need: Need, by) -> Need:
    if action == "submit":
        return needs.submit(need, by=by)
    if action == "publish":
        return needs.publish(need, by=by)
    if action == "reject":
        return needs.reject(need, by=by, reason="Describe the problem")
    return needs.close(need, by=by, outcome="We bought something")


@pytest.mark.parametrize("action", sorted(NEED_TRANSITIONS))
@pytest.mark.parametrize("status", list(NeedStatus))
def test_each_move_is_allowed_only_from_its_states(action, status):
    need = NeedFactory(status=status)
    actor = UserFactory(moderator=True) if action in MODERATOR_ACTIONS else UserFactory()
    if action not in MODERATOR_ACTIONS:
        MembershipFactory(user=actor, organisation=need.organisation)
    step = NEED_TRANSITIONS[action]
    if status in step.source:
        assert act(action, need, actor).status == step.target
        assert AuditEvent.objects.filter(action=step.audit_code).count() == 1
    else:
        with pytest.raises(TransitionRefused):
            act(action, need, actor)
        need.refresh_from_db()
        assert need.status == status
        assert not AuditEvent.objects.filter(action=step.audit_code).exists()


@pytest.mark.parametrize("action", ["submit", "close"])
def test_only_members_of_the_need_organisation_make_its_moves(action):
    need = NeedFactory(status=next(iter(NEED_TRANSITIONS[action].source)))
    outsider = MembershipFactory().user
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        act(action, need, outsider)


@pytest.mark.parametrize("action", sorted(MODERATOR_ACTIONS))
def test_only_moderators_publish_or_reject(action):
    need = NeedFactory(submitted=True)
    member = MembershipFactory(organisation=need.organisation).user
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        act(action, need, member)


def test_a_service_caller_cannot_save_a_budget_in_the_wrong_order():
    member = MembershipFactory()
    details = needs.NeedDetails(
        title="Bins",
        problem="Residents phone us",
        services_affected="Waste",
        procurement_timing="not_decided",
        questions_close_on=NeedFactory.build().questions_close_on,
        budget_from=50000,
        budget_to=10000,
        topics=list(NeedFactory().topics.all()),
    )
    with pytest.raises(TransitionRefused) as refusal:
        needs.create_draft(member.organisation, by=member.user, details=details)
    assert refusal.value.field == "budget_to"
    assert not Need.objects.filter(title="Bins").exists()


def a_topic() -> Topic:
    # Transactional tests empty the tables between them, reference data included.
    return Topic.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})[0]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_joins_for_one_organisation_end_with_exactly_one():
    need = NeedFactory(topics=[a_topic()])
    organisation = MembershipFactory().organisation
    people = [MembershipFactory(organisation=organisation).user for _ in range(2)]
    outcomes = []
    barrier = threading.Barrier(2)

    def join(person):
        barrier.wait()
        try:
            needs.join(need, organisation, by=person)
            outcomes.append("joined")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=[person]) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["joined", "refused"]
    assert NeedJoin.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_publishing_publishes_and_emails_once():
    need = NeedFactory(submitted=True, topics=[a_topic()])
    moderators = [UserFactory(moderator=True) for _ in range(2)]
    outcomes = []
    barrier = threading.Barrier(2)

    def publish(moderator):
        barrier.wait()
        try:
            needs.publish(need, by=moderator)
            outcomes.append("published")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=[moderator]) for moderator in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["published", "refused"]
    assert AuditEvent.objects.filter(action="tender.need_published").count() == 1
    assert len(mail.outbox) == 1
