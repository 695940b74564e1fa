"""Every business action on a signature of the declaration. Views, commands and tasks call
these; nothing else writes a signature's status."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from core import audit
from core.db import retry_while_sqlite_is_busy
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from declaration import queries
from declaration.models import (
    ApproverLink,
    DeclarationProject,
    OrganisationRequest,
    ProjectPrinciple,
    Signature,
    SignatureVersion,
)
from declaration.workflow import ACTIVE_STATES, TRANSITIONS, SignatureStatus, is_moderator
from organisations.models import Organisation, OrganisationDomain

# Letters and digits nobody misreads on the phone: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
EDITABLE_STATES = frozenset({SignatureStatus.DRAFT, SignatureStatus.CHANGES_REQUESTED})
LAUNCH_DAY = datetime(2018, 7, 4, 12, 0, tzinfo=ZoneInfo("Europe/London"))


# The lead's draft ------------------------------------------------------------------------


def start(organisation: Organisation, *, lead) -> Signature:
    """The lead's draft for `organisation`: their existing one, or a new one. Refused for an
    organisation that no longer exists or already holds a signature."""
    if not Organisation.objects.current().filter(pk=organisation.pk).exists():
        raise TransitionRefused(f"{organisation} no longer exists, so it cannot sign", field="organisation")
    if lead.is_supplier_account:
        raise TransitionRefused("You act for a supplier, so you cannot sign for an organisation", field="organisation")
    _refuse_if_taken(organisation)
    draft = Signature.objects.filter(organisation=organisation, lead=lead, status=SignatureStatus.DRAFT).first()
    if draft is not None:
        return draft
    with transaction.atomic():
        signature = _create_with_reference(organisation=organisation, lead=lead, lead_name=lead.full_name)
        audit.record(signature, "declaration.started", by=lead)
    return signature


def save_people(
    signature: Signature,
    *,
    by,
    lead_name: str,
    lead_job_title: str,
    approver_name: str,
    approver_job_title: str,
    approver_email: str,
) -> Signature:
    """The lead's and the senior approver's details. They must be two people."""
    _refuse_unless_editable_by(signature, by)
    approver_email = approver_email.strip().lower()
    if approver_email == by.email.lower():
        raise TransitionRefused(
            "The senior approver must be someone other than you. Enter their email address", field="approver_email"
        )
    fields = {
        "lead_name": lead_name.strip(),
        "lead_job_title": lead_job_title.strip(),
        "approver_name": approver_name.strip(),
        "approver_job_title": approver_job_title.strip(),
        "approver_email": approver_email,
    }
    with transaction.atomic():
        _lock_editable(signature, by)
        before = {name: getattr(signature, name) for name in fields}
        for name, value in fields.items():
            setattr(signature, name, value)
        signature.save(update_fields=[*fields, "updated_at"])
        # Names and addresses stay out of the trail: it says which answers changed, not to what.
        changed = [name for name in fields if before[name] != fields[name]]
        if changed:
            audit.record(signature, "declaration.people_changed", by=by, changes={name: ("", "") for name in changed})
    return signature


def save_project(
    signature: Signature,
    *,
    by,
    title: str,
    description: str,
    principles: list[int],
    expected_completion: date,
    link: str = "",
    project: DeclarationProject | None = None,
) -> DeclarationProject:
    """Add a declaration project to the draft, or change `project`."""
    _refuse_unless_editable_by(signature, by)
    if not principles:
        raise TransitionRefused("Select at least one principle the project serves", field="principles")
    today = timezone.localdate()
    if expected_completion < today:
        raise TransitionRefused("The expected completion date must be in the future", field="expected_completion")
    if expected_completion > _a_year_after(today):
        raise TransitionRefused(
            "A declaration project must finish within 12 months. Enter a date within a year",
            field="expected_completion",
        )
    with transaction.atomic():
        _lock_editable(signature, by)
        if project is None:
            project = DeclarationProject(signature=signature)
        elif project.signature_id != signature.pk:
            raise TransitionRefused("That project belongs to another declaration")
        project.title, project.description = title.strip(), description.strip()
        project.expected_completion, project.link = expected_completion, link.strip()
        project.save()
        project.principles.all().delete()
        ProjectPrinciple.objects.bulk_create(
            ProjectPrinciple(project=project, principle=number) for number in sorted(set(principles))
        )
        audit.record(signature, "declaration.project_saved", by=by, changes={"project": (None, project.title)})
    return project


def remove_project(signature: Signature, *, by, project: DeclarationProject) -> None:
    """Take a declaration project out of the draft."""
    _refuse_unless_editable_by(signature, by)
    if project.signature_id != signature.pk:
        raise TransitionRefused("That project belongs to another declaration")
    with transaction.atomic():
        _lock_editable(signature, by)
        title = project.title
        project.delete()
        audit.record(signature, "declaration.project_removed", by=by, changes={"project": (title, None)})


def request_organisation(
    *, by, name: str, organisation_type: str, nation: str, website: str = ""
) -> OrganisationRequest:
    """A lead asks moderators to add an organisation the service does not list. Nothing can
    be signed for it until they have."""
    with transaction.atomic():
        request = OrganisationRequest.objects.create(
            requested_by=by,
            name=name.strip(),
            organisation_type=organisation_type,
            nation=nation,
            website=website.strip(),
        )
        audit.record(request, "declaration.organisation_requested", by=by)
    return request


def submit(signature: Signature, *, by) -> Signature:
    """The lead sends the declaration for review. Its answers are kept as a new version."""
    return retry_while_sqlite_is_busy(lambda: _submit(signature, by=by))


def _submit(signature: Signature, *, by) -> Signature:
    try:
        with transaction.atomic():
            locked = Signature.objects.select_for_update().get(pk=signature.pk)
            _refuse_unless_lead(locked, by)
            TRANSITIONS["submit"].check(locked.status, by)
            _refuse_if_incomplete(locked)
            SignatureVersion.objects.create(
                signature=locked, number=locked.versions.count() + 1, answers=answers_of(locked)
            )
            before = locked.status
            locked.status, locked.submitted_at = SignatureStatus.SUBMITTED, timezone.now()
            locked.save(update_fields=["status", "submitted_at", "updated_at"])
            audit.record(locked, "declaration.submitted", by=by, changes={"status": (before, locked.status)})
            _email_lead(locked, "declaration_submitted")
    except IntegrityError:
        # Another lead's submission for the organisation got there first.
        _refuse_if_taken(signature.organisation)
        raise
    return locked


# Review -----------------------------------------------------------------------------------


def request_changes(signature: Signature, *, by, advice: str) -> Signature:
    # The email joins the decision's transaction: both are kept, or neither.
    with transaction.atomic():
        signature = _apply(signature, "request_changes", by=by, reason=advice)
        _email_lead(signature, "declaration_changes_requested")
    return signature


def reject(signature: Signature, *, by, reason: str) -> Signature:
    with transaction.atomic():
        signature = _apply(signature, "reject", by=by, reason=reason)
        _email_lead(signature, "declaration_rejected")
    return signature


def approve(signature: Signature, *, by) -> Signature:
    """Approve the commitments and send the senior approver their link to sign."""
    with transaction.atomic():
        signature = _apply(signature, "approve", by=by)
        _send_approver_link(signature)
        _email_lead(signature, "declaration_approved")
    return signature


def resend_approver_link(signature: Signature, *, by) -> None:
    """A new link for the approver (the old ones stop working), for the lead or a moderator."""
    if not (by.pk == signature.lead_id or by.has_role("moderator")):
        raise TransitionRefused("You do not have permission to do this")
    with transaction.atomic():
        locked = Signature.objects.select_for_update().get(pk=signature.pk)
        if locked.status != SignatureStatus.AWAITING_SIGNATURE:
            raise TransitionRefused("The link can only be sent again while the declaration waits to be signed")
        locked.approver_links.filter(used_at__isnull=True).update(expires_at=timezone.now())
        _send_approver_link(locked)
        audit.record(locked, "declaration.approver_link_resent", by=by)


# Signing ----------------------------------------------------------------------------------


def check_approver_link(token: str) -> ApproverLink:
    link = ApproverLink.objects.select_related("signature__organisation").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkRefused("invalid")
    if link.used_at is not None:
        raise LinkRefused("used")
    if link.expires_at <= timezone.now():
        raise LinkRefused("expired")
    return link


def sign(token: str, *, signed_name: str) -> Signature:
    """The senior approver signs for their organisation by typing their name."""
    link = check_approver_link(token)
    if not signed_name.strip():
        raise TransitionRefused("Type your full name to sign", field="signed_name")
    now = timezone.now()
    with transaction.atomic():
        # Of two clicks on one link, exactly one changes the row.
        if not ApproverLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now):
            raise LinkRefused("used")
        signature = _apply(link.signature, "sign", by=None, signed_name=signed_name.strip(), signed_at=now)
        _email_lead(signature, "declaration_signed")
        send_email(signature.approver_email, "declaration_signed", _email_context(signature))
    return signature


def request_withdrawal(signature: Signature, *, by, reason: str) -> Signature:
    """The organisation asks to withdraw its signature. Staff confirm it with `withdraw`;
    until then it still counts. Its lead and approved members may ask, as they may post
    updates."""
    if not queries.signatures_open_to(by).filter(pk=signature.pk).exists():
        raise TransitionRefused("Only people at an organisation that has signed can ask to withdraw its signature")
    if not reason.strip():
        raise TransitionRefused("Enter why your organisation wants to withdraw its signature", field="reason")
    with transaction.atomic():
        locked = Signature.objects.select_for_update().get(pk=signature.pk)
        # Checked again under the lock: staff may have withdrawn it, or a colleague asked first.
        if locked.status != SignatureStatus.SIGNED:
            raise TransitionRefused("Only a signed declaration can be withdrawn")
        if locked.withdrawal_requested_at is not None:
            when = timezone.localtime(locked.withdrawal_requested_at).strftime("%-d %B %Y")
            raise TransitionRefused(f"Someone at {locked.organisation} already asked to withdraw it, on {when}")
        locked.withdrawal_requested_at = timezone.now()
        locked.withdrawal_requested_by = by
        locked.withdrawal_request_reason = reason.strip()
        locked.save(
            update_fields=[
                "withdrawal_requested_at",
                "withdrawal_requested_by",
                "withdrawal_request_reason",
                "updated_at",
            ]
        )
        audit.record(locked, "declaration.withdrawal_requested", by=by, reason=locked.withdrawal_request_reason)
        context = {**_email_context(locked), "reason": locked.withdrawal_request_reason}
        for email in dict.fromkeys([locked.lead.email if locked.lead else "", locked.approver_email]):
            if email:
                send_email(email, "declaration_withdrawal_requested", context)
    return locked


def withdraw(signature: Signature, *, by, reason: str) -> Signature:
    """Staff confirm an organisation's withdrawal: it leaves the public count, not the history.
    Any request from the organisation to withdraw is kept as it was."""
    return _apply(signature, "withdraw", by=by, reason=reason, withdrawn_at=timezone.now())


def record_founding_signatures() -> int:
    """The 45 co-publishers signed when the declaration launched. Safe to run again; returns
    how many it recorded."""
    recorded = 0
    for organisation in Organisation.objects.filter(co_publisher_number__isnull=False):
        if organisation.signatures.filter(is_founding=True).exists():
            continue
        with transaction.atomic():
            signature = _create_with_reference(
                organisation=organisation, status=SignatureStatus.SIGNED, is_founding=True, signed_at=LAUNCH_DAY
            )
            audit.record(signature, "declaration.founding_signature_recorded")
        recorded += 1
    return recorded


# Helpers ----------------------------------------------------------------------------------


def _apply(signature: Signature, action: str, *, by, reason: str = "", **fields) -> Signature:
    step = TRANSITIONS[action]
    with transaction.atomic():
        locked = Signature.objects.select_for_update().get(pk=signature.pk)
        step.check(locked.status, by, reason)
        before = locked.status
        locked.status = step.target
        if reason:
            locked.review_note = reason.strip()
        if action in ("approve", "reject", "request_changes"):
            locked.decided_at = timezone.now()
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
    return locked


def _refuse_if_taken(organisation: Organisation) -> None:
    active = organisation.signatures.filter(status__in=ACTIVE_STATES).first()
    if active is None:
        return
    if active.status == SignatureStatus.SIGNED:
        when = timezone.localtime(active.signed_at).strftime("%-d %B %Y")
        raise TransitionRefused(f"{organisation} has already signed the declaration, on {when}", field="organisation")
    raise TransitionRefused(
        f"Someone at {organisation} is already signing the declaration (reference {active.reference})",
        field="organisation",
    )


def _refuse_unless_lead(signature: Signature, by) -> None:
    if by is None or not by.is_authenticated or by.pk != signature.lead_id:
        raise TransitionRefused("Only the person leading this declaration can change it")


def _refuse_unless_editable_by(signature: Signature, by) -> None:
    _refuse_unless_lead(signature, by)
    if signature.status not in EDITABLE_STATES:
        label = SignatureStatus(signature.status).label.lower()
        raise TransitionRefused(f"This declaration cannot be changed because it is {label}")


def _lock_editable(signature: Signature, by) -> None:
    """Checked again under the lock: the lead may have submitted the draft in another tab
    since `signature` was read, and a submitted declaration's answers must not change."""
    _refuse_unless_editable_by(Signature.objects.select_for_update().get(pk=signature.pk), by)


def _refuse_if_incomplete(signature: Signature) -> None:
    people = ["lead_name", "lead_job_title", "approver_name", "approver_job_title", "approver_email"]
    if any(not getattr(signature, name) for name in people):
        raise TransitionRefused("Enter your details and the senior approver’s before you submit")
    if not signature.projects.exists():
        raise TransitionRefused("Add a declaration project before you submit")


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def answers_of(signature: Signature) -> dict:
    """What the lead has answered, as kept in each submitted version."""
    return {
        "lead_job_title": signature.lead_job_title,
        "approver_job_title": signature.approver_job_title,
        "projects": [
            {
                "title": project.title,
                "description": project.description,
                "principles": [row.principle for row in project.principles.all()],
                "expected_completion": project.expected_completion.isoformat(),
                "link": project.link,
            }
            for project in signature.projects.prefetch_related("principles")
        ],
    }


def _create_with_reference(**fields) -> Signature:
    for _ in range(5):
        try:
            with transaction.atomic():
                return Signature.objects.create(reference=f"LDD-{get_random_string(6, REFERENCE_ALPHABET)}", **fields)
        except IntegrityError:
            if Signature.objects.filter(organisation=fields["organisation"], status__in=ACTIVE_STATES).exists():
                raise
    raise RuntimeError("Could not find an unused reference")


def _send_approver_link(signature: Signature) -> None:
    token = new_token()
    days = settings.DECLARATION_APPROVER_LINK_DAYS
    ApproverLink.objects.create(
        signature=signature, token_hash=hash_token(token), expires_at=timezone.now() + timedelta(days=days)
    )
    context = {**_email_context(signature), "link": settings.SITE_URL + reverse("declaration:approve", args=[token])}
    send_email(signature.approver_email, "declaration_approver_link", {**context, "days": days})


def _email_lead(signature: Signature, template: str) -> None:
    if signature.lead is not None:
        send_email(signature.lead.email, template, _email_context(signature))


def _email_context(signature: Signature) -> dict:
    return {"signature": signature, "organisation": signature.organisation, "reason": signature.review_note}


# Requests to add an organisation ---------------------------------------------------------------


def add_requested_organisation(
    organisation_request: OrganisationRequest,
    *,
    by,
    name: str,
    organisation_type: str,
    nation: str,
    region: str = "",
    website: str = "",
    email_domain: str = "",
) -> Organisation:
    """A moderator adds the organisation a lead asked for, with the details they have
    checked, and tells the lead they can now sign for it."""
    _refuse_unless_moderator(by)
    values = {
        "name": " ".join(name.split()),
        "organisation_type": organisation_type,
        "nation": nation,
        "region": region.strip(),
        "website": website.strip(),
    }
    domain = email_domain.strip().lower().removeprefix("@").removeprefix("www.")
    with transaction.atomic():
        locked = _pending_request(organisation_request)
        if Organisation.objects.current().filter(name__iexact=values["name"]).exists():
            raise TransitionRefused(
                f"{values['name']} is already listed. Decline the request and tell the lead to find it", field="name"
            )
        if domain and OrganisationDomain.objects.filter(domain=domain).exists():
            raise TransitionRefused(f"{domain} already belongs to another organisation", field="email_domain")
        organisation = _create_with_free_slug(values)
        changes = {field: (None, value) for field, value in values.items() if value}
        if domain:
            OrganisationDomain.objects.create(organisation=organisation, domain=domain)
            changes["domains"] = ([], [domain])
        audit.record(organisation, "organisation.created", by=by, changes=changes)
        _decide_request(locked, OrganisationRequest.Status.ADDED, by=by)
        if locked.requested_by is not None:
            link = settings.SITE_URL + reverse("declaration:sign")
            context = {"organisation": organisation, "organisation_request": locked, "link": link}
            send_email(locked.requested_by.email, "declaration_organisation_added", context)
    return organisation


def decline_organisation_request(organisation_request: OrganisationRequest, *, by, reason: str) -> OrganisationRequest:
    """A moderator declines to add the organisation, and the lead is told why."""
    _refuse_unless_moderator(by)
    if not reason.strip():
        raise TransitionRefused("Enter a reason for declining the request", field="reason")
    with transaction.atomic():
        locked = _pending_request(organisation_request)
        _decide_request(locked, OrganisationRequest.Status.DECLINED, by=by, reason=reason.strip())
        if locked.requested_by is not None:
            context = {"organisation_request": locked, "reason": reason.strip()}
            send_email(locked.requested_by.email, "declaration_organisation_declined", context)
    return locked


def _refuse_unless_moderator(by) -> None:
    if not is_moderator(by):
        raise TransitionRefused("You do not have permission to do this")


def _pending_request(organisation_request: OrganisationRequest) -> OrganisationRequest:
    # Locked, so that of two moderators deciding at once only the first decides.
    locked = OrganisationRequest.objects.select_for_update().get(pk=organisation_request.pk)
    if locked.status != OrganisationRequest.Status.PENDING:
        raise TransitionRefused(f"This request has already been {locked.get_status_display().lower()}")
    return locked


def _decide_request(locked: OrganisationRequest, status: str, *, by, reason: str = "") -> None:
    before, locked.status = locked.status, status
    locked.save(update_fields=["status"])
    audit.record(
        locked, f"declaration.organisation_request_{status}", by=by, changes={"status": (before, status)}, reason=reason
    )


def _create_with_free_slug(values: dict) -> Organisation:
    base = slugify(values["name"])[:180] or "organisation"
    for _ in range(5):
        taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = next(candidate for candidate in _slugs_from(base) if candidate not in taken)
        try:
            with transaction.atomic():
                return Organisation.objects.create(slug=slug, **values)
        except IntegrityError:
            # Another moderator's organisation took the slug a moment ago: look again.
            continue
    raise RuntimeError("Could not find an unused slug")


def _slugs_from(base: str) -> Iterator[str]:
    yield base
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1
