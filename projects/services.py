"""Every business action on a funded project: an award starts one; its team posts updates and
outputs and keeps its public details up to date; staff move it to its next phase (with a new
award or a recorded decision), complete or stop it; teams are reminded before outputs are
due. Views, jobs and the fund's approval call these; nothing else writes a project's or a
phase's status."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from core import audit
from core.db import retry_while_sqlite_is_busy
from core.email import send_email
from core.workflow import TransitionRefused
from events.models import Topic
from fund.models import FundedProject
from projects import queries
from projects.models import Licence, Output, OutputType, PhaseName, Project, ProjectPhase, Update
from projects.uploads import CheckedUpload
from projects.workflow import PHASE_TRANSITIONS, PROJECT_TRANSITIONS, PhaseStatus, ProjectStatus

# How long the phase an award pays for runs from its round's kick-off: the lengths the fund
# plans each phase for. Its outputs are due at the end. Live has no award, so no length.
PHASE_LENGTHS = {
    PhaseName.DISCOVERY: datetime.timedelta(weeks=12),
    PhaseName.ALPHA: datetime.timedelta(weeks=12),
    PhaseName.BETA: datetime.timedelta(weeks=26),
}
# Addresses of other pages under /projects/ and /api/v1/projects/, which no project's slug may take.
RESERVED_SLUGS = frozenset({"yours", "charts", "outputs"})
SLUG_ATTEMPTS = 20
SUMMARY_LENGTH = 300
# Open-source licences code may be published under (the others are for documents and data).
CODE_LICENCES = frozenset({Licence.MIT, Licence.APACHE, Licence.GPL, Licence.AGPL})
NOT_ON_THE_TEAM = "Only members of the project’s lead or partner organisations can do this"


# An award starts a project ----------------------------------------------------------------


def start_project_for_grant(grant: FundedProject, *, by=None) -> Project:
    """The project an approved award starts, in the phase it pays for: the bid's title and
    problem, its lead and confirmed partners, and a phase from the round's kick-off."""
    grant = FundedProject.objects.select_related("bid__round").get(pk=grant.pk)
    bid = grant.bid
    with transaction.atomic():
        project = _create_with_free_slug(
            title=grant.title,
            summary=Truncator(" ".join(bid.problem.split())).chars(SUMMARY_LENGTH),
            problem=bid.problem,
            lead_organisation_id=grant.lead_organisation_id,
            current_phase=grant.phase,
        )
        project.partner_organisations.set(grant.partner_organisations.all())
        phase = _add_phase(project, grant.phase, grant=grant, starts_on=timezone.localdate(bid.round.kick_off_at))
        changes = {"current_phase": (None, project.current_phase), "grant": (None, grant.grant_identifier)}
        audit.record(project, "projects.started", by=by, changes=changes)
        audit.record(phase, PHASE_TRANSITIONS["start"].audit_code, by=by, changes={"status": (None, phase.status)})
    return project


def _create_with_free_slug(**fields) -> Project:
    base = slugify(fields["title"])[:150] or "project"
    for number in range(1, SLUG_ATTEMPTS + 1):
        slug = base if number == 1 else f"{base}-{number}"
        if slug in RESERVED_SLUGS:
            continue
        try:
            # A savepoint, so a clash leaves the caller's transaction usable.
            with transaction.atomic():
                return Project.objects.create(slug=slug, **fields)
        except IntegrityError:
            if not Project.objects.filter(slug=slug).exists():
                raise
    raise RuntimeError(f"No free address for the project {fields['title']!r}")


def _add_phase(project: Project, phase: str, *, starts_on: datetime.date, **fields) -> ProjectPhase:
    ends_on = fields.pop("ends_on", None) or starts_on + PHASE_LENGTHS[phase]
    return ProjectPhase.objects.create(
        project=project, phase=phase, status=PhaseStatus.IN_PROGRESS, starts_on=starts_on, ends_on=ends_on, **fields
    )


# Staff move a project on ------------------------------------------------------------------


def continue_with_award(project: Project, grant: FundedProject, *, by) -> Project:
    """Move the project on to the phase `grant` pays for. An award that started a project of
    its own with nothing in it yet moves here, and that empty project is removed."""
    return retry_while_sqlite_is_busy(lambda: _continue_with_award(project, grant, by=by))


def _continue_with_award(project: Project, grant: FundedProject, *, by) -> Project:
    with transaction.atomic():
        locked = _lock(project)
        _refuse_unless_movable(locked, by)
        if not queries.grants_to_continue(locked).filter(pk=grant.pk).exists():
            raise TransitionRefused(
                "Choose an award to the lead organisation, from a later round, for a later phase", field="grant"
            )
        grant = FundedProject.objects.select_related("bid__round").get(pk=grant.pk)
        previous = getattr(grant, "project_phase", None)
        if previous is not None:
            _remove_empty_project(previous.project_id, into=locked, by=by)
        _complete_current_phase(locked, by)
        starts_on = timezone.localdate(grant.bid.round.kick_off_at)
        phase = _start_phase(locked, grant.phase, by=by, starts_on=starts_on, grant=grant)
        locked.partner_organisations.add(*grant.partner_organisations.all())
        _move_current_phase(locked, phase, by=by, changes={"grant": (None, grant.grant_identifier)})
    return locked


def continue_by_decision(
    project: Project, *, by, phase: str, reason: str, starts_on: datetime.date, ends_on: datetime.date
) -> Project:
    """Move the project on to `phase`, the one after its current phase, without a new award:
    staff record why, and when the phase runs. Naming the phase means a second click, or a
    colleague's move made meanwhile, is refused rather than taking the project a phase further."""
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Enter why the project moves on without a new award", field="reason")
    if ends_on < starts_on:
        raise TransitionRefused("The end date must be the same as or after the start date", field="ends_on")
    return retry_while_sqlite_is_busy(
        lambda: _continue_by_decision(project, by=by, phase=phase, reason=reason, starts_on=starts_on, ends_on=ends_on)
    )


def _continue_by_decision(project: Project, *, by, phase: str, reason: str, starts_on, ends_on) -> Project:
    with transaction.atomic():
        locked = _lock(project)
        _refuse_unless_movable(locked, by)
        later = queries.phases_after(locked.current_phase)
        if not later:
            raise TransitionRefused("This project is already live: there is no later phase")
        if later[0] != phase:
            current = PhaseName(locked.current_phase).label.lower()
            raise TransitionRefused(f"This project has already moved on to {current}")
        _complete_current_phase(locked, by)
        started = _start_phase(
            locked, phase, by=by, starts_on=starts_on, ends_on=ends_on, decided_by=by, decision_note=reason
        )
        _move_current_phase(locked, started, by=by, reason=reason)
    return locked


def complete_project(project: Project, *, by) -> Project:
    """Mark the project completed; its phase under way is complete too."""
    return retry_while_sqlite_is_busy(lambda: _apply(project, "complete", by=by))


def stop_project(project: Project, *, by, reason: str) -> Project:
    """Stop the project before it finishes, with a reason shown on its page."""
    return retry_while_sqlite_is_busy(lambda: _apply(project, "stop", by=by, reason=reason))


def _apply(project: Project, action: str, *, by, reason: str = "") -> Project:
    step = PROJECT_TRANSITIONS[action]
    with transaction.atomic():
        locked = _lock(project)
        step.check(locked.status, by, reason)
        before = locked.status
        locked.status = step.target
        locked.status_reason = reason.strip()
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        changes = {"status": (before, locked.status)}
        audit.record(locked, step.audit_code, by=by, changes=changes, reason=reason.strip())
        if action == "complete":
            _complete_current_phase(locked, by)
    return locked


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _refuse_unless_movable(project: Project, by) -> None:
    if project.status != ProjectStatus.ACTIVE:
        label = ProjectStatus(project.status).label.lower()
        raise TransitionRefused(f"This project is {label}, so it cannot move to another phase")
    # The next phase is planned and started in one move, so it is checked as planned.
    PHASE_TRANSITIONS["start"].check(PhaseStatus.PLANNED, by)


def _complete_current_phase(project: Project, by) -> None:
    current = (
        ProjectPhase.objects.select_for_update()
        .filter(project=project, phase=project.current_phase, status=PhaseStatus.IN_PROGRESS)
        .first()
    )
    if current is None:
        return
    step = PHASE_TRANSITIONS["complete"]
    step.check(current.status, by)
    current.status = step.target
    current.save(update_fields=["status"])
    audit.record(current, step.audit_code, by=by, changes={"status": (PhaseStatus.IN_PROGRESS, current.status)})


def _start_phase(project: Project, phase: str, *, by, starts_on: datetime.date, **fields) -> ProjectPhase:
    step = PHASE_TRANSITIONS["start"]
    created = _add_phase(project, phase, starts_on=starts_on, **fields)
    audit.record(created, step.audit_code, by=by, changes={"status": (PhaseStatus.PLANNED, created.status)})
    return created


def _move_current_phase(project: Project, phase: ProjectPhase, *, by, changes=None, reason: str = "") -> None:
    before = project.current_phase
    project.current_phase = phase.phase
    project.save(update_fields=["current_phase", "updated_at"])
    changes = {"current_phase": (before, project.current_phase), **(changes or {})}
    audit.record(project, "projects.moved_to_next_phase", by=by, changes=changes, reason=reason)


def _remove_empty_project(project_id: int, *, into: Project, by) -> None:
    empty = Project.objects.select_for_update().get(pk=project_id)
    audit.record(empty, "projects.merged", by=by, changes={"slug": (empty.slug, into.slug)})
    empty.delete()


# The team ---------------------------------------------------------------------------------


def post_update(project: Project, *, by, kind: str, title: str, body: str, blog_url: str = "") -> Update:
    """A team member publishes a weeknote or a show and tell."""
    _refuse_unless_team(project, by)
    with transaction.atomic():
        update = Update.objects.create(
            project=project, kind=kind, title=title.strip(), body=body.strip(), blog_url=blog_url.strip(), author=by
        )
        audit.record(update, "projects.update_posted", by=by, changes={"project": (None, project.slug)})
    return update


@dataclass
class OutputDetails:
    """What a team member enters about an output; exactly one of `link` and the upload."""

    phase: str
    output_type: str
    title: str
    description: str
    link: str = ""
    repository_url: str = ""
    licence: str = ""


def add_output(project: Project, *, by, details: OutputDetails, upload: CheckedUpload | None = None) -> Output:
    """A team member publishes an output with a link or a file. The file is stored under a
    random name; if the record cannot be saved, the file is removed again."""
    _refuse_unless_team(project, by)
    _refuse_bad_output(project, details, upload)
    output = Output(
        project=project,
        phase=details.phase,
        output_type=details.output_type,
        title=details.title.strip(),
        description=details.description.strip(),
        link=details.link.strip(),
        repository_url=details.repository_url.strip(),
        licence=details.licence,
        created_by=by,
    )
    if upload is not None:
        output.file.save(f"{uuid.uuid4().hex}.{upload.kind.code}", upload.file, save=False)
        output.file_type, output.file_size, output.file_name = upload.kind.code, upload.size, upload.display_name
    try:
        with transaction.atomic():
            output.save()
            audit.record(output, "projects.output_added", by=by, changes={"project": (None, project.slug)})
    except Exception:
        if output.file:
            output.file.delete(save=False)
        raise
    return output


def _refuse_bad_output(project: Project, details: OutputDetails, upload: CheckedUpload | None) -> None:
    if not project.phases.filter(phase=details.phase).exists():
        raise TransitionRefused("Select a phase the project has been through", field="phase")
    if bool(details.link.strip()) == (upload is not None):
        raise TransitionRefused("Enter a link or upload a file, not both", field="link")
    if details.output_type == OutputType.CODE:
        if not details.repository_url.strip():
            raise TransitionRefused("Enter the address of the code’s repository", field="repository_url")
        if details.licence not in CODE_LICENCES:
            raise TransitionRefused("Select the open-source licence the code is published under", field="licence")


@dataclass
class ProjectDetails:
    """The public details the team keeps up to date."""

    summary: str
    problem: str
    contact_email: str
    topics: list[Topic] = field(default_factory=list)


def change_details(project: Project, *, by, details: ProjectDetails) -> Project:
    _refuse_unless_team(project, by)
    values = {
        "summary": details.summary.strip(),
        "problem": details.problem.strip(),
        "contact_email": details.contact_email.strip().lower(),
    }
    with transaction.atomic():
        locked = _lock(project)
        before = {name: getattr(locked, name) for name in values}
        for name, value in values.items():
            setattr(locked, name, value)
        changes = audit.changed_fields(before, locked, list(values))
        topics_before = sorted(locked.topics.values_list("pk", flat=True))
        topics_after = sorted(topic.pk for topic in details.topics)
        if topics_before != topics_after:
            locked.topics.set(details.topics)
            changes["topics"] = (topics_before, topics_after)
        if not changes:
            return locked
        locked.save(update_fields=[*values, "updated_at"])
        if "problem" in changes:
            # The trail says the problem changed, not what it says (it can be long).
            changes["problem"] = ("", "")
        audit.record(locked, "projects.details_changed", by=by, changes=changes)
    return locked


def _refuse_unless_team(project: Project, by) -> None:
    if not queries.is_team_member(by, project):
        raise TransitionRefused(NOT_ON_THE_TEAM)


# Reminders --------------------------------------------------------------------------------


def send_output_reminders(today: datetime.date | None = None) -> int:
    """Email each active project's team, once, when the phase under way ends within
    queries.DUE_SOON: its outputs are due. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    due = (
        ProjectPhase.objects.filter(
            status=PhaseStatus.IN_PROGRESS,
            reminder_sent_at__isnull=True,
            project__status=ProjectStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + queries.DUE_SOON,
        )
        .exclude(project__contact_email="")
        .select_related("project")
    )
    sent = 0
    for phase in due:
        now = timezone.now()
        with transaction.atomic():
            # Claimed by one UPDATE, so a second worker running at once sends nothing.
            claimed = ProjectPhase.objects.filter(pk=phase.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            audit.record(phase, "projects.outputs_reminded", changes={"reminder_sent_at": (None, now)})
            context = {
                "project": phase.project,
                "phase": phase,
                "outputs": Output.objects.filter(project=phase.project, phase=phase.phase).count(),
            }
            send_email(
                phase.project.contact_email,
                "project_outputs_due",
                context,
                dedupe_key=f"project-outputs-due-{phase.pk}",
            )
        sent += 1
    return sent
