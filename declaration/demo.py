"""Declarations at every stage, led by fictional people at real councils."""

import datetime
from zoneinfo import ZoneInfo

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.demo import loader
from declaration.models import DeclarationProject, ProjectPrinciple, Signature, SignatureVersion
from declaration.services import answers_of
from declaration.workflow import SignatureStatus
from organisations.models import Organisation

LONDON = ZoneInfo("Europe/London")

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
