"""The shape every workflow in the service shares.

An app's `workflow.py` lists its states (a TextChoices) and a table of named transitions:
the states each starts from, the state it leads to, who may make it and the audit code it
records. Its services check a move with `Transition.check` before writing; templates ask
`actions_for` which buttons to show.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass


class TransitionRefused(Exception):
    """A move the workflow does not allow. `message` is written for the person who tried it;
    `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Transition:
    source: frozenset
    target: str
    allowed: Callable
    audit_code: str
    # Shown when the current state does not allow the move; "{state}" becomes its label.
    refusal: str
    needs_reason: bool = False

    def check(self, status: str, by=None, reason: str = "") -> None:
        """Raise TransitionRefused unless `by` may make this move from `status` now."""
        if status not in self.source:
            label = type(self.target)(status).label.lower()
            raise TransitionRefused(self.refusal.format(state=label))
        if not self.allowed(by):
            raise TransitionRefused("You do not have permission to do this")
        if self.needs_reason and not reason.strip():
            raise TransitionRefused("Enter a reason", field="reason")


def actions_for(transitions: Mapping[str, Transition], status: str, user) -> list[str]:
    """The moves `user` may make from `status`."""
    return [name for name, step in transitions.items() if status in step.source and step.allowed(user)]
