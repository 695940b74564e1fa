"""An open round of the Local Digital Fund with expressions of interest from councils that
have signed the declaration: twelve submitted with their partners confirmed, and two drafts.
Fictional people, real councils."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import LONDON
from core.demo import loader
from core.tokens import hash_token, new_token
from declaration.workflow import SignatureStatus
from fund.models import Bid, BidPartner, Criterion, PartnerStatus, Phase, Round, RoundPhase
from fund.workflow import AssessmentStage, BidStatus, RoundStatus
from organisations.models import Organisation

SLUG = "local-digital-fund-round-9"
GUIDANCE = """\
## What we fund

Councils working together on a problem they share, in the open, so that others can reuse
what they make. We fund one phase at a time:

* **discovery**: find out what the problem is, who has it and what it costs them
* **alpha**: try out ways to solve it with the people who have it
* **beta**: build the solution and run it with real users

## How to bid

Send an expression of interest by the closing date. We assess them against the criteria
below and invite the strongest to send a full application. A local authority that has
signed the Local Digital Declaration leads each bid, with at least two other signatory
local authorities as partners. Fire and rescue authorities, NHS bodies and others are
welcome as extra partners.

## After the closing date

We publish every expression of interest we receive: its title, organisations, phase,
amount and problem. We never publish who wrote it.
"""
PHASES = {Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000, Phase.BETA: 350_000}
# (stage, title, guidance, weight)
CRITERIA = [
    (
        AssessmentStage.EOI,
        "The problem and who has it",
        "Clear evidence that residents, staff or councils have this problem, and what it costs them now.",
        30,
    ),
    (
        AssessmentStage.EOI,
        "Collaboration",
        "The partners share the problem and the work; the bid says who will do what.",
        25,
    ),
    (
        AssessmentStage.EOI,
        "Reuse and openness",
        "It builds on what exists (code, data standards, research) and will publish what it makes openly.",
        25,
    ),
    (AssessmentStage.EOI, "Value for money", "The amount fits the phase and the work the bid describes.", 20),
    (
        AssessmentStage.APPLICATION,
        "Team and skills",
        "The team has the skills the phase needs, with time set aside to do the work.",
        25,
    ),
    (
        AssessmentStage.APPLICATION,
        "Plan and user research",
        "A realistic plan for the phase, with research with the people who have the problem.",
        30,
    ),
    (AssessmentStage.APPLICATION, "Budget", "Every line of the budget is needed and costed fairly.", 20),
    (
        AssessmentStage.APPLICATION,
        "Sharing what it makes",
        "Outputs will be published under an open licence, with blog posts and show and tells.",
        25,
    ),
]
# Writers at councils without a demo member already: (register code, email, full name).
WRITERS = [
    ("BIR", "hannah.lewis@example.org", "Hannah Lewis"),
    ("NFK", "oliver.grant@example.net", "Oliver Grant"),
    ("MIK", "zara.ahmed@example.com", "Zara Ahmed"),
    ("NEL", "callum.fraser@example.org", "Callum Fraser"),
]
# (reference, lead's register code, writer's email, partners (register codes or slugs),
# title, phase, amount, the problem, the declaration's principles, reuse)
SUBMITTED = [
    (
        "LDF-DEMO01",
        "CMD",
        "amara.okafor@example.com",
        ["HCK", "SWK", "STN"],
        "Shared bin collection data for London boroughs",
        Phase.DISCOVERY,
        48_000,
        "Residents phone us to ask when their bins are collected, and every borough builds its own look-up "
        "tool. Missed-collection calls cost each of us around £60,000 a year.",
        "We will research with residents who miss collections, and publish our findings and weeknotes.",
        "We start from the open waste collection data standard and Bristol’s collection-day finder.",
    ),
    (
        "LDF-DEMO02",
        "HCK",
        "tom.hughes@example.com",
        ["CMD", "KTT", "HRW"],
        "Housing repairs that tenants can track",
        Phase.ALPHA,
        95_000,
        "Tenants report a repair and hear nothing until a contractor arrives, so they call again. A third of "
        "calls to our housing teams chase a repair already reported.",
        "We will test prototypes with tenants in all four councils and share the code under the MIT licence.",
        "Hackney’s repairs discovery and the Open Repairs data standard.",
    ),
    (
        "LDF-DEMO03",
        "LDS",
        "priya.natarajan@example.org",
        ["BNS", "DNC", "NEL"],
        "One directory of local support services",
        Phase.BETA,
        320_000,
        "Social prescribers, libraries and health visitors each keep their own list of local groups, and none "
        "is up to date. People are sent to groups that closed years ago.",
        "Service managers and residents help design it; the data is published openly for anyone to reuse.",
        "The Open Referral UK standard and the directory Leeds built in its alpha.",
    ),
    (
        "LDF-DEMO04",
        "ESS",
        "gareth.evans@example.net",
        ["CAM", "NFK", "BUC"],
        "Planning application data in a common format",
        Phase.DISCOVERY,
        50_000,
        "Developers, residents and our own teams cannot compare planning applications across councils, because "
        "each system exports its own format.",
        "We will work in the open and publish a draft data standard for other councils to comment on.",
        "The planning data work of the Digital Land team and existing open planning datasets.",
    ),
    (
        "LDF-DEMO05",
        "SKP",
        "siobhan.byrne@example.com",
        ["MAN", "GMCA", "adur-and-worthing-councils"],
        "A reusable blue badge eligibility checker",
        Phase.ALPHA,
        85_000,
        "Half of blue badge applications are from people who do not qualify, and each one takes an officer an "
        "hour to assess. Applicants wait weeks to be told no.",
        "We will test the checker with disabled residents and publish the eligibility rules as open code.",
        "GOV.UK Design System patterns and the national blue badge service’s eligibility rules.",
    ),
    (
        "LDF-DEMO06",
        "BST",
        "nia.campbell@example.com",
        ["CRF", "LCE", "WOK"],
        "Council tax reduction claims without paper forms",
        Phase.DISCOVERY,
        45_000,
        "Residents on low incomes fill in a 20-page paper form to claim council tax reduction, and a third are "
        "sent back because something is missing.",
        "We will research with claimants and advice workers, and blog about what we learn each fortnight.",
        "What Bristol learnt moving housing benefit changes online.",
    ),
    (
        "LDF-DEMO07",
        "CRF",
        "owain.price@example.org",
        ["BST", "NBL", "MIK"],
        "A bilingual school admissions service",
        Phase.ALPHA,
        100_000,
        "Parents apply for school places through systems that do not work on a phone and, in Wales, are not "
        "fully bilingual. Late applications have doubled in three years.",
        "We will design with parents in English and Welsh, and share the service for any council to run.",
        "The GOV.UK Design System, and Cardiff’s Welsh-language content guidelines.",
    ),
    (
        "LDF-DEMO08",
        "BIR",
        "hannah.lewis@example.org",
        ["LCE", "WMCA", "DNC"],
        "Finding homes at risk of damp and mould",
        Phase.DISCOVERY,
        50_000,
        "We find damp and mould only when tenants complain, often after they have become ill. The data that "
        "would warn us is spread across repairs, housing and health systems.",
        "We will share information safely under a data sharing agreement others can reuse.",
        "The damp and mould research of the Housing Ombudsman and open housing condition data.",
    ),
    (
        "LDF-DEMO09",
        "NFK",
        "oliver.grant@example.net",
        ["NKE", "WLI", "CAM"],
        "Adult social care financial assessments online",
        Phase.BETA,
        300_000,
        "People waiting for care fill in a long financial assessment on paper, and many wait weeks to learn what "
        "they will pay. Staff re-key every form.",
        "Residents and carers test every release; the service is published as open source.",
        "The alpha Norfolk ran with two district councils, and GOV.UK Notify for updates.",
    ),
    (
        "LDF-DEMO10",
        "MIK",
        "zara.ahmed@example.com",
        ["WOK", "BUC", "KTT"],
        "Parking permits with GOV.UK Pay and Notify",
        Phase.ALPHA,
        90_000,
        "Each council pays a supplier for its own parking permit system, and residents still post proof of "
        "address. Renewals are missed because reminders never arrive.",
        "We will build on common government components so that any council can adopt the service.",
        "Cardiff’s GOV.UK Pay integration for parking permits, and GOV.UK Notify.",
    ),
    (
        "LDF-DEMO11",
        "CMD",
        "amara.okafor@example.com",
        ["HCK", "SWK"],
        "Case notes that families can read",
        Phase.DISCOVERY,
        40_000,
        "Families working with children’s services cannot see what is written about them, and ask for it "
        "through subject access requests that take months.",
        "We will research with families and social workers and publish our findings openly.",
        "Camden’s research on relational practice and the Family Context work of other councils.",
    ),
    (
        "LDF-DEMO12",
        "NEL",
        "callum.fraser@example.org",
        ["LDS", "BNS", "DNC"],
        "Reporting fly-tipping with photos and a location",
        Phase.DISCOVERY,
        35_000,
        "Reports of fly-tipping arrive by phone with vague locations, so crews search for it. Repeat sites are "
        "never spotted across council boundaries.",
        "We will work with street scene teams and residents, and share the data openly.",
        "FixMyStreet and the open data of councils that already publish fly-tipping reports.",
    ),
]
# Drafts: (reference, lead, writer, partners invited but not yet answered, title, phase,
# amount, problem); the principles and reuse are still to write.
DRAFTS = [
    (
        "LDF-DEMO13",
        "HCK",
        "tom.hughes@example.com",
        ["CMD", "STN"],
        "Council meeting papers everyone can read",
        Phase.DISCOVERY,
        30_000,
        "Agendas and reports are published as scanned PDFs that screen readers cannot read.",
    ),
    (
        "LDF-DEMO14",
        "LDS",
        "priya.natarajan@example.org",
        [],
        "Digital skills for frontline staff",
        "",
        None,
        "Staff in libraries and contact centres help residents online without training to do it.",
    ),
]


@loader
def open_round() -> str:
    round_, created = _round()
    writers_added = sum(_writer(*writer) for writer in WRITERS)
    added = 0
    for number, (reference, lead, writer, partners, title, phase, amount, problem, principles, reuse) in enumerate(
        SUBMITTED
    ):
        submitted_at = round_.eoi_opens_at + datetime.timedelta(hours=20 * (number + 1))
        answers = {"title": title, "phase": phase, "amount_requested": amount, "problem": problem}
        answers |= {"principles": principles, "reuse": reuse}
        added += _bid(round_, reference, lead, writer, partners, answers, submitted_at)
    for reference, lead, writer, partners, title, phase, amount, problem in DRAFTS:
        answers = {"title": title, "phase": phase, "amount_requested": amount, "problem": problem}
        added += _bid(round_, reference, lead, writer, partners, answers, None)
    state = "added" if created else "already there"
    return f"Demo fund round: {round_} {state}; {added} expressions of interest and {writers_added} writers added"


def _round() -> tuple[Round, bool]:
    existing = Round.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing, False
    today = timezone.localdate()

    def at(days: int, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour), LONDON)

    with transaction.atomic():
        round_ = Round.objects.create(
            name="Local Digital Fund round 9",
            slug=SLUG,
            summary="£5 million for councils to work together on common problems, following the declaration.",
            guidance=GUIDANCE,
            budget=5_000_000,
            status=RoundStatus.PUBLISHED,
            eoi_opens_at=at(-12, 9),
            eoi_closes_at=at(16, 12),
            evaluation_ends_at=at(30, 17),
            applications_open_at=at(35, 9),
            applications_close_at=at(65, 12),
            decisions_by=at(85, 17),
            kick_off_at=at(95, 10),
            min_signatory_authorities=3,
            max_bids_led=2,
            publish_eois_after_close=True,
        )
        RoundPhase.objects.bulk_create(RoundPhase(round=round_, phase=p, max_award=most) for p, most in PHASES.items())
        Criterion.objects.bulk_create(
            Criterion(round=round_, stage=stage, title=title, guidance=guidance, weight=weight, position=position)
            for position, (stage, title, guidance, weight) in enumerate(CRITERIA, start=1)
        )
        audit.record(round_, "fund.demo_loaded")
    return round_, True


def _writer(code: str, email: str, full_name: str) -> bool:
    organisation = Organisation.objects.filter(register_code=code).first()
    if organisation is None or User.objects.filter(email=email).exists():
        return False
    user = User.objects.create_user(email, full_name=full_name)
    Membership.objects.create(user=user, organisation=organisation, status=MembershipStatus.APPROVED)
    audit.record(user, "account.created")
    return True


def _bid(round_, reference, lead_code, writer_email, partner_keys, answers, submitted_at) -> bool:
    """One bid, if its lead council is here and has signed the declaration, led by a writer
    who works there. Partners not in this database are left out."""
    lead = Organisation.objects.filter(register_code=lead_code, signatures__status=SignatureStatus.SIGNED).first()
    writer = User.objects.filter(
        email=writer_email, memberships__organisation=lead, memberships__status=MembershipStatus.APPROVED
    ).first()
    if lead is None or writer is None or Bid.objects.filter(reference=reference).exists():
        return False
    status = BidStatus.DRAFT if submitted_at is None else BidStatus.EOI_SUBMITTED
    partner_status = PartnerStatus.INVITED if submitted_at is None else PartnerStatus.CONFIRMED
    with transaction.atomic():
        bid = Bid.objects.create(
            round=round_,
            reference=reference,
            lead_organisation=lead,
            created_by=writer,
            status=status,
            eoi_submitted_at=submitted_at,
            **answers,
        )
        for key in partner_keys:
            organisation = Organisation.objects.filter(register_code=key).first() or (
                Organisation.objects.filter(slug=key).first()
            )
            if organisation is None:
                continue
            BidPartner.objects.create(
                bid=bid,
                organisation=organisation,
                status=partner_status,
                contact_email=f"partnerships@{organisation.slug}.example",
                token_hash=hash_token(new_token()),
                link_expires_at=timezone.now() + datetime.timedelta(days=14),
                responded_at=submitted_at and submitted_at - datetime.timedelta(hours=6),
            )
        audit.record(bid, "fund.demo_loaded", changes={"status": (None, status)})
    return True
