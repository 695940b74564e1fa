"""Working in the open after signing: updates on declaration projects, and the one reminder
to post them. Views, jobs and commands call these; nothing else writes an update."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import audit
from core.email import send_email
from core.workflow import TransitionRefused
from declaration import queries
from declaration.models import DeclarationProject, ProgressReminder, ProjectStatus, ProjectUpdate, Signature

logger = logging.getLogger(__name__)


def post_update(
    project: DeclarationProject, *, by, status: str, what_happened: str, lessons_learnt: str = ""
) -> ProjectUpdate:
    """Publish an update on a project of a signed declaration. Only its lead and approved
    members of the organisation that signed may post one."""
    if not queries.projects_open_to(by).filter(pk=project.pk).exists():
        raise TransitionRefused("Only people at the organisation that signed can post an update on this project")
    if status not in ProjectStatus.values:
        raise TransitionRefused("Select where the project stands", field="status")
    with transaction.atomic():
        before = project.updates.order_by("-created_at", "-pk").values_list("status", flat=True).first()
        update = ProjectUpdate.objects.create(
            project=project,
            author=by,
            status=status,
            what_happened=what_happened.strip(),
            lessons_learnt=lessons_learnt.strip(),
        )
        audit.record(
            project.signature,
            "declaration.project_updated",
            by=by,
            changes={"project": (None, project.title), "status": (before or ProjectStatus.NOT_STARTED, status)},
        )
    return update


def send_reminders(now: datetime | None = None) -> int:
    """Remind each signature's lead and senior approver, once, to report on projects not yet
    done or stopped about 11 months after signing. Safe to run again; returns how many
    signatures it reminded."""
    now = now or timezone.now()
    reminded = 0
    for signature in queries.signatures_to_remind(now):
        with transaction.atomic():
            # The row is the record that the reminder went: a second run, or a second worker,
            # finds it and sends nothing.
            _, created = ProgressReminder.objects.get_or_create(signature=signature, defaults={"sent_at": now})
            if not created:
                continue
            _email_reminder(signature)
            audit.record(signature, "declaration.progress_reminder_sent")
        reminded += 1
    logger.info("Sent progress reminders for %s signatures", reminded)
    return reminded


def _email_reminder(signature: Signature) -> None:
    projects = signature.projects.annotate(current_status=queries.current_status()).order_by("pk")
    context = {
        "signature": signature,
        "organisation": signature.organisation,
        "projects": [
            {
                "title": project.title,
                "status": ProjectStatus(project.current_status).label,
                "link": settings.SITE_URL + reverse("declaration:progress_new", args=[project.pk]),
            }
            for project in projects
        ],
        "progress_link": settings.SITE_URL + reverse("declaration:progress"),
    }
    recipients = {"lead": signature.lead.email if signature.lead else "", "approver": signature.approver_email}
    for role, email in recipients.items():
        if email:
            key = f"declaration-progress-reminder-{signature.pk}-{role}"
            send_email(email, "declaration_project_reminder", context, dedupe_key=key)
