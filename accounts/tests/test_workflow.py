import itertools

import pytest

from accounts import services
from accounts.tests.factories import MembershipFactory, UserFactory
from accounts.workflow import TRANSITIONS, MembershipStatus, actions_for
from core.models import AuditEvent
from core.workflow import TransitionRefused

SERVICES = {
    "approve": lambda membership, by: services.approve(membership, by=by),
    "reject": lambda membership, by: services.reject(membership, by=by, reason="A reason"),
    "revoke": lambda membership, by: services.revoke(membership, by=by, reason="A reason"),
}


def test_every_transition_has_a_service():
    assert set(SERVICES) == set(TRANSITIONS)


@pytest.mark.parametrize(("status", "action"), list(itertools.product(MembershipStatus.values, TRANSITIONS)))
def test_each_action_from_each_state(status, action, moderator):
    membership = MembershipFactory(status=status)
    step = TRANSITIONS[action]
    if status in step.source:
        changed = SERVICES[action](membership, moderator)
        membership.refresh_from_db()
        assert membership.status == changed.status == step.target
        assert membership.decided_by == moderator
        assert AuditEvent.objects.filter(action=step.audit_code, object_id=str(membership.pk)).exists()
    else:
        with pytest.raises(TransitionRefused):
            SERVICES[action](membership, moderator)
        membership.refresh_from_db()
        assert membership.status == status
        assert not AuditEvent.objects.filter(action=step.audit_code).exists()


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("role", ["", "assessor"])
def test_only_moderators_may_decide(action, role):
    someone = UserFactory(role=role)
    membership = MembershipFactory(status=next(iter(TRANSITIONS[action].source)))
    with pytest.raises(TransitionRefused, match="permission"):
        SERVICES[action](membership, someone)


@pytest.mark.parametrize("action", ["reject", "revoke"])
def test_a_reason_is_needed_to_reject_or_revoke(action, moderator):
    membership = MembershipFactory(status=next(iter(TRANSITIONS[action].source)))
    with pytest.raises(TransitionRefused) as refusal:
        getattr(services, action)(membership, by=moderator, reason="   ")
    assert refusal.value.field == "reason"


def test_a_programme_admin_may_do_what_a_moderator_may(programme_admin):
    membership = MembershipFactory(pending=True)
    assert services.approve(membership, by=programme_admin).status == MembershipStatus.APPROVED


def test_it_tells_templates_which_actions_a_user_may_take(moderator, member):
    assert actions_for(MembershipStatus.PENDING, moderator) == ["approve", "reject"]
    assert actions_for(MembershipStatus.APPROVED, moderator) == ["revoke"]
    assert actions_for(MembershipStatus.REJECTED, moderator) == []
    assert actions_for(MembershipStatus.PENDING, member) == []
