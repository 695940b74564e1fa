"""The fund's first round, in 2018: collaborative projects led by councils, their full
applications and budgets, the awards a fund approver approved (published as 360Giving
grants) and the bids not funded, with questions and answers published on the round."""

import datetime
import os

from django.db import transaction
from django.utils.crypto import get_random_string

from accounts.demo import DEMO_PASSWORD_DEFAULT
from accounts.models import Role, User
from accounts.services import save_staff_user
from core.dates import LONDON
from core.demo import loader
from core.tokens import hash_token, new_token
from declaration.services import REFERENCE_ALPHABET
from fund.decisions import create_funded_project
from fund.models import (
    Application,
    Bid,
    BidPartner,
    BudgetLine,
    CodeLicence,
    Criterion,
    PartnerStatus,
    Phase,
    Question,
    Round,
    RoundPhase,
)
from fund.workflow import AssessmentStage, BidStatus, RoundStatus
from organisations.models import Organisation

ROUND_NAME = "Local Digital Fund round 1"
APPROVER = ("priya.shah@example.com", "Priya Shah")
PROPOSER_EMAIL = "rachel.wong@example.com"  # the demo moderator accounts/demo.py creates


def _at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2018, month, day, hour, tzinfo=LONDON)


# (title, phase, lead's register code, partners' register codes, amount asked for, amount
# awarded or None if not funded, the problem, feedback)
PROJECTS = [
    ("Report a housing repair online", Phase.DISCOVERY, "HCK", ["SWK", "LEW"], 80_000, 80_000,
     "Tenants report repairs by phone and wait days to hear back; each council is building its own online form.",
     "A well-evidenced problem shared by many landlords."),
    ("Planning application data standard", Phase.ALPHA, "CMD", ["GRE", "CRY"], 300_000, 280_000,
     "Planning applications arrive as PDFs no system can read, so officers retype them and nobody can reuse the data.",
     "Strong collaboration. The award leaves out the second supplier workshop."),
    ("Shared bin collection schedules", Phase.DISCOVERY, "LDS", ["SHF", "ROT"], 60_000, 60_000,
     "Residents cannot find out when their bins will be collected after a bank holiday, and calls peak every time.",
     "Clear user need and a plan to reuse the open waste data standard."),
    ("Children’s social care case recording", Phase.DISCOVERY, "SKP", ["MAN", "BPL"], 95_000, 95_000,
     "Social workers spend more time typing into case management systems than with children and families.",
     "An important problem; the research plan with social workers is convincing."),
    ("Council tax reduction common component", Phase.ALPHA, "DNC", ["BNS", "NEL"], 250_000, 250_000,
     "Every council runs its own council tax reduction forms and rules engine for the same national scheme.",
     "Reuse potential across every billing authority."),
    ("Income management for rents and fees", Phase.DISCOVERY, "KTT", ["STN", "HRW"], 70_000, 70_000,
     "Payments arrive through many channels and finance teams reconcile them by hand every morning.",
     "The shared service partners bring real experience of the problem."),
    ("Planning pre-application advice online", Phase.DISCOVERY, "MIK", ["LUT", "STV"], 55_000, 55_000,
     "Applicants book pre-application advice by email and pay by phone; many book the wrong service.",
     "A focused discovery with a clear route to alpha."),
    ("School admissions open data", Phase.DISCOVERY, "ESS", ["HRT", "KEN"], 65_000, 60_000,
     "Parents compare schools using admissions data published as spreadsheets in a different shape by each council.",
     "Funded at a lower amount: the bid double-counts the data analyst's time."),
    ("Blue Badge eligibility checks", Phase.ALPHA, "NFK", ["CAM", "DBY"], 180_000, 180_000,
     "Applicants send the same evidence to several services as councils cannot check eligibility they already hold.",
     "Builds well on the national Blue Badge service."),
    ("Waste permits for vans and trailers", Phase.DISCOVERY, "WOT", ["ADU", "BNH"], 40_000, 40_000,
     "Residents with vans are turned away at recycling centres because permits are on paper and easily lost.",
     "Small, well-scoped and easy to reuse."),
    ("Licensing applications platform", Phase.DISCOVERY, "BIR", ["LCE", "NGM"], 90_000, 90_000,
     "Licence applicants fill in paper forms that officers rekey into several systems.",
     "Good evidence from licensing officers in all three councils."),
    ("Council meetings and decisions as open data", Phase.DISCOVERY, "OXO", ["OXF", "SWD"], 45_000, 45_000,
     "Residents cannot easily find what their council decided, or when, because meeting papers are locked in PDFs.",
     "A clear public benefit and a plan to publish an open standard."),
    ("Housing allocations and waiting lists", Phase.DISCOVERY, "NET", ["SND", "NBL"], 85_000, 85_000,
     "People on housing waiting lists phone repeatedly to ask where they are on the list.",
     "Well-argued, with strong commitment from the partners' housing teams."),
    ("Street works and road closures data", Phase.ALPHA, "SRY", ["BUC", "GLS"], 220_000, 200_000,
     "Road closures are published in different formats by each highway authority, so journey planners miss them.",
     "Funded at a lower amount: the hosting costs should come from the partners."),
    ("Reporting environmental health problems", Phase.DISCOVERY, "BST", ["BAS", "WIL"], 50_000, 50_000,
     "Residents do not know which council deals with noise, pests or fly-tipping, and reports go astray.",
     "A common problem with a good plan for user research."),
    ("Apprenticeship levy transfers", Phase.DISCOVERY, "LIV", ["CHW", "WOK"], 35_000, 35_000,
     "Councils' unspent apprenticeship levy goes back to the Treasury because transfers to local employers are slow.",
     "A modest, practical discovery."),
    ("Council tax chatbot", Phase.ALPHA, "CON", ["DEB"], 150_000, None,
     "Contact centres answer the same council tax questions many times a day.",
     "The bid starts from a chosen technology rather than from users' needs. We encourage a discovery first."),
    ("Shared customer relationship management procurement", Phase.DISCOVERY, "NKE", ["WLI"], 60_000, None,
     "Each district buys its own customer relationship management system on a long contract.",
     "A procurement, not a project the fund can pay for: the fund does not buy licences."),
    ("Digital parking permits", Phase.ALPHA, "LEC", ["NTT"], 120_000, None,
     "Residents apply for parking permits on paper and wait weeks for them.",
     "Other councils have solved this; the bid does not show how it would reuse their work."),
    ("Pothole reporting app", Phase.DISCOVERY, "KHL", ["SUR"], 30_000, None,
     "Residents report potholes in many different ways.",
     "National reporting services already meet this need."),
]  # fmt: skip

QUESTIONS = [
    (
        "amara.okafor@example.com",
        "I'm Amara at Camden: can a London borough lead a bid with two neighbouring boroughs as its only partners?",
        "Can a London borough lead a bid whose partners are other London boroughs?",
        "Yes. Any local authority that has signed the Local Digital Declaration can lead, and its partners can be "
        "any councils; at least two of the councils in a bid must have signed the declaration.",
    ),
    (
        "tom.hughes@example.com",
        "Tom from Hackney here. Can our funding pay for software licences we already have?",
        "Can the fund pay for software licences?",
        "No. The fund pays for the people and work that a discovery or alpha needs, not for licences or hardware.",
    ),
    (
        "priya.natarajan@example.org",
        "Do we have to use an open-source licence for code our supplier writes?",
        "Does code a supplier writes for a funded project have to be open source?",
        "Yes. Everything a funded project makes must be published openly, including code written by suppliers. "
        "Make this part of your contract with them.",
    ),
    (
        "gareth.evans@example.net",
        "Can one council lead two bids in this round?",
        "Can one council lead more than one bid?",
        "Yes, up to two. It can be a partner in as many bids as it likes.",
    ),
]

TEAM = (
    "At {lead}: a service owner (0.5 days a week) and a product manager (full time).\n"
    "At each partner: a service designer or business analyst for two days a week.\n"
    "A user researcher and two developers from a supplier chosen through the Digital Marketplace."
)
PLAN = (
    "{phase}, 12 weeks.\n"
    "Weeks 1 to 2: kick-off with all partners, agree the research plan and recruit users.\n"
    "Weeks 3 to 8: research with residents and staff in every partner council; weekly show and tells.\n"
    "Weeks 9 to 12: {ending}, and publish everything we learnt on our shared blog."
)
RESEARCH = (
    "We will interview at least 30 residents and 15 staff across the partner councils, including people who "
    "use assistive technology and people who do not use the internet. We will test ideas with them every two "
    "weeks and publish our research findings."
)


@loader
def past_round_with_awards() -> str:
    if Round.objects.filter(name=ROUND_NAME).exists():
        return f"Demo awards: {ROUND_NAME} is already there"
    organisations = {
        organisation.register_code: organisation
        for organisation in Organisation.objects.exclude(register_code="").filter(
            register_code__in={code for project in PROJECTS for code in [project[2], *project[3]]}
        )
    }
    password = os.environ.get("DEMO_STAFF_PASSWORD", DEMO_PASSWORD_DEFAULT)
    approver = User.objects.filter(email=APPROVER[0]).first() or _approver(password)
    proposer = User.objects.filter(email=PROPOSER_EMAIL).first()
    with transaction.atomic():
        round_ = _round()
        decided = [
            _bid(round_, project, organisations, proposer, approver)
            for project in PROJECTS
            if project[2] in organisations
        ]
        awarded = [bid for bid in decided if bid.status == BidStatus.AWARDED]
        round_.committed = sum(bid.award_amount for bid in awarded)
        round_.save(update_fields=["committed"])
        questions = _questions(round_, proposer)
    return (
        f"Demo awards: {ROUND_NAME} with {len(awarded)} awards (£{round_.committed:,}) published as 360Giving "
        f"grants, {len(decided) - len(awarded)} bids not funded and {questions} published questions. "
        f"{APPROVER[1]} approves awards: sign in at /staff/sign-in as {APPROVER[0]} with password {password!r}"
    )


def _approver(password: str) -> User:
    user, _ = save_staff_user(APPROVER[0], password=password, name=APPROVER[1], role=Role.FUND_APPROVER)
    return user


def _round() -> Round:
    round_ = Round.objects.create(
        name=ROUND_NAME,
        slug="local-digital-fund-round-1",
        summary="£7.5 million for councils working together on common solutions to shared problems.",
        guidance=(
            "The first round of the **Local Digital Fund** paid for collaborative discovery and alpha projects "
            "that follow the principles of the Local Digital Declaration.\n\n"
            "Bids had to be led by a council that had signed the declaration, with at least one partner."
        ),
        budget=7_500_000,
        status=RoundStatus.PUBLISHED,
        eoi_opens_at=_at(9, 24),
        eoi_closes_at=_at(10, 5, 17),
        evaluation_ends_at=_at(10, 12, 17),
        applications_open_at=_at(10, 16),
        applications_close_at=_at(11, 15, 17),
        decisions_by=_at(12, 3, 17),
        kick_off_at=_at(12, 13, 10),
    )
    RoundPhase.objects.bulk_create(
        [
            RoundPhase(round=round_, phase=Phase.DISCOVERY, max_award=100_000),
            RoundPhase(round=round_, phase=Phase.ALPHA, max_award=350_000),
        ]
    )
    criteria = [
        ("Users’ needs", "Evidence of who has the problem and what they need.", 40),
        ("Collaboration", "Partners share the work and the outcome.", 30),
        ("Reuse", "Others can reuse what the project makes.", 30),
    ]
    Criterion.objects.bulk_create(
        Criterion(round=round_, stage=stage, title=title, guidance=guidance, weight=weight, position=position)
        for stage in AssessmentStage
        for position, (title, guidance, weight) in enumerate(criteria)
    )
    return round_


def _bid(round_: Round, project: tuple, organisations: dict, proposer: User | None, approver: User) -> Bid:
    title, phase, lead, partners, requested, awarded, problem, feedback = project
    bid = Bid.objects.create(
        round=round_,
        reference=f"LDF-{get_random_string(6, REFERENCE_ALPHABET)}",
        lead_organisation=organisations[lead],
        status=BidStatus.AWARDED if awarded else BidStatus.NOT_FUNDED,
        title=title,
        problem=problem,
        phase=phase,
        amount_requested=requested,
        principles="We will design with the people who use the service and publish our work in the open.",
        reuse="We start from what other councils and GOV.UK have already built and researched.",
        eoi_submitted_at=_at(10, 3),
        eoi_decided_at=_at(10, 12),
        application_submitted_at=_at(11, 14),
        award_amount=awarded,
        award_conditions="Share your findings at the show and tell in March 2019." if awarded else "",
        decision_feedback=feedback,
        decision_proposed_by=proposer,
        decision_proposed_at=_at(11, 28),
        decision_approved_by=approver,
        decision_approved_at=_at(12, 3),
    )
    partner_organisations = [organisations[code] for code in partners if code in organisations]
    for organisation in partner_organisations:
        BidPartner.objects.create(
            bid=bid,
            organisation=organisation,
            status=PartnerStatus.CONFIRMED,
            contact_email=f"digital@{organisation.slug}.example",
            token_hash=hash_token(new_token()),
            link_expires_at=_at(10, 5, 17),
            responded_at=_at(10, 2),
        )
    _application(bid, organisations[lead])
    if awarded:
        create_funded_project(bid, awarded_at=bid.decision_approved_at)
    return bid


def _application(bid: Bid, lead: Organisation) -> None:
    ending = "build and test a working prototype" if bid.phase == Phase.ALPHA else "agree what an alpha should test"
    application = Application.objects.create(
        bid=bid,
        team=TEAM.format(lead=lead.name),
        plan=PLAN.format(phase=bid.get_phase_display(), ending=ending),
        user_research=RESEARCH,
        publishes_outputs_openly=True,
        code_licence=CodeLicence.MIT,
    )
    research = bid.amount_requested * 3 // 10
    delivery = bid.amount_requested * 2 // 10
    lines = [
        ("User research", research),
        ("Product and delivery management", delivery),
        ("Development and design", bid.amount_requested - research - delivery),
    ]
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, description=description, amount=amount, position=position)
        for position, (description, amount) in enumerate(lines)
    )


def _questions(round_: Round, answerer: User | None) -> int:
    for number, (email, text, published, answer) in enumerate(QUESTIONS):
        question = Question.objects.create(
            round=round_,
            asked_by=User.objects.filter(email=email).first(),
            text=text,
            answer=answer,
            answered_by=answerer,
            answered_at=_at(9, 26 + number),
            published_question=published,
            published_at=_at(9, 27 + number),
        )
        # Asked when the round was open, not when the demo was loaded.
        Question.objects.filter(pk=question.pk).update(asked_at=_at(9, 25 + number))
    return len(QUESTIONS)
