"""The projects the fund's first round started, as the team and staff left them: each award
starts its project the way an approval does; some projects then moved on to alpha, beta and
live with a decision staff recorded, some completed or stopped; each has its team's weeknotes,
show and tells and outputs (links to reports and repositories, and two small data files).
Authors are the demo members where the project is their organisation's; no page shows them."""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core.demo import loader
from events.models import Topic
from fund.demo.awards import PROPOSER_EMAIL, ROUND_NAME
from fund.models import FundedProject
from projects import queries, services
from projects.models import Licence, Output, OutputType, PhaseName, Project, Update, UpdateKind
from projects.uploads import check_upload

WEEKNOTE, SHOW_AND_TELL = UpdateKind.WEEKNOTE, UpdateKind.SHOW_AND_TELL
DISCOVERY, ALPHA, BETA, LIVE = PhaseName.DISCOVERY, PhaseName.ALPHA, PhaseName.BETA, PhaseName.LIVE


def _on(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def _days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@dataclass
class Move:
    """A move to the next phase that staff agreed without a new award."""

    reason: str
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass
class DemoUpdate:
    kind: str
    title: str
    body: str
    on: datetime.date
    blog_url: str = ""


@dataclass
class DemoOutput:
    phase: str
    output_type: str
    title: str
    description: str
    link: str = ""
    repository_url: str = ""
    licence: str = ""
    # A small file the team uploads instead of a link: (file name, content).
    upload: tuple[str, bytes] | None = None


@dataclass
class Journey:
    contact: str
    topics: list[str]
    moves: list[Move] = field(default_factory=list)
    ending: str = ""  # "complete", or the reason the project stopped
    updates: list[DemoUpdate] = field(default_factory=list)
    outputs: list[DemoOutput] = field(default_factory=list)


BIN_ROUNDS_CSV = (
    b"uprn,collection_type,collection_day,week,next_collection\r\n"
    b"72001234,Household waste,Tuesday,A,2019-02-05\r\n"
    b"72001234,Recycling,Tuesday,B,2019-02-12\r\n"
    b"72004567,Household waste,Friday,B,2019-02-08\r\n"
    b"72004567,Garden waste,Friday,A,2019-02-15\r\n"
    b"72009876,Recycling,Monday,A,2019-02-04\r\n"
)
ADMISSIONS_FIELDS_CSV = (
    b"field,type,required,description\r\n"
    b"school_urn,string,yes,The school's unique reference number from Get Information about Schools\r\n"
    b'admissions_year,string,yes,"The year places are offered for, like 2019-20"\r\n'
    b"published_admission_number,integer,yes,Places the school offers in its entry year\r\n"
    b"applications_first_preference,integer,yes,Applications naming the school as first preference\r\n"
    b"offers_made,integer,yes,Places offered on national offer day\r\n"
    b"furthest_distance_offered_km,decimal,no,Distance from the school of the furthest offer made on distance\r\n"
)


JOURNEYS = {
    "Report a housing repair online": Journey(
        contact="repairs-project@hackney.example",
        topics=["service-design", "user-research", "open-source"],
        moves=[
            Move(
                "Discovery showed a clear case for a shared repairs form. The partners fund alpha from their own "
                "budgets while round 2 opens.",
                _on(2019, 4, 1),
                _on(2019, 6, 28),
            ),
            Move(
                "Alpha met its exit criteria at the assessment on 2 July 2019. Hackney pays for beta.",
                _on(2019, 7, 15),
                _on(2020, 1, 31),
            ),
            Move(
                "Passed its live assessment. The service is now run by the three councils together.",
                _days_from_today(-200),
                _days_from_today(160),
            ),
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 3: what tenants told us",
                "This week we visited **two estates in Southwark** and spoke to 14 tenants.\n\n"
                "- Most people report repairs by phone, then phone again to find out what is happening.\n"
                "- Nobody we spoke to knew their repair had a reference number.\n"
                "- Photos matter: several tenants had tried to email one and never heard back.\n\n"
                "Next week we map the repairs process with the call centre team in Lewisham.",
                _on(2019, 1, 11),
                "https://blog.example.gov.uk/repairs-weeknote-3",
            ),
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: end of discovery",
                "We presented what we found to 40 people from 11 councils.\n\n"
                "## What we learnt\n\n"
                "Every council we spoke to runs repairs differently behind the scenes, but tenants need the "
                "same things: to say what is wrong, to show it, and to know when someone will come.\n\n"
                "## What happens next\n\n"
                "An alpha to test a shared online form that sends repairs straight to each council's "
                "repairs system.",
                _on(2019, 3, 6),
            ),
            DemoUpdate(
                WEEKNOTE,
                "Weeknote: our first month in live",
                "Tenants reported **1,240 repairs** online this month, 38% of all repairs across the three "
                "councils. Calls asking what is happening with a repair fell by a fifth.\n\n"
                "We fixed a bug that sent photos to the wrong inbox for communal repairs.",
                _days_from_today(-170),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Housing repairs discovery report",
                "What we learnt from 48 tenants and 20 repairs staff in three London boroughs, and what an "
                "alpha should test.",
                link="https://www.example.gov.uk/repairs/discovery-report",
                licence=Licence.OGL,
            ),
            DemoOutput(
                ALPHA,
                OutputType.PROTOTYPE,
                "Report a repair prototype",
                "The clickable prototype we tested with tenants, including reporting with photos.",
                link="https://repairs-prototype.example.gov.uk",
            ),
            DemoOutput(
                BETA,
                OutputType.CODE,
                "Report a repair service",
                "The online form and its connectors to three repairs systems. Other councils can run it "
                "with their own connector.",
                link="https://www.example.gov.uk/repairs/reuse",
                repository_url="https://github.com/example-council/report-a-repair",
                licence=Licence.MIT,
            ),
        ],
    ),
    "Planning application data standard": Journey(
        contact="planning-data@camden.example",
        topics=["open-data", "data-and-analytics"],
        moves=[
            Move(
                "Alpha proved the standard could describe 9 in 10 applications. The partners and the ministry's "
                "planning team fund beta together.",
                _days_from_today(-120),
                _days_from_today(60),
            )
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 6: what is in a planning application?",
                "We went through **200 householder applications** and listed every piece of information in "
                "them. Two thirds of what officers retype is the same in every council.\n\n"
                "We have a first draft of the standard for householder applications and are testing it "
                "against applications from Greenwich and Croydon.",
                _on(2019, 1, 25),
                "https://blog.example.gov.uk/planning-data-weeknote-6",
            ),
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: the standard in beta",
                "Two software suppliers now send applications in the standard's format, and officers in "
                "Camden no longer retype them.\n\nWe showed the validation tool that checks an application "
                "against the standard before it is submitted.",
                _days_from_today(-30),
            ),
        ],
        outputs=[
            DemoOutput(
                ALPHA,
                OutputType.DATA_STANDARD,
                "Planning application data standard, version 0.3",
                "The fields, types and rules for householder and minor applications, with examples.",
                link="https://www.example.gov.uk/planning-data/standard",
                licence=Licence.OGL,
            ),
            DemoOutput(
                ALPHA,
                OutputType.CODE,
                "Planning application validator",
                "Checks an application against the standard and says what is missing, in plain English.",
                link="https://www.example.gov.uk/planning-data/validator",
                repository_url="https://github.com/example-council/planning-application-validator",
                licence=Licence.APACHE,
            ),
        ],
    ),
    "Shared bin collection schedules": Journey(
        contact="bin-days@leeds.example",
        topics=["open-data", "service-design"],
        moves=[
            Move(
                "Discovery found that residents need their next collection, not the whole schedule. Leeds "
                "funds an alpha of a shared bin day lookup.",
                _days_from_today(-110),
                _days_from_today(-20),
            )
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 2: bank holidays",
                "Calls about bins **treble** in the week after a bank holiday. People want to know one thing: "
                "is my collection still happening, and if not, when?\n\n"
                "This week we collected collection schedules from all three councils. Each keeps them "
                "differently: a spreadsheet, a database, and a PDF per round.",
                _on(2019, 1, 4),
            ),
            DemoUpdate(
                WEEKNOTE,
                "Weeknote: testing the lookup",
                "We tested the bin day lookup with 9 residents in Rotherham library. Everyone found their "
                "next collection; two did not understand 'week A' and 'week B', so we show dates instead.",
                _days_from_today(-40),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.USER_RESEARCH,
                "What residents need to know about bin collections",
                "Findings from interviews with 31 residents and call centre staff in Leeds, Sheffield and Rotherham.",
                link="https://www.example.gov.uk/bins/research-findings",
                licence=Licence.CC_BY,
            ),
            DemoOutput(
                DISCOVERY,
                OutputType.DATA_STANDARD,
                "Sample bin collection schedule data",
                "A few rows of collection schedules in the shape we propose, for suppliers to try.",
                upload=("bin collection schedule sample.csv", BIN_ROUNDS_CSV),
                licence=Licence.OGL,
            ),
        ],
    ),
    "Children’s social care case recording": Journey(
        contact="case-recording@stockport.example",
        topics=["user-research", "service-design"],
        moves=[
            Move(
                "Discovery evidence was strong. Round 2 did not fund alpha, so the partners do.",
                _on(2019, 5, 1),
                _on(2019, 8, 30),
            ),
            Move(
                "Alpha halved recording time in testing. The partners fund beta.",
                _days_from_today(-170),
                _days_from_today(10),
            ),
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 4: shadowing social workers",
                "We spent two days with social workers in Stockport. One visit took 45 minutes; writing it "
                "up took **2 hours**, mostly spent moving between screens.\n\n"
                "Social workers told us they write notes twice: once on paper during the visit, then again "
                "in the system.",
                _on(2019, 1, 18),
                "https://blog.example.gov.uk/case-recording-weeknote-4",
            ),
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: recording a visit in beta",
                "Twelve social workers now record visits with the new form. Median time to write up a visit "
                "fell from 95 minutes to 40.\n\nNext: making it work offline for visits with no signal.",
                _days_from_today(-20),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Case recording discovery report",
                "How social workers in three councils record their work, and where the time goes.",
                link="https://www.example.gov.uk/case-recording/discovery",
                licence=Licence.OGL,
            ),
            DemoOutput(
                ALPHA,
                OutputType.SERVICE_PATTERN,
                "Recording a home visit",
                "A pattern for recording a visit once, on a phone or tablet, with the parts of the record "
                "that must be completed and those that can wait.",
                link="https://www.example.gov.uk/case-recording/visit-pattern",
                licence=Licence.OGL,
            ),
        ],
    ),
    "Council tax reduction common component": Journey(
        contact="ctr-project@doncaster.example",
        topics=["open-source", "agile-delivery"],
        ending="complete",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 5: the rules engine",
                "We wrote the national scheme's rules for pensioners as tests first: **312 of them**. The "
                "engine passes 290. The rest are rounding rules we are checking with revenues teams.",
                _on(2019, 2, 1),
            ),
        ],
        outputs=[
            DemoOutput(
                ALPHA,
                OutputType.CODE,
                "Council tax reduction rules engine",
                "Works out an award under the national pensioner scheme and explains how it got there.",
                link="https://www.example.gov.uk/ctr/engine",
                repository_url="https://github.com/example-council/ctr-rules-engine",
                licence=Licence.AGPL,
            ),
        ],
    ),
    "Income management for rents and fees": Journey(
        contact="income-management@kingston.example",
        topics=["service-design", "cloud-and-infrastructure"],
        moves=[
            Move("Kingston and Sutton fund alpha through their shared service.", _on(2019, 4, 8), _on(2019, 7, 5)),
            Move("Alpha assessed as ready for beta.", _on(2019, 9, 2), _on(2020, 3, 27)),
            Move("Live since April 2020; Harrow joined.", _days_from_today(-300), _days_from_today(65)),
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 1: the morning reconciliation",
                "We sat with the finance team at 8am while they matched yesterday's payments. It took "
                "**3 people 2 hours**. Half of the time went on payments with a missing reference.",
                _on(2018, 12, 21),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Income management discovery",
                "How payments reach the councils, where they get stuck, and what it costs.",
                link="https://www.example.gov.uk/income-management/discovery",
                licence=Licence.OGL,
            ),
        ],
    ),
    "Planning pre-application advice online": Journey(
        contact="pre-app-advice@milton-keynes.example",
        topics=["service-design"],
        ending="complete",
        updates=[
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: what we found",
                "One in four pre-application bookings is for the wrong service, and each one costs an "
                "officer half an hour to sort out. A short set of questions before booking would catch "
                "most of them.",
                _on(2019, 3, 1),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Pre-application advice discovery report",
                "What applicants and planning officers told us, and our recommendations.",
                link="https://www.example.gov.uk/pre-app/discovery-report",
                licence=Licence.OGL,
            ),
        ],
    ),
    "School admissions open data": Journey(
        contact="admissions-data@essex.example",
        topics=["open-data"],
        ending="The Department for Education now publishes the same admissions data for every school, so the "
        "partners agreed an alpha was not needed.",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 3: one spreadsheet, six shapes",
                "We gathered admissions data from six councils. No two spreadsheets had the same columns; "
                "three did not say which year the figures were for.",
                _on(2019, 1, 11),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DATA_STANDARD,
                "Admissions data fields",
                "The fields we propose every council publishes about school admissions.",
                upload=("admissions data fields.csv", ADMISSIONS_FIELDS_CSV),
                licence=Licence.OGL,
            ),
        ],
    ),
    "Blue Badge eligibility checks": Journey(
        contact="blue-badge-project@norfolk.example",
        topics=["accessibility", "service-design"],
        ending="complete",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 7: using what councils already know",
                "Two thirds of applicants already receive a benefit that proves they are eligible. We "
                "tested a check that asks for consent and skips the evidence upload for them.",
                _on(2019, 2, 8),
            ),
        ],
        outputs=[
            DemoOutput(
                ALPHA,
                OutputType.PROTOTYPE,
                "Eligibility check prototype",
                "The prototype we tested with 22 applicants, with and without the automatic check.",
                link="https://blue-badge-prototype.example.gov.uk",
            ),
        ],
    ),
    "Waste permits for vans and trailers": Journey(
        contact="van-permits@west-oxfordshire.example",
        topics=["service-design"],
        ending="complete",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 4: a morning at the recycling centre",
                "We spent a Saturday morning at the Witney recycling centre. Staff turned away **11 vans** "
                "in three hours; 7 of the drivers had a permit at home.\n\n"
                "Next week we test a permit that lives on a phone, with a printable version for people "
                "who prefer paper.",
                _on(2019, 1, 18),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.USER_RESEARCH,
                "Van permits: research findings",
                "What residents and recycling centre staff told us about paper permits.",
                link="https://www.example.gov.uk/van-permits/research",
                licence=Licence.CC_BY,
            ),
        ],
    ),
    "Licensing applications platform": Journey(
        contact="licensing-project@birmingham.example",
        topics=["service-design", "procurement"],
        ending="complete",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 2: forty forms",
                "Between them the three councils have **forty licence forms**. We grouped them into five "
                "patterns; most differ only in the fee and the evidence asked for.",
                _on(2019, 1, 4),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Licensing discovery report",
                "How licence applications work today in three councils, and the five patterns behind them.",
                link="https://www.example.gov.uk/licensing/discovery",
                licence=Licence.OGL,
            ),
        ],
    ),
    "Council meetings and decisions as open data": Journey(
        contact="open-decisions@oxfordshire.example",
        topics=["open-data", "open-source"],
        moves=[
            Move(
                "The partners fund an alpha of publishing decisions as data.",
                _days_from_today(-80),
                _days_from_today(12),
            )
        ],
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote: what residents look for",
                "Residents mostly want to know **what was decided about a place near them**. Meeting papers "
                "are organised by committee, so they cannot find it.",
                _days_from_today(-50),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Open decisions discovery",
                "Why council decisions are hard to find, and a proposal to publish them as data.",
                link="https://www.example.gov.uk/open-decisions/discovery",
                licence=Licence.OGL,
            ),
        ],
    ),
    "Housing allocations and waiting lists": Journey(
        contact="allocations-project@north-east.example",
        topics=["user-research"],
        ending="complete",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 5: what people on the list want to know",
                "Nearly everyone we spoke to wanted the same two answers: **how long am I likely to "
                "wait**, and is there anything I can do to change that. Nobody asked for their exact "
                "position on the list.",
                _on(2019, 2, 8),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.USER_RESEARCH,
                "Waiting for a home: research findings",
                "What people on housing waiting lists need to know, from 27 interviews.",
                link="https://www.example.gov.uk/allocations/research",
                licence=Licence.CC_BY,
            ),
        ],
    ),
    "Street works and road closures data": Journey(
        contact="street-works-data@surrey.example",
        topics=["open-data", "data-and-analytics"],
        ending="complete",
        updates=[
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: closures on the map",
                "Two journey planning apps now read our road closures feed. We showed a closure in Guildford "
                "appearing in both within five minutes of being published.",
                _on(2019, 3, 8),
            ),
        ],
        outputs=[
            DemoOutput(
                ALPHA,
                OutputType.CODE,
                "Road closures feed",
                "Publishes road closures from street works permits as open data.",
                link="https://www.example.gov.uk/street-works/feed",
                repository_url="https://github.com/example-council/road-closures-feed",
                licence=Licence.GPL,
            ),
        ],
    ),
    "Reporting environmental health problems": Journey(
        contact="env-health-reporting@bristol.example",
        topics=["service-design", "content-design"],
        ending="Bristol's environmental health team was reorganised before the discovery could finish. The "
        "partners plan to bid again in a later round.",
        updates=[
            DemoUpdate(
                WEEKNOTE,
                "Weeknote 3: whose problem is it?",
                "Residents do not know whether noise, pests or fly-tipping is a matter for the district or "
                "the county. We are testing a single reporting route that works out which.",
                _on(2019, 1, 11),
            ),
        ],
    ),
    "Apprenticeship levy transfers": Journey(
        contact="levy-transfers@liverpool.example",
        topics=["skills-and-training"],
        ending="complete",
        updates=[
            DemoUpdate(
                SHOW_AND_TELL,
                "Show and tell: where the levy goes",
                "Last year the three councils sent back more unspent levy than it would cost to train "
                "40 apprentices with local employers. Most transfers stalled waiting for one approval "
                "that could be given in advance.",
                _on(2019, 2, 28),
            ),
        ],
        outputs=[
            DemoOutput(
                DISCOVERY,
                OutputType.DISCOVERY_REPORT,
                "Apprenticeship levy transfers discovery",
                "Why councils' levy transfers to local employers are slow, and how to speed them up.",
                link="https://www.example.gov.uk/levy-transfers/discovery",
                licence=Licence.OGL,
            ),
        ],
    ),
}


@loader
def funded_projects() -> str:
    grants = list(
        FundedProject.objects.filter(bid__round__name=ROUND_NAME, project_phase__isnull=True)
        .select_related("bid__round", "lead_organisation")
        .order_by("title")
    )
    if not grants:
        started = Project.objects.filter(phases__grant__bid__round__name=ROUND_NAME).exists()
        return f"Demo projects: {'already there' if started else f'no awards in {ROUND_NAME} to start from'}"
    staff = User.objects.filter(email=PROPOSER_EMAIL).first() or User.objects.filter(role=Role.MODERATOR).first()
    counts = {"updates": 0, "outputs": 0, "moves": 0}
    with transaction.atomic():
        for grant in grants:
            project = services.start_project_for_grant(grant)
            journey = JOURNEYS.get(grant.title)
            if journey is not None:
                _follow(project, journey, staff, counts)
    return (
        f"Demo projects: {len(grants)} started by {ROUND_NAME}'s awards, {counts['moves']} moves to a later "
        f"phase, {counts['updates']} updates and {counts['outputs']} outputs"
    )


def _follow(project: Project, journey: Journey, staff: User | None, counts: dict) -> None:
    topics = Topic.objects.filter(slug__in=journey.topics)
    author = _team_member(project)
    if author is not None:
        details = services.ProjectDetails(project.summary, project.problem, journey.contact, list(topics))
        services.change_details(project, by=author, details=details)
    else:
        Project.objects.filter(pk=project.pk).update(contact_email=journey.contact)
        project.topics.set(topics)
    if staff is None:
        return
    for move in journey.moves:
        project = services.continue_by_decision(
            project,
            by=staff,
            phase=queries.phases_after(project.current_phase)[0],
            reason=move.reason,
            starts_on=move.starts_on,
            ends_on=move.ends_on,
        )
        counts["moves"] += 1
    for update in journey.updates:
        _post(project, update, author)
        counts["updates"] += 1
    for output in journey.outputs:
        counts["outputs"] += _publish(project, output, author)
    if journey.ending == "complete":
        services.complete_project(project, by=staff)
    elif journey.ending:
        services.stop_project(project, by=staff, reason=journey.ending)


def _team_member(project: Project) -> User | None:
    """A demo member of the lead organisation, if there is one."""
    membership = (
        Membership.objects.filter(organisation_id=project.lead_organisation_id, status=MembershipStatus.APPROVED)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _post(project: Project, update: DemoUpdate, author: User | None) -> None:
    created = Update.objects.create(
        project=project,
        kind=update.kind,
        title=update.title,
        body=update.body,
        blog_url=update.blog_url,
        author=author,
    )
    # Posted on the day the story says, not the day the demo was loaded.
    Update.objects.filter(pk=created.pk).update(published_at=_noon(update.on))


def _publish(project: Project, output: DemoOutput, author: User | None) -> bool:
    """Publish `output`, as the team would; a file needs someone on the team to upload it."""
    details = services.OutputDetails(
        phase=output.phase,
        output_type=output.output_type,
        title=output.title,
        description=output.description,
        link=output.link,
        repository_url=output.repository_url,
        licence=output.licence,
    )
    if output.upload is not None and author is not None:
        name, content = output.upload
        upload = check_upload(SimpleUploadedFile(name, content, content_type="text/csv"))
        services.add_output(project, by=author, details=details, upload=upload)
        return True
    if output.upload is not None:
        return False
    Output.objects.create(project=project, created_by=author, **vars(details))
    return True


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
