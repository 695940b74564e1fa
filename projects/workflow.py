"""Funded projects: the states of a project and of each of its phases, and who may move them.

An approved award creates a project in the phase it funds. A phase is planned, then under way,
then complete; a project moves to its next phase only with a new award from a later round or a
decision staff record with their reason. A project ends completed or stopped (staff, with a
reason). Services check every move against the tables here.
"""

from django.db import models

from core import workflow
from core.workflow import Transition


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


def is_staff(user) -> bool:
    return user is not None and user.is_authenticated and user.has_role("moderator")


PROJECT_TRANSITIONS = {
    "complete": Transition(
        frozenset({ProjectStatus.ACTIVE}),
        ProjectStatus.COMPLETED,
        is_staff,
        "projects.completed",
        "This project cannot be marked completed because it is {state}",
    ),
    "stop": Transition(
        frozenset({ProjectStatus.ACTIVE}),
        ProjectStatus.STOPPED,
        is_staff,
        "projects.stopped",
        "This project cannot be stopped because it is {state}",
        needs_reason=True,
    ),
}

PHASE_TRANSITIONS = {
    "start": Transition(
        frozenset({PhaseStatus.PLANNED}),
        PhaseStatus.IN_PROGRESS,
        is_staff,
        "projects.phase_started",
        "This phase cannot start because it is {state}",
    ),
    "complete": Transition(
        frozenset({PhaseStatus.IN_PROGRESS}),
        PhaseStatus.COMPLETE,
        is_staff,
        "projects.phase_completed",
        "This phase cannot be completed because it is {state}",
    ),
}


def project_actions_for(status: str, user) -> list[str]:
    return workflow.actions_for(PROJECT_TRANSITIONS, status, user)
