"""Declarations at every stage, led by fictional people at real councils."""

import datetime

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import LONDON
from core.demo import loader
from declaration.models import (
    DeclarationProject,
    ProjectPrinciple,
    ProjectStatus,
    ProjectUpdate,
    Signature,
    SignatureVersion,
)
from declaration.services import answers_of
from declaration.workflow import SignatureStatus
from organisations.models import Organisation

# (register code, lead email, lead name, status, signed on, project title, principles)
DECLARATIONS = [
    (
        "BST",
        "nia.campbell@example.com",
        "Nia Campbell",
        SignatureStatus.SIGNED,
        datetime.date(2019, 2, 14),
        "Tell residents when their bins will be collected",
        [1, 2],
    ),
    (
        "CRF",
        "owain.price@example.org",
        "Owain Price",
        SignatureStatus.SIGNED,
        datetime.date(2023, 9, 28),
        "Reuse the GOV.UK Pay integration for parking permits",
        [2, 5],
    ),
    (
        "GLG",
        "fiona.mcintyre@example.net",
        "Fiona McIntyre",
        SignatureStatus.WITHDRAWN,
        datetime.date(2020, 6, 3),
        "Share care leavers’ records safely with health partners",
        [3],
    ),
    (
        "KEN",
        "daniel.osei@example.com",
        "Daniel Osei",
        SignatureStatus.SUBMITTED,
        None,
        "Open data on school transport routes",
        [2, 5],
    ),
    (
        "CON",
        "tamsin.pascoe@example.org",
        "Tamsin Pascoe",
        SignatureStatus.CHANGES_REQUESTED,
        None,
        "A digital leadership programme for service managers",
        [4],
    ),
    (
        "BNH",
        "leo.marshall@example.net",
        "Leo Marshall",
        SignatureStatus.AWAITING_SIGNATURE,
        None,
        "Redesign the housing repairs request service with tenants",
        [1],
    ),
]


@loader
def declarations() -> str:
    added = 0
    for code, email, name, status, signed_on, title, principles in DECLARATIONS:
        organisation = Organisation.objects.filter(register_code=code).first()
        if organisation is None or organisation.signatures.filter(is_founding=False).exists():
            continue
        lead, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
        Membership.objects.get_or_create(
            user=lead, organisation=organisation, defaults={"status": MembershipStatus.APPROVED}
        )
        _declaration(organisation, lead, status, signed_on, title, principles)
        added += 1
    return f"Demo declarations: {added} added"


def _declaration(organisation, lead, status, signed_on, title, principles) -> None:
    signed_at = datetime.datetime.combine(signed_on, datetime.time(11), LONDON) if signed_on else None
    signature = Signature.objects.create(
        organisation=organisation,
        reference=f"LDD-DEMO{organisation.register_code}",
        status=status,
        lead=lead,
        lead_name=lead.full_name,
        lead_job_title="Head of Digital Services",
        approver_name="Alex Morgan",
        approver_job_title="Chief Executive",
        approver_email=f"chief.executive@{organisation.slug}.example",
        review_note="Say which residents you will work with." if status == SignatureStatus.CHANGES_REQUESTED else "",
        submitted_at=signed_at or datetime.datetime.now(LONDON),
        signed_at=signed_at,
        signed_name="Alex Morgan" if signed_at else "",
        withdrawn_at=datetime.datetime(2022, 1, 10, 9, tzinfo=LONDON) if status == SignatureStatus.WITHDRAWN else None,
    )
    completion = (signed_on or datetime.date.today()) + datetime.timedelta(days=300)
    project = DeclarationProject.objects.create(
        signature=signature,
        title=title,
        description=f"{organisation.name} will work in the open on this, publishing weeknotes as it goes.",
        expected_completion=completion,
    )
    ProjectPrinciple.objects.bulk_create(ProjectPrinciple(project=project, principle=number) for number in principles)
    if status != SignatureStatus.DRAFT:
        SignatureVersion.objects.create(signature=signature, number=1, answers=answers_of(signature))
    audit.record(signature, "declaration.demo_loaded", changes={"status": (None, status)})


# (register code, status, posted on, what happened, lessons learnt): updates on the signed
# demo declarations' projects, one finished and one under way.
UPDATES = [
    (
        "BST",
        ProjectStatus.DONE,
        datetime.date(2019, 12, 2),
        "Residents can now look up their bin collection days by postcode, and 40% of them have "
        "signed up for a reminder the evening before. Missed-bin calls fell by a third.",
        "",
    ),
    (
        "CRF",
        ProjectStatus.IN_PROGRESS,
        datetime.date(2024, 6, 17),
        "Permit applications for two of our five parking zones now take payment through GOV.UK Pay. "
        "The other three zones move over in the autumn.",
        "Reusing another council's integration saved us months, but their permit rules were not ours: "
        "agree the rules with the parking team before you copy anyone's code.",
    ),
]


@loader
def project_updates() -> str:
    added = 0
    for code, status, posted_on, what_happened, lessons_learnt in UPDATES:
        project = DeclarationProject.objects.filter(signature__reference=f"LDD-DEMO{code}").first()
        if project is None or project.updates.exists():
            continue
        ProjectUpdate.objects.create(
            project=project,
            author=project.signature.lead,
            status=status,
            what_happened=what_happened,
            lessons_learnt=lessons_learnt,
            created_at=datetime.datetime.combine(posted_on, datetime.time(10), LONDON),
        )
        added += 1
    return f"Demo updates on declaration projects: {added} added"
