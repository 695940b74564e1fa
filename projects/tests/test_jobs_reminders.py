import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import AuditEvent, OutboundEmail
from core.schedule import JOBS
from projects import jobs
from projects.models import PhaseName, ProjectPhase
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db


def ending_in(days: int, **fields) -> ProjectPhase:
    project_fields = {
        key.removeprefix("project__"): value for key, value in fields.items() if key.startswith("project__")
    }
    phase_fields = {key: value for key, value in fields.items() if not key.startswith("project__")}
    project = ProjectFactory(**{"contact_email": "repairs-project@council.example.gov.uk", **project_fields})
    return ProjectPhaseFactory(
        project=project, ends_on=timezone.localdate() + datetime.timedelta(days=days), **phase_fields
    )


def test_reminders_are_checked_every_six_hours():
    assert JOBS["projects.jobs.send_output_reminders"].interval == datetime.timedelta(hours=6)


def test_the_team_is_reminded_once_two_weeks_before_outputs_are_due():
    phase = ending_in(14, project__title="Shared repairs")
    OutputFactory(project=phase.project, phase=PhaseName.DISCOVERY)

    jobs.send_output_reminders()
    jobs.send_output_reminders()

    (email,) = OutboundEmail.objects.filter(template="project_outputs_due")
    assert (email.to, email.dedupe_key) == ("repairs-project@council.example.gov.uk", f"project-outputs-due-{phase.pk}")
    (sent,) = mail.outbox
    assert sent.subject == f"Shared repairs: discovery outputs are due by {phase.ends_on:%-d %B %Y}"
    assert "You have published 1 output from this phase so far." in sent.body
    assert f"/projects/{phase.project.slug}/outputs/new" in sent.body
    phase.refresh_from_db()
    assert phase.reminder_sent_at is not None
    assert AuditEvent.objects.filter(action="projects.outputs_reminded", object_id=str(phase.pk)).exists()


def test_a_team_with_no_outputs_yet_is_told_so():
    ending_in(3)
    jobs.send_output_reminders()
    assert "You have not published any outputs from this phase yet." in mail.outbox[0].body


@pytest.mark.parametrize(
    "phase",
    [
        pytest.param(lambda: ending_in(15), id="more than two weeks away"),
        pytest.param(lambda: ending_in(-1), id="already ended"),
        pytest.param(lambda: ending_in(7, status=PhaseStatus.COMPLETE), id="phase complete"),
        pytest.param(lambda: ending_in(7, project__status=ProjectStatus.STOPPED), id="project stopped"),
        pytest.param(lambda: ending_in(7, project__contact_email=""), id="no contact address"),
        pytest.param(lambda: ending_in(7, reminder_sent_at=timezone.now()), id="reminded already"),
    ],
)
def test_no_reminder_goes_when_none_is_due(phase):
    phase()
    jobs.send_output_reminders()
    assert not OutboundEmail.objects.exists()
