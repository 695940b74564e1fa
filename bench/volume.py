"""A realistic volume of public data for the load tests, on a database that already holds the
register's organisations, the founding signatures and the demo data.

`prepare` tops the database up to at least the totals asked for: organisations; signed
declarations, each with projects and progress updates; published events, upcoming and past,
among them programme webinars whose places never run out, so the booking journey can be
driven as hard as the test likes; and funded projects with updates and outputs. Each row
is written in the state the services would have left it in (a signature is submitted,
approved and signed, with its version, its used approver link and its audit trail), but in
bulk: a service call per row would take far longer than the test can wait.

Running it again adds only what is missing. Names come from fixed lists in a fixed order,
skipping those already taken, so a second run neither clashes nor duplicates.
"""

import datetime
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core.dates import LONDON
from core.models import AuditEvent
from core.tokens import hash_token, new_token
from declaration.models import (
    ApproverLink,
    DeclarationProject,
    ProjectPrinciple,
    ProjectStatus,
    ProjectUpdate,
    Signature,
    SignatureVersion,
)
from declaration.services import LAUNCH_DAY, REFERENCE_ALPHABET, answers_of
from declaration.workflow import SignatureStatus
from events.demo.listings import DESCRIPTIONS, PROGRAMME
from events.models import Event, EventType, Region, Topic
from events.workflow import EventStatus
from organisations.models import LOCAL_AUTHORITY_TYPES, Nation, Organisation, OrganisationType
from projects.models import Licence, Output, OutputType, PhaseName, Project, ProjectPhase, Update, UpdateKind
from projects.services import RESERVED_SLUGS
from projects.workflow import PhaseStatus
from projects.workflow import ProjectStatus as FundedProjectStatus

# Far more places than any test books, so a booking is always confirmed, never waitlisted.
UNLIMITED_PLACES = 1_000_000
BOOKABLE_EVENTS = 20
# Each run draws from the same sequence, so it picks the same names in the same order.
SEED = 2018


def prepare(*, organisations=1000, signatures=600, events=2000, projects=300) -> dict[str, int]:
    """Add what is missing for at least these totals; return the totals it ended with."""
    rng = random.Random(SEED)  # noqa: S311 (made-up data, not a secret)
    moderator = User.objects.filter(role=Role.MODERATOR).order_by("pk").first()
    with transaction.atomic():
        _add_organisations(organisations - Organisation.objects.count(), rng)
    with transaction.atomic():
        _add_signatures(signatures - _signed().count(), rng, moderator)
    with transaction.atomic():
        # The briefings first: they count towards the events too.
        _add_bookable_events(BOOKABLE_EVENTS - bookable_events().count(), rng)
        _add_events(events - _published_events().count(), rng)
    with transaction.atomic():
        _add_projects(projects - Project.objects.count(), rng, moderator)
    return {
        "organisations": Organisation.objects.count(),
        "signatories": _signed().count(),
        "declaration_projects": DeclarationProject.objects.filter(signature__status=SignatureStatus.SIGNED).count(),
        "progress_updates": ProjectUpdate.objects.filter(project__signature__status=SignatureStatus.SIGNED).count(),
        "events": _published_events().count(),
        "upcoming_events": _published_events().filter(ends_at__gte=timezone.now()).count(),
        "bookable_events": bookable_events().count(),
        "projects": Project.objects.count(),
        "project_outputs": Output.objects.count(),
    }


def bookable_events() -> models.QuerySet[Event]:
    """Upcoming programme events anyone may book, with places that never run out: the load
    test's targets for /events/<pk>/book."""
    return _published_events().filter(
        is_programme_event=True,
        signatories_only=False,
        capacity__gte=UNLIMITED_PLACES,
        starts_at__gt=timezone.now() + datetime.timedelta(days=7),
    )


def _signed() -> models.QuerySet[Signature]:
    return Signature.objects.filter(status=SignatureStatus.SIGNED)


def _published_events() -> models.QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, published_at__isnull=False)


def _audit(objects: list, action: str, *, by: Callable[[Any], User | None] = lambda obj: None) -> list[AuditEvent]:
    """The trail rows `core.audit.record` would write for each of `objects`, unsaved; `by`
    gives each one's actor."""
    if not objects:
        return []
    content_type = ContentType.objects.get_for_model(objects[0])
    rows = []
    for obj in objects:
        actor = by(obj)
        rows.append(
            AuditEvent(
                actor=actor,
                actor_label=actor.email if actor else "system",
                action=action,
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
            )
        )
    return rows


def _moment(rng: random.Random, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    """A moment between `start` and `end`, in working hours."""
    day = (start + (end - start) * rng.random()).astimezone(LONDON).date()
    return datetime.datetime.combine(day, datetime.time(rng.randint(9, 16), rng.choice([0, 15, 30, 45])), LONDON)


# Organisations --------------------------------------------------------------------------------

# Towns by (region as the register names it, nation).
TOWNS_BY_REGION = {
    ("North East", Nation.ENGLAND): ["Alnwick", "Hexham", "Morpeth", "Durham"],
    ("Yorkshire and The Humber", Nation.ENGLAND): [
        "Whitby", "Skipton", "Ripon", "Beverley", "Otley", "Malton", "Hebden Bridge", "Selby",
    ],
    ("North West", Nation.ENGLAND): [
        "Kendal", "Penrith", "Ulverston", "Clitheroe", "Nantwich", "Knutsford", "Ormskirk", "Lancaster",
    ],
    ("East Midlands", Nation.ENGLAND): [
        "Buxton", "Bakewell", "Oakham", "Louth", "Newark", "Market Harborough", "Stamford", "Matlock", "Southwell",
        "Loughborough",
    ],
    ("West Midlands", Nation.ENGLAND): [
        "Ludlow", "Leominster", "Bridgnorth", "Kenilworth", "Evesham", "Leek", "Stratford-upon-Avon",
        "Much Wenlock", "Ledbury", "Lichfield",
    ],
    ("East of England", Nation.ENGLAND): [
        "Saffron Walden", "Sudbury", "Aldeburgh", "Holt", "Ely", "Hitchin", "Wisbech", "Southwold",
        "Bury St Edmunds", "Royston", "Dereham", "Harpenden",
    ],
    ("South East", Nation.ENGLAND): [
        "Lewes", "Faversham", "Henley-on-Thames", "Marlow", "Petersfield", "Rye", "Wantage", "Godalming",
        "Sandwich", "Arundel", "Lymington", "Tenterden", "Witney", "Haslemere",
    ],
    ("South West", Nation.ENGLAND): [
        "Frome", "Totnes", "Bridport", "Stroud", "Falmouth", "Tavistock", "Glastonbury", "Cirencester",
        "Marlborough", "Bideford", "Penzance", "Shaftesbury", "Wells", "Launceston",
    ],
    ("London", Nation.ENGLAND): [
        "Highgate", "Brixton", "Walthamstow", "Deptford", "Peckham", "Tottenham", "Dalston", "Kentish Town",
    ],
    ("Wales", Nation.WALES): [
        "Abergavenny", "Aberystwyth", "Brecon", "Llandeilo", "Machynlleth", "Cardigan", "Llangollen", "Dolgellau",
        "Tenby", "Ruthin",
    ],
    ("Scotland", Nation.SCOTLAND): [
        "Pitlochry", "Oban", "Peebles", "Kelso", "Stornoway", "Forres", "Crieff", "Portree", "Kirkwall", "Dunbar",
    ],
    ("Northern Ireland", Nation.NORTHERN_IRELAND): [
        "Enniskillen", "Omagh", "Ballymena", "Downpatrick", "Coleraine", "Newry", "Armagh", "Strabane",
    ],
}  # fmt: skip
TOWNS = [(town, region, nation) for (region, nation), towns in TOWNS_BY_REGION.items() for town in towns]

# (name pattern, type): the local bodies around a town that take part in local digital work.
# Scotland and Northern Ireland have no town councils: community councils and partnerships.
TOWN_BODIES = {
    Nation.ENGLAND: [("{} Town Council", OrganisationType.OTHER_PUBLIC_BODY)],
    Nation.WALES: [("{} Town Council", OrganisationType.OTHER_PUBLIC_BODY)],
    Nation.SCOTLAND: [("{} Community Council", OrganisationType.OTHER_PUBLIC_BODY)],
    Nation.NORTHERN_IRELAND: [("{} Community Partnership", OrganisationType.NON_PROFIT)],
}
EVERY_TOWN_BODIES = [
    ("Citizens Advice {}", OrganisationType.NON_PROFIT),
    ("{} Council for Voluntary Service", OrganisationType.NON_PROFIT),
    ("{} Community Housing Trust", OrganisationType.NON_PROFIT),
    ("{} Leisure Trust", OrganisationType.NON_PROFIT),
    ("{} Business Improvement District", OrganisationType.OTHER_PUBLIC_BODY),
    ("{} Community Credit Union", OrganisationType.NON_PROFIT),
    ("{} Library and Heritage Trust", OrganisationType.NON_PROFIT),
]


def _organisation_names(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Every (name, type, nation, region) this can add, in a shuffled but fixed order."""
    names = [
        (pattern.format(town), kind, nation, region)
        for town, region, nation in TOWNS
        for pattern, kind in TOWN_BODIES[nation] + EVERY_TOWN_BODIES
    ]
    rng.shuffle(names)
    return names


def _add_organisations(missing: int, rng: random.Random) -> None:
    if missing <= 0:
        return
    taken_names = set(Organisation.objects.annotate(lower=Lower("name")).values_list("lower", flat=True))
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    added = []
    for name, kind, nation, region in _organisation_names(rng):
        if len(added) == missing:
            break
        # Booking and signing match an organisation by its exact name: it must be unique.
        if name.lower() in taken_names or slugify(name) in taken_slugs:
            continue
        added.append(Organisation(name=name, slug=slugify(name), organisation_type=kind, nation=nation, region=region))
    if len(added) < missing:
        raise ValueError(f"Only {len(added)} more organisation names are available; {missing} were asked for")
    Organisation.objects.bulk_create(added)
    AuditEvent.objects.bulk_create(_audit(added, "organisation.created"))


# Signatures of the declaration ----------------------------------------------------------------

FIRST_NAMES = [
    "Aled", "Amira", "Bronwen", "Chloe", "Connor", "Deepa", "Dylan", "Ebony", "Fergus", "Freya",
    "Gurpreet", "Harriet", "Ibrahim", "Jack", "Kate", "Lauren", "Mohammed", "Morag", "Nathan", "Olu",
    "Paul", "Rebecca", "Rory", "Sadia", "Sean", "Shona", "Simon", "Sophie", "Tariq", "Tess",
    "Usha", "Vanessa", "Will", "Yaw", "Zainab", "Ewan", "Carys", "Hollie", "Joel", "Mariam",
]  # fmt: skip
LAST_NAMES = [
    "Adams", "Begum", "Campbell", "Davies", "Edwards", "Forbes", "Gill", "Hall", "Iqbal", "Jones",
    "Kelly", "Lloyd", "McKenzie", "Nolan", "Owusu", "Parry", "Quinn", "Robertson", "Singh", "Thomas",
    "Turner", "Vaughan", "Walsh", "Wright", "Young", "Akhtar", "Boyle", "Clarke", "Doherty", "Ellis",
]  # fmt: skip
LEAD_JOB_TITLES = [
    "Head of Digital Services", "Digital Transformation Manager", "Head of ICT", "Service Design Lead",
    "Chief Information Officer", "Head of Customer Services", "Digital Programme Manager", "Head of Data",
]  # fmt: skip
APPROVER_JOB_TITLES = [
    "Chief Executive", "Managing Director", "Director of Resources", "Director of Corporate Services",
    "Chief Operating Officer", "Leader of the Council", "Town Clerk", "Executive Director of Transformation",
]  # fmt: skip

# (title, principles it serves): what signatories commit to in their first year.
DECLARATION_PROJECTS = [
    ("Publish our bin collection calendar as open data", [2, 5]),
    ("Move our website to the LocalGov Drupal platform", [2, 5]),
    ("Redesign the blue badge application with residents", [1]),
    ("Reuse the GOV.UK Notify integration for council tax reminders", [2]),
    ("Publish our planning applications in the open data standard", [2, 5]),
    ("Share school admissions data safely with neighbouring councils", [3]),
    ("Train every service manager in user-centred design", [4]),
    ("Replace paper forms for taxi licensing with an online service", [1, 2]),
    ("Work in the open: publish weeknotes from every digital project", [5]),
    ("Open up our housing register data through an API", [2, 3]),
    ("A digital skills programme for councillors", [4]),
    ("Rebuild the report a pothole service around what residents tell us", [1]),
    ("Adopt the open referral standard for our community directory", [2, 5]),
    ("Retire our legacy revenues and benefits system", [2]),
    ("Share care records with health partners through one data-sharing agreement", [3]),
    ("Publish our spending over £500 every month in a standard format", [5]),
    ("Make our top 50 web pages meet WCAG 2.2 AA", [1]),
    ("Buy our next case management system in modular parts", [2, 4]),
    ("Set up a digital inclusion network with local libraries", [1, 4]),
    ("Reuse another council's garden waste subscription service", [2]),
    ("Publish the source code of our new forms platform", [5]),
    ("Join up free school meals and housing benefit applications", [1, 3]),
    ("Build a data team to support decisions on adult social care", [3, 4]),
    ("Test our council tax pages with residents using assistive technology", [1]),
    ("Move our email and files to cloud services with single sign-on", [2, 3]),
    ("Hold monthly show and tells open to other councils", [4, 5]),
]
PROGRESS_IN_PROGRESS = [
    "We finished discovery and interviewed {n} residents. The biggest problem is not knowing what happens next, "
    "so the alpha will test a status page.",
    "The first {n} records are published and two neighbouring councils are testing them. We are fixing the gaps "
    "they found before we publish the rest.",
    "We agreed the approach with our supplier and the first release is in testing with {n} staff. Go-live is "
    "planned for next quarter.",
    "{n} people have taken the course so far. Service managers asked for follow-up coaching, which we are "
    "arranging with a neighbouring council.",
]
PROGRESS_DONE = [
    "Done. {n}% of requests now come in online, and calls about the service have fallen by a quarter.",
    "Live now. Everything is published under the Open Government Licence and {n} other councils "
    "have asked to reuse it.",
    "Finished on time. We have written up what we learnt and shared the code so other councils can start "
    "where we stopped.",
]
PROGRESS_STOPPED = [
    "We stopped this project: a regional partnership is now building the same thing, and we have joined it.",
    "Paused after discovery. The research showed residents' bigger problem is elsewhere, so we moved the team.",
]
LESSONS = [
    "",
    "",
    "Talk to the people who run the service on the phones before you design anything: they know where it breaks.",
    "Agree the data standard with partners before building; changing it later cost us weeks.",
    "Publishing weeknotes brought us help from three councils we would never have found otherwise.",
]


@dataclass
class Person:
    name: str
    email: str


def _people(rng: random.Random, slug: str) -> tuple[Person, Person]:
    """A lead and a senior approver at the organisation: two different people."""
    first, second = rng.sample(FIRST_NAMES, 2)
    lead_last, approver_last = rng.choice(LAST_NAMES), rng.choice(LAST_NAMES)
    lead = Person(f"{first} {lead_last}", f"{first}.{lead_last}@{slug}.example".lower())
    approver = Person(f"{second} {approver_last}", f"{second}.{approver_last}@{slug}.example".lower())
    return lead, approver


def _add_signatures(missing: int, rng: random.Random, moderator: User | None) -> None:
    if missing <= 0:
        return
    # Only organisations with no signature at all: one signature per organisation, and none
    # that withdrew or was rejected before.
    candidates = list(
        Organisation.objects.current()
        .exclude(models.Exists(Signature.objects.filter(organisation=models.OuterRef("pk"))))
        .order_by("pk")
    )
    rng.shuffle(candidates)
    # Councils first: they are most of those who sign.
    candidates.sort(key=lambda organisation: organisation.organisation_type not in LOCAL_AUTHORITY_TYPES)
    if len(candidates) < missing:
        raise ValueError(f"Only {len(candidates)} organisations have not signed; {missing} more signatures were asked")
    signers = candidates[:missing]
    leads = _add_leads(signers, rng)
    signatures = _signatures_for(signers, leads, rng, moderator)
    projects = _declaration_projects(signatures, rng)
    _progress_updates(projects, rng)
    SignatureVersion.objects.bulk_create(
        SignatureVersion(signature=signature, number=1, answers=answers_of(signature)) for signature in signatures
    )


def _add_leads(signers: list[Organisation], rng: random.Random) -> dict[int, tuple[User, Person]]:
    """A lead (an approved member) for each organisation, and its senior approver."""
    taken = set(User.objects.values_list("email", flat=True))
    people = {}
    for organisation in signers:
        lead, approver = _people(rng, organisation.slug)
        while lead.email in taken:
            lead, approver = _people(rng, organisation.slug)
        taken.add(lead.email)
        people[organisation.pk] = (lead, approver)
    # Leads sign in by emailed link, so they have no password.
    users = User.objects.bulk_create(
        User(email=lead.email, full_name=lead.name, password=make_password(None)) for lead, _ in people.values()
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation, status=MembershipStatus.APPROVED, decided_at=timezone.now())
        for user, organisation in zip(users, signers, strict=True)
    )
    return {
        organisation.pk: (user, people[organisation.pk][1]) for user, organisation in zip(users, signers, strict=True)
    }


def _references(count: int) -> list[str]:
    taken = set(Signature.objects.values_list("reference", flat=True))
    references: list[str] = []
    while len(references) < count:
        reference = f"LDD-{get_random_string(6, REFERENCE_ALPHABET)}"
        if reference not in taken:
            taken.add(reference)
            references.append(reference)
    return references


def _signatures_for(signers, leads, rng: random.Random, moderator: User | None) -> list[Signature]:
    """Signed, as submit, approve and sign leave a signature, with the trail they record."""
    now = timezone.now()
    signatures = []
    for organisation, reference in zip(signers, _references(len(signers)), strict=True):
        lead, approver = leads[organisation.pk]
        signed_at = _moment(rng, LAUNCH_DAY + datetime.timedelta(days=30), now - datetime.timedelta(days=2))
        decided_at = signed_at - datetime.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 5))
        signatures.append(
            Signature(
                organisation=organisation,
                status=SignatureStatus.SIGNED,
                reference=reference,
                lead=lead,
                lead_name=lead.full_name,
                lead_job_title=rng.choice(LEAD_JOB_TITLES),
                approver_name=approver.name,
                approver_job_title=rng.choice(APPROVER_JOB_TITLES),
                approver_email=approver.email,
                signed_name=approver.name,
                submitted_at=decided_at - datetime.timedelta(days=rng.randint(1, 5)),
                decided_at=decided_at,
                signed_at=signed_at,
            )
        )
    Signature.objects.bulk_create(signatures)
    # Used links: nobody holds their tokens, so they are thrown away.
    links = ApproverLink.objects.bulk_create(
        ApproverLink(
            signature=signature,
            token_hash=hash_token(new_token()),
            expires_at=signature.decided_at + datetime.timedelta(days=14),
            used_at=signature.signed_at,
        )
        for signature in signatures
    )
    # The insert stamps created_at with the time now; each link went out on approval.
    for link in links:
        link.created_at = link.signature.decided_at
    ApproverLink.objects.bulk_update(links, ["created_at"], batch_size=500)
    trail = [
        *_audit(signatures, "declaration.submitted", by=lambda signature: signature.lead),
        *_audit(signatures, "declaration.approved", by=lambda signature: moderator),
        *_audit(signatures, "declaration.signed"),
    ]
    AuditEvent.objects.bulk_create(trail)
    return signatures


def _declaration_projects(signatures: list[Signature], rng: random.Random) -> list[DeclarationProject]:
    projects = []
    principles = []
    for signature in signatures:
        for title, numbers in rng.sample(DECLARATION_PROJECTS, rng.choice([1, 1, 1, 2, 2, 3])):
            project = DeclarationProject(
                signature=signature,
                title=title,
                description=(
                    f"{signature.organisation.name} will {title[0].lower()}{title[1:]}, working in the open and "
                    "sharing what it learns with other councils as it goes."
                ),
                expected_completion=(signature.signed_at + datetime.timedelta(days=rng.randint(120, 360))).date(),
            )
            projects.append(project)
            principles.append(numbers)
    DeclarationProject.objects.bulk_create(projects)
    ProjectPrinciple.objects.bulk_create(
        ProjectPrinciple(project=project, principle=number)
        for project, numbers in zip(projects, principles, strict=True)
        for number in numbers
    )
    return projects


def _progress_updates(projects: list[DeclarationProject], rng: random.Random) -> None:
    """One to three updates on each project since its signature; older projects have
    finished (mostly done, a few stopped)."""
    now = timezone.now()
    updates = []
    for project in projects:
        signed_at = project.signature.signed_at
        count = rng.randint(1, 3)
        finished = now - signed_at > datetime.timedelta(days=365) and rng.random() < 0.8
        moments = sorted(_moment(rng, signed_at, now - datetime.timedelta(days=1)) for _ in range(count))
        for number, created_at in enumerate(moments, start=1):
            status, text = _progress(rng, last=number == count, finished=finished)
            updates.append(
                ProjectUpdate(
                    project=project,
                    author=project.signature.lead,
                    status=status,
                    what_happened=text.format(n=rng.randint(12, 80)),
                    lessons_learnt=rng.choice(LESSONS),
                    created_at=max(created_at, signed_at),
                )
            )
    ProjectUpdate.objects.bulk_create(updates)


def _progress(rng: random.Random, *, last: bool, finished: bool) -> tuple[str, str]:
    if last and finished and rng.random() < 0.85:
        return ProjectStatus.DONE, rng.choice(PROGRESS_DONE)
    if last and finished:
        return ProjectStatus.STOPPED, rng.choice(PROGRESS_STOPPED)
    return ProjectStatus.IN_PROGRESS, rng.choice(PROGRESS_IN_PROGRESS)


# Events ---------------------------------------------------------------------------------------

REGIONS_BY_LABEL = {label: code for code, label in Region.choices} | {
    "Yorkshire and The Humber": Region.YORKSHIRE,
    "East of England": Region.EAST,
}
VENUES = ["Town Hall", "Central Library", "Civic Centre", "Guildhall", "Community Hub", "Arts Centre"]
# Title patterns by type; {topic}, {town} and {organisation} are filled in.
COMMUNITY_EVENTS = {
    EventType.MEETUP: ["{town} digital meetup: {topic}", "LocalGovDigital {town}: {topic}"],
    EventType.WEBINAR: ["{topic} in local government", "{organisation} on {topic}"],
    EventType.SHOW_AND_TELL: ["{organisation} show and tell: {topic}"],
    EventType.CONFERENCE: ["{topic} in councils: a day of talks"],
    EventType.UNCONFERENCE: ["LocalGov Camp {town}", "{topic} unconference, {town}"],
}
PROGRAMME_EVENTS = {
    EventType.ROADSHOW: ["Local Digital roadshow: {town}"],
    EventType.TRAINING: ["Training: {topic} for council teams"],
}
# (hours, usual start times in London) by type.
TIMES = {
    EventType.MEETUP: (2, ["18:00", "18:30"]),
    EventType.WEBINAR: (1, ["11:00", "12:30", "14:00"]),
    EventType.SHOW_AND_TELL: (1.5, ["10:00", "15:00"]),
    EventType.CONFERENCE: (7, ["09:00", "09:30"]),
    EventType.UNCONFERENCE: (7.5, ["09:30"]),
    EventType.ROADSHOW: (6, ["10:00"]),
    EventType.TRAINING: (3, ["09:30", "13:30"]),
}
SUMMARIES = [
    "People from councils around {town} share what they have learnt about {topic}.",
    "Practical talks and questions on {topic}, for anyone working in local public services.",
    "{organisation} shows what it has built, what it learnt and what comes next.",
    "Short talks on {topic} from council teams, then time to talk to each other.",
]


def _add_events(missing: int, rng: random.Random) -> None:
    if missing <= 0:
        return
    topics = list(Topic.objects.order_by("pk"))
    # Community events come from members of signed organisations: their leads.
    members = list(_signed().filter(lead__isnull=False).select_related("organisation").order_by("pk"))
    today = timezone.localdate()
    events, chosen_topics = [], []
    for number in range(missing):
        # Six in ten upcoming, the rest over the last three years.
        days = rng.randint(1, 365) if number % 10 < 6 else -rng.randint(1, 3 * 365)
        topic = rng.choice(topics)
        # One in eight is the programme's own; the rest are members' events near home.
        member = rng.choice(members) if members and number % 8 else None
        town, region = _town_near(rng, member.organisation if member else None)
        words = {"town": town, "topic": topic.name.lower()}
        event = _community_event(rng, member, words) if member else _programme_event(rng, words)
        _place(event, rng, town, REGIONS_BY_LABEL[region])
        _schedule(event, rng, today + datetime.timedelta(days=days))
        events.append(event)
        chosen_topics.append([topic, *rng.sample(topics, rng.randint(0, 1))])
    _save_events(events, chosen_topics)


def _town_near(rng: random.Random, organisation: Organisation | None) -> tuple[str, str]:
    """A town in the organisation's region, or anywhere for the programme and UK-wide bodies."""
    nearby = [(town, region) for town, region, _ in TOWNS if organisation and region == organisation.region]
    return rng.choice(nearby or [(town, region) for town, region, _ in TOWNS])


def _community_event(rng: random.Random, signature: Signature, words: dict) -> Event:
    """Submitted by a member of a signed organisation, and published by a moderator."""
    event_type = rng.choice(list(COMMUNITY_EVENTS))
    organisation = signature.organisation
    words = {**words, "organisation": organisation.name}
    paid = event_type == EventType.CONFERENCE and rng.random() < 0.5
    return Event(
        title=_sentence(rng.choice(COMMUNITY_EVENTS[event_type]).format(**words))[:150],
        summary=_sentence(rng.choice(SUMMARIES).format(**words))[:300],
        description=DESCRIPTIONS[event_type],
        event_type=event_type,
        organiser=organisation.name,
        organisation=organisation,
        submitted_by_id=signature.lead_id,
        is_free=not paid,
        cost="£75 for public sector staff" if paid else "",
        booking_url=f"https://www.events.example/{organisation.slug}/{rng.randint(100, 999)}",
        is_online=event_type == EventType.WEBINAR,
    )


def _programme_event(rng: random.Random, words: dict) -> Event:
    """One of the programme's own, published by staff, taking bookings through the service."""
    event_type = rng.choice(list(PROGRAMME_EVENTS))
    words = {**words, "organisation": PROGRAMME}
    training = event_type == EventType.TRAINING
    return Event(
        title=_sentence(rng.choice(PROGRAMME_EVENTS[event_type]).format(**words)),
        summary=_sentence(rng.choice(SUMMARIES[:2]).format(**words)),
        description=DESCRIPTIONS[event_type],
        event_type=event_type,
        organiser=PROGRAMME,
        is_programme_event=True,
        capacity=rng.choice([24, 30, 40, 60, 100, 120]),
        signatories_only=training and rng.random() < 0.5,
        is_online=training and rng.random() < 0.5,
    )


def _place(event: Event, rng: random.Random, town: str, region: str) -> None:
    if not event.is_online:
        event.venue, event.town, event.region = f"{town} {rng.choice(VENUES)}", town, region


def _schedule(event: Event, rng: random.Random, day: datetime.date) -> None:
    """On `day` at a usual start time for its type (London time), published a few weeks ahead."""
    hours, starts = TIMES[event.event_type]
    event.starts_at = datetime.datetime.combine(day, datetime.time.fromisoformat(rng.choice(starts)), LONDON)
    event.ends_at = event.starts_at + datetime.timedelta(hours=hours)
    event.status = EventStatus.PUBLISHED
    event.published_at = min(event.starts_at, timezone.now()) - datetime.timedelta(days=rng.randint(10, 60))


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _save_events(events: list[Event], topics: list[list[Topic]]) -> None:
    Event.objects.bulk_create(events)
    Event.topics.through.objects.bulk_create(
        [
            Event.topics.through(event=event, topic=topic)
            for event, chosen in zip(events, topics, strict=True)
            for topic in set(chosen)
        ]
    )
    community = [event for event in events if event.submitted_by_id]
    submitters = User.objects.in_bulk({event.submitted_by_id for event in community})
    submitted = _audit(community, "events.submitted", by=lambda event: submitters[event.submitted_by_id])
    AuditEvent.objects.bulk_create([*submitted, *_audit(events, "events.published")])


BOOKABLE_TITLES = [
    "Local Digital Declaration: an introduction for new signatories",
    "Local Digital Fund: how to put together a bid",
    "Working in the open: weeknotes and show and tells",
    "Reusing what other councils have built",
]


def _add_bookable_events(missing: int, rng: random.Random) -> None:
    """Online programme briefings with places for everyone who could ever come."""
    if missing <= 0:
        return
    topics = list(Topic.objects.order_by("pk"))
    events, chosen_topics = [], []
    for number in range(missing):
        title = BOOKABLE_TITLES[number % len(BOOKABLE_TITLES)]
        session = number // len(BOOKABLE_TITLES) + 1
        starts = datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=30 + 7 * number), datetime.time(11), LONDON
        )
        events.append(
            Event(
                title=f"{title} (session {session})",
                summary="An hour online with the programme team, with time for your questions.",
                description=DESCRIPTIONS[EventType.WEBINAR],
                event_type=EventType.WEBINAR,
                organiser=PROGRAMME,
                is_programme_event=True,
                capacity=UNLIMITED_PLACES,
                is_online=True,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1),
                status=EventStatus.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(days=rng.randint(1, 20)),
            )
        )
        chosen_topics.append(rng.sample(topics, 2))
    _save_events(events, chosen_topics)


# Funded projects ------------------------------------------------------------------------------

SERVICES = [
    "housing repairs", "blue badge applications", "school admissions", "council tax reduction", "parking permits",
    "bulky waste collections", "pothole reports", "planning applications", "premises licensing",
    "adult social care assessments", "children's services referrals", "home adaptations",
    "garden waste subscriptions", "street lighting faults", "fly-tipping reports", "free school meals",
    "library memberships", "register office appointments", "business rates relief", "temporary accommodation",
    "housing register applications", "support for care leavers", "home to school transport", "allotment lettings",
    "pest control bookings", "building control", "local land charges", "taxi licensing", "noise complaints",
    "HMO licensing", "disabled facilities grants", "discretionary housing payments", "electoral registration",
    "burials and cremations", "rough sleeping outreach", "street trading licences", "tree preservation orders",
    "food hygiene inspections", "apprenticeship levy transfers", "school place planning",
]  # fmt: skip
PROJECT_PATTERNS = [
    "Shared {} service",
    "A data standard for {}",
    "{} online",
    "Open source case management for {}",
    "Redesigning {} with residents",
    "A common component for {}",
    "Joining up {} across councils",
    "Making {} accessible",
]
PROBLEMS = [
    "Residents cannot tell what is happening with {s} once they have applied, so they phone again and again, and "
    "every council answers the same calls.",
    "Each council buys or builds its own system for {s}. They hold the same data in different shapes, so nothing "
    "can be shared or reused.",
    "Staff retype information about {s} from emails and PDFs into several systems, which takes days and "
    "introduces errors.",
    "People who need {s} most are least likely to manage the current forms, and many give up before they finish.",
]
PHASE_DECISIONS = {
    PhaseName.DISCOVERY: "The partner councils pay for discovery from their own transformation budgets.",
    PhaseName.ALPHA: "Discovery met its exit criteria at the assessment; the partners fund alpha themselves.",
    PhaseName.BETA: "Alpha passed its assessment. The lead council pays for beta and the partners give staff time.",
    PhaseName.LIVE: "Passed its live assessment. The partner councils now run the service together.",
}
PHASE_WEEKS = {PhaseName.DISCOVERY: 12, PhaseName.ALPHA: 12, PhaseName.BETA: 26, PhaseName.LIVE: 52}
PHASES = [PhaseName.DISCOVERY, PhaseName.ALPHA, PhaseName.BETA, PhaseName.LIVE]
UPDATE_TEXTS = [
    (
        UpdateKind.WEEKNOTE,
        "Weeknote: what we heard this week",
        "We spoke to **{n} residents** and {m} staff about {s}.\n\n"
        "- Most people start on the phone, then try the website.\n"
        "- Nobody knew what would happen after they applied.\n\n"
        "Next week we map the process with the back-office team.",
    ),
    (
        UpdateKind.WEEKNOTE,
        "Weeknote: testing the prototype",
        "We tested the prototype for {s} with {n} people, {m} of them using screen readers. "
        "Three pages confused almost everyone, so we are rewriting them.",
    ),
    (
        UpdateKind.SHOW_AND_TELL,
        "Show and tell: end of the phase",
        "We showed what we built and learnt to {n} people from {m} councils.\n\n"
        "## What we learnt\n\nEvery council runs {s} differently behind the scenes, but residents need the "
        "same things.\n\n## What happens next\n\nWe publish the report and plan the next phase with the partners.",
    ),
    (
        UpdateKind.WEEKNOTE,
        "Weeknote: working with suppliers",
        "We met {m} suppliers about {s} and shared our data model with them. "
        "Two have agreed to support the standard in their next release.",
    ),
]
OUTPUT_KINDS = [
    (OutputType.DISCOVERY_REPORT, "{S}: discovery report", "What we learnt about {s}, who uses it and where it fails."),
    (OutputType.USER_RESEARCH, "{S}: user research findings", "Findings from interviews and testing with residents."),
    (OutputType.PROTOTYPE, "{S}: prototype", "The clickable prototype we tested, with notes on each round."),
    (OutputType.SERVICE_PATTERN, "{S}: service pattern", "A pattern any council can follow to run {s} well."),
    (OutputType.DATA_STANDARD, "{S}: data standard", "The fields, formats and rules for sharing data about {s}."),
    (OutputType.CODE, "{S}: source code", "The code of the service, ready for another council to deploy."),
]
CODE_LICENCES = [Licence.MIT, Licence.APACHE, Licence.GPL, Licence.AGPL]
DOCUMENT_LICENCES = [Licence.OGL, Licence.CC_BY]


@dataclass
class Plan:
    """A project to add, and what goes with it."""

    project: Project
    service: str
    phases: list[str]
    starts_on: datetime.date
    partners: list[Organisation]
    topics: list[Topic]


def _project_titles(rng: random.Random) -> Iterator[tuple[str, str]]:
    """(title, service) pairs in a shuffled but fixed order, never the same title twice."""
    pairs = [(pattern, service) for pattern in PROJECT_PATTERNS for service in SERVICES]
    rng.shuffle(pairs)
    for round_number in itertools.count(1):
        for pattern, service in pairs:
            title = _sentence(pattern.format(service))
            yield (title if round_number == 1 else f"{title}: partnership {round_number}"), service


def _add_projects(missing: int, rng: random.Random, moderator: User | None) -> None:
    if missing <= 0:
        return
    councils = list(Organisation.objects.current().filter(organisation_type__in=LOCAL_AUTHORITY_TYPES).order_by("pk"))
    topics = list(Topic.objects.order_by("pk"))
    taken_titles = {title.lower() for title in Project.objects.values_list("title", flat=True)}
    taken_slugs = set(Project.objects.values_list("slug", flat=True)) | RESERVED_SLUGS
    plans = []
    titles = _project_titles(rng)
    while len(plans) < missing:
        title, service = next(titles)
        if title.lower() in taken_titles or slugify(title) in taken_slugs:
            continue
        taken_titles.add(title.lower())
        taken_slugs.add(slugify(title))
        plans.append(_plan(rng, title, service, rng.sample(councils, 4), topics))
    Project.objects.bulk_create([plan.project for plan in plans])
    Project.partner_organisations.through.objects.bulk_create(
        Project.partner_organisations.through(project=plan.project, organisation=partner)
        for plan in plans
        for partner in plan.partners
    )
    Project.topics.through.objects.bulk_create(
        Project.topics.through(project=plan.project, topic=topic) for plan in plans for topic in plan.topics
    )
    AuditEvent.objects.bulk_create(
        _audit([plan.project for plan in plans], "projects.started", by=lambda project: moderator)
    )
    ProjectPhase.objects.bulk_create([row for plan in plans for row in _phases(plan, moderator)])
    _project_updates(plans, rng)
    _project_outputs(plans, rng)


def _plan(rng: random.Random, title: str, service: str, councils: list[Organisation], topics) -> Plan:
    lead, *partners = councils
    phases = PHASES[: rng.choice([1, 1, 2, 2, 2, 3, 3, 4])]
    length = sum(PHASE_WEEKS[phase] for phase in phases)
    starts_on = timezone.localdate() - datetime.timedelta(weeks=rng.randint(4, length + 150))
    ended = timezone.localdate() > starts_on + datetime.timedelta(weeks=length)
    status = FundedProjectStatus.ACTIVE
    reason = ""
    if ended and rng.random() < 0.5:
        status = FundedProjectStatus.COMPLETED
    elif rng.random() < 0.08:
        status = FundedProjectStatus.STOPPED
        reason = "The partners stopped the project: a national service now meets the same need."
    project = Project(
        title=title,
        slug=slugify(title),
        summary=_sentence(f"{lead.name} and partners working on {service}, openly, so every council can reuse it."),
        problem=rng.choice(PROBLEMS).format(s=service),
        lead_organisation=lead,
        contact_email=f"{slugify(service)[:40]}@{lead.slug}.example",
        current_phase=phases[-1],
        status=status,
        status_reason=reason,
    )
    chosen_topics = rng.sample(topics, rng.randint(1, 3))
    return Plan(project, service, phases, starts_on, partners[: rng.randint(1, 3)], chosen_topics)


def _phases(plan: Plan, moderator: User | None) -> list[ProjectPhase]:
    """Phases one after another: earlier ones complete, the current one under way unless the
    project completed. Each was let through by a decision staff recorded, not an award."""
    rows = []
    starts_on = plan.starts_on
    for phase in plan.phases:
        ends_on = starts_on + datetime.timedelta(weeks=PHASE_WEEKS[phase])
        current = phase == plan.phases[-1]
        finished = not current or plan.project.status == FundedProjectStatus.COMPLETED
        rows.append(
            ProjectPhase(
                project=plan.project,
                phase=phase,
                status=PhaseStatus.COMPLETE if finished else PhaseStatus.IN_PROGRESS,
                starts_on=starts_on,
                ends_on=ends_on,
                decided_by=moderator,
                decision_note=PHASE_DECISIONS[phase],
            )
        )
        starts_on = ends_on + datetime.timedelta(days=14)
    return rows


def _project_updates(plans: list[Plan], rng: random.Random) -> None:
    now = timezone.now()
    updates, posted = [], []
    for plan in plans:
        started = datetime.datetime.combine(plan.starts_on, datetime.time(12), LONDON)
        for kind, title, body in rng.sample(UPDATE_TEXTS, rng.randint(1, 4)):
            words = {"n": rng.randint(8, 60), "m": rng.randint(2, 12), "s": plan.service}
            updates.append(Update(project=plan.project, kind=kind, title=title, body=body.format(**words)))
            posted.append(min(_moment(rng, started, now), now))
    Update.objects.bulk_create(updates)
    # The insert stamps published_at with the time now; each team posted on its own day.
    for update, posted_at in zip(updates, posted, strict=True):
        update.published_at = posted_at
    Update.objects.bulk_update(updates, ["published_at"], batch_size=500)


def _project_outputs(plans: list[Plan], rng: random.Random) -> None:
    outputs = []
    for plan in plans:
        for output_type, title, description in rng.sample(OUTPUT_KINDS, rng.randint(1, 3)):
            words = {"s": plan.service, "S": _sentence(plan.service)}
            is_code = output_type == OutputType.CODE
            repository = f"https://github.com/local-digital-example/{plan.project.slug}"
            outputs.append(
                Output(
                    project=plan.project,
                    phase=rng.choice(plan.phases),
                    output_type=output_type,
                    title=title.format(**words)[:150],
                    description=description.format(**words),
                    link=repository
                    if is_code
                    else f"https://{plan.project.lead_organisation.slug}.example/"
                    f"{plan.project.slug}/{output_type.replace('_', '-')}",
                    repository_url=repository if is_code else "",
                    licence=rng.choice(CODE_LICENCES if is_code else DOCUMENT_LICENCES),
                )
            )
    Output.objects.bulk_create(outputs)
