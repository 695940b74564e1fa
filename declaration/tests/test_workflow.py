import pytest

from accounts.tests.factories import UserFactory
from core.workflow import TransitionRefused
from declaration.workflow import TRANSITIONS, SignatureStatus

PAIRS = [(status, action) for status in SignatureStatus for action in TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_each_move_is_allowed_only_from_its_source_states(status, action):
    step = TRANSITIONS[action]
    actor = None if action == "sign" else UserFactory.build(role="moderator")
    if status in step.source:
        step.check(status, actor, reason="A reason")
    else:
        with pytest.raises(TransitionRefused):
            step.check(status, actor, reason="A reason")


@pytest.mark.parametrize("action", ["request_changes", "approve", "reject", "withdraw"])
def test_only_moderators_review(action):
    step = TRANSITIONS[action]
    source = next(iter(step.source))
    with pytest.raises(TransitionRefused, match="permission"):
        step.check(source, UserFactory.build(), reason="A reason")


def test_only_the_approvers_link_signs():
    with pytest.raises(TransitionRefused, match="permission"):
        TRANSITIONS["sign"].check(SignatureStatus.AWAITING_SIGNATURE, UserFactory.build(role="moderator"))


@pytest.mark.parametrize("action", ["request_changes", "reject", "withdraw"])
def test_these_moves_need_a_reason(action):
    step = TRANSITIONS[action]
    with pytest.raises(TransitionRefused, match="Enter a reason"):
        step.check(next(iter(step.source)), UserFactory.build(role="moderator"), reason=" ")
