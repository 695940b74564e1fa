from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, OutboundEmail
from core.schedule import JOBS
from declaration import jobs
from declaration.models import ProgressReminder
from declaration.queries import months_before
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "declaration_project_reminder"


def signed(months: int, days: int = 0, **fields):
    """A signature made `months` months and `days` days ago, with one project."""
    when = months_before(timezone.now(), months) - timedelta(days=days)
    signature = SignatureFactory(signed=True, signed_at=when, **fields)
    DeclarationProjectFactory(signature=signature, title="Open waste data")
    return signature


def reminders() -> list[str]:
    return sorted(OutboundEmail.objects.filter(template=TEMPLATE).values_list("to", flat=True))


def test_it_runs_daily():
    job = JOBS["declaration.jobs.remind_about_declaration_projects"]
    assert job.interval == timedelta(days=1)


def test_it_reminds_the_lead_and_the_senior_approver_at_11_months(mailoutbox):
    signature = signed(11, approver_email="chief@testshire.gov.uk")

    jobs.remind_about_declaration_projects()

    assert reminders() == sorted([signature.lead.email, "chief@testshire.gov.uk"])
    message = next(message for message in mailoutbox if message.to == ["chief@testshire.gov.uk"])
    project = signature.projects.get()
    assert reverse("declaration:progress_new", args=[project.pk]) in message.body
    assert "Open waste data (Not started)" in message.body
    assert signature.organisation.name in message.subject
    assert ProgressReminder.objects.filter(signature=signature).exists()
    assert AuditEvent.objects.filter(action="declaration.progress_reminder_sent").count() == 1


def test_it_does_not_remind_before_11_months():
    signed(10, days=27)

    jobs.remind_about_declaration_projects()

    assert reminders() == []
    assert not ProgressReminder.objects.exists()


def test_it_reminds_only_once():
    signed(11, days=3)
    jobs.remind_about_declaration_projects()
    sent = reminders()

    jobs.remind_about_declaration_projects()
    jobs.remind_about_declaration_projects()

    assert len(sent) == 2
    assert reminders() == sent


@pytest.mark.parametrize("trait", ["done", "stopped"])
def test_it_does_not_remind_when_every_project_is_finished(trait):
    signature = signed(12)
    ProjectUpdateFactory(project=signature.projects.get(), **{trait: True})

    jobs.remind_about_declaration_projects()

    assert reminders() == []


def test_it_reminds_when_one_project_of_two_is_unfinished():
    signature = signed(12)
    ProjectUpdateFactory(project=signature.projects.get(), done=True)
    unfinished = DeclarationProjectFactory(signature=signature, title="Common planning forms")
    ProjectUpdateFactory(project=unfinished, done=True, created_at=timezone.now() - timedelta(days=30))
    ProjectUpdateFactory(project=unfinished)

    jobs.remind_about_declaration_projects()

    assert len(reminders()) == 2


def test_it_goes_by_the_newest_update():
    signature = signed(12)
    project = signature.projects.get()
    ProjectUpdateFactory(project=project, created_at=timezone.now() - timedelta(days=30))
    ProjectUpdateFactory(project=project, done=True)

    jobs.remind_about_declaration_projects()

    assert reminders() == []


def test_it_reminds_the_approver_when_the_lead_has_gone():
    signature = signed(11, lead=None)

    jobs.remind_about_declaration_projects()

    assert reminders() == [signature.approver_email]


def test_it_skips_founding_signatures_without_people():
    signed(80, lead=None, approver_email="", is_founding=True)

    jobs.remind_about_declaration_projects()

    assert reminders() == []
    assert not ProgressReminder.objects.exists()


def test_it_skips_withdrawn_signatures():
    signature = signed(13)
    signature.status = "withdrawn"
    signature.save(update_fields=["status"])

    jobs.remind_about_declaration_projects()

    assert reminders() == []
