"""A year of events on the hub, from six months ago to six months ahead: community meetups,
unconferences, webinars and show and tells submitted by the demo members, and the programme's
own roadshows and training. Organisers are organisations, never people."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import User
from core import audit
from core.dates import LONDON
from core.demo import loader
from events.models import Event, EventType, Region, Topic
from events.workflow import EventStatus

PROGRAMME = "Local Digital Collaboration Unit"

DESCRIPTIONS = {
    EventType.MEETUP: (
        "An evening of short talks from people working on digital in councils nearby, then time to talk.\n\n"
        "**Who it is for:** anyone working on digital, data or technology in local government, "
        "and the people who commission it.\n\nTalks are 10 minutes each, with questions after."
    ),
    EventType.UNCONFERENCE: (
        "An unconference: there is no agenda until the day. Anyone can pitch a session in the morning, "
        "and the day's sessions are chosen from those pitches.\n\n"
        "Bring a question you want help with, or something you have learnt that others could use."
    ),
    EventType.WEBINAR: (
        "An hour online: a short presentation, then questions from the audience.\n\n"
        "We send the recording and slides to everyone who registers."
    ),
    EventType.SHOW_AND_TELL: (
        "The team shows what it has built and learnt since the last show and tell, and what it will do next.\n\n"
        "Questions are welcome, and so are people from other councils working on the same problem."
    ),
    EventType.CONFERENCE: (
        "A day of talks and workshops on how councils are changing their services.\n\n"
        "- talks from council digital teams\n- workshops in the afternoon\n- time to meet people "
        "from other councils"
    ),
    EventType.TRAINING: (
        "Practical training for council teams, with exercises on real services.\n\n"
        "Places are limited so that everyone can take part. Book one place for each person coming."
    ),
    EventType.ROADSHOW: (
        "The Local Digital roadshow comes to your region: hear what the programme is doing, how the "
        "Local Digital Declaration and Fund work, and share what your council needs.\n\n"
        "Lunch is provided. Tell us about any access or dietary needs when you book."
    ),
}


@dataclass
class DemoEvent:
    days: int  # from today; negative for events that have happened
    start: str  # London time, HH:MM
    hours: float
    title: str
    event_type: str
    organiser: str
    summary: str
    # (venue, town, region), or None for an online event
    place: tuple[str, str, str] | None
    topics: list[str] = field(default_factory=list)
    # The demo member who submitted it; None for the programme's own events.
    submitted_by: str | None = None
    cost: str = ""
    booking_url: str = ""
    status: str = EventStatus.PUBLISHED
    note: str = ""  # the moderator's reason for rejecting, or the reason for cancelling
    capacity: int | None = None
    signatories_only: bool = False


AMARA, TOM, PRIYA = "amara.okafor@example.com", "tom.hughes@example.com", "priya.natarajan@example.org"
GARETH, SIOBHAN = "gareth.evans@example.net", "siobhan.byrne@example.com"

EVENTS = [
    # Six months of events that have happened.
    DemoEvent(-176, "18:00", 2.5, "LocalGovDigital North West meetup: open data", EventType.MEETUP, "LocalGovDigital",
              "Talks from Stockport and Salford on publishing data people use.",
              ("The Federation", "Manchester", Region.NORTH_WEST), ["open-data", "data-and-analytics"], SIOBHAN,
              booking_url="https://www.meetup.example/localgovdigital-nw/1"),
    DemoEvent(-161, "10:00", 1, "Hackney show and tell: resident accounts", EventType.SHOW_AND_TELL, "Hackney Council",
              "The resident accounts team shows what it learnt in beta.",
              None, ["service-design", "user-research"], TOM),
    DemoEvent(-148, "09:30", 7.5, "LocalGov Camp: Birmingham", EventType.UNCONFERENCE, "LocalGov Camp",
              "The unconference for people changing local public services.",
              ("Millennium Point", "Birmingham", Region.WEST_MIDLANDS), ["digital-leadership", "service-design"],
              PRIYA, booking_url="https://www.localgovcamp.example/tickets"),
    DemoEvent(-139, "12:30", 1, "Publishing council data openly", EventType.WEBINAR, "Leeds City Council",
              "How Leeds publishes 300 datasets, and what it would do differently.",
              None, ["open-data"], PRIYA),
    DemoEvent(-125, "09:30", 7, "Digital inclusion: what works", EventType.CONFERENCE, "Socitm",
              "Councils and charities on helping residents get online.",
              ("The Catalyst", "Newcastle upon Tyne", Region.NORTH_EAST), ["digital-inclusion"], GARETH,
              cost="£95 for Socitm members, £195 for others", booking_url="https://www.socitm.example/events/inclusion"),
    DemoEvent(-112, "10:00", 3, "Training: accessibility testing for council websites", EventType.TRAINING, PROGRAMME,
              "Test your council's pages with a screen reader and keyboard.",
              None, ["accessibility", "skills-and-training"], capacity=30, signatories_only=True),
    DemoEvent(-101, "14:00", 1.5, "Camden show and tell: data and insight", EventType.SHOW_AND_TELL, "Camden Council",
              "How Camden's data team helps services decide what to fix first.",
              ("5 Pancras Square", "London", Region.LONDON), ["data-and-analytics"], AMARA),
    DemoEvent(-88, "11:00", 1, "Cyber security for council leaders", EventType.WEBINAR,
              "Local Government Association", "What leaders need to ask about their council's cyber defences.",
              None, ["cyber-security", "digital-leadership"], GARETH),
    DemoEvent(-74, "18:00", 2, "Essex digital meetup", EventType.MEETUP, "Essex County Council",
              "Digital, data and technology people from across Essex meet and share.",
              ("County Hall", "Chelmsford", Region.EAST), ["agile-delivery"], GARETH),
    DemoEvent(-61, "18:30", 2, "LocalGovDigital Yorkshire meetup: content design", EventType.MEETUP,
              "LocalGovDigital", "Three councils on rewriting their most visited pages.",
              ("Leeds Central Library", "Leeds", Region.YORKSHIRE), ["content-design"], PRIYA),
    DemoEvent(-46, "13:00", 1, "Agile delivery for council teams", EventType.WEBINAR, "Essex County Council",
              "Essex on moving from projects to product teams.",
              None, ["agile-delivery", "digital-leadership"], GARETH),
    DemoEvent(-32, "09:30", 6.5, "Designing services for Wales", EventType.CONFERENCE,
              "Centre for Digital Public Services", "Welsh councils on bilingual service design.",
              ("Tramshed Tech", "Cardiff", Region.WALES), ["service-design", "content-design"], TOM),
    DemoEvent(-19, "10:00", 5, "Scottish local government digital meetup", EventType.MEETUP,
              "Digital Office for Scottish Local Government", "Scottish councils share their digital plans.",
              ("Edinburgh City Chambers", "Edinburgh", Region.SCOTLAND), ["digital-leadership"], SIOBHAN),
    DemoEvent(-8, "15:00", 1, "Hackney show and tell: housing repairs", EventType.SHOW_AND_TELL, "Hackney Council",
              "The repairs team shows its new way to report a problem.",
              None, ["service-design"], TOM),
    DemoEvent(-4, "18:00", 2, "User research in councils meetup", EventType.MEETUP, "LocalGovDigital",
              "Researchers from London boroughs on recruiting residents fairly.",
              ("Camden Town Hall", "London", Region.LONDON), ["user-research"], AMARA),
    # Six months ahead.
    DemoEvent(6, "18:00", 2.5, "LocalGovDigital North West meetup: accessibility", EventType.MEETUP, "LocalGovDigital",
              "Talks on making council services work for everyone.",
              ("The Federation", "Manchester", Region.NORTH_WEST), ["accessibility"], SIOBHAN,
              booking_url="https://www.meetup.example/localgovdigital-nw/2"),
    DemoEvent(11, "14:00", 1.5, "Camden show and tell: resident accounts", EventType.SHOW_AND_TELL, "Camden Council",
              "Camden shows its resident account and what it reuses from Hackney.",
              ("5 Pancras Square", "London", Region.LONDON), ["service-design"], AMARA),
    DemoEvent(15, "10:00", 6, "Local Digital roadshow: Manchester", EventType.ROADSHOW, PROGRAMME,
              "The programme's roadshow for councils in the North West.",
              ("Manchester Central Library", "Manchester", Region.NORTH_WEST),
              ["digital-leadership", "procurement"], capacity=120),
    DemoEvent(22, "09:30", 6, "Training: content design for council websites", EventType.TRAINING, PROGRAMME,
              "A day of practical content design for council web teams.",
              ("Camden Town Hall", "London", Region.LONDON), ["content-design", "skills-and-training"],
              capacity=24, signatories_only=True),
    DemoEvent(26, "18:00", 2, "Stockport digital meetup", EventType.MEETUP, "Stockport Council",
              "Stockport's digital team hosts councils from across Greater Manchester.",
              ("Stockport Town Hall", "Stockport", Region.NORTH_WEST), ["agile-delivery"], SIOBHAN,
              status=EventStatus.CANCELLED, note="The venue is no longer available. We will share a new date soon."),
    DemoEvent(29, "12:30", 1, "Open source in local government", EventType.WEBINAR, "LocalGov Drupal",
              "How 40 councils share one website platform.",
              None, ["open-source", "procurement"], TOM),
    DemoEvent(36, "09:30", 7.5, "LocalGov Camp: Leeds", EventType.UNCONFERENCE, "LocalGov Camp",
              "The unconference for people changing local public services, in Leeds this time.",
              ("Leeds Beckett University", "Leeds", Region.YORKSHIRE), ["digital-leadership", "service-design"],
              PRIYA, booking_url="https://www.localgovcamp.example/tickets"),
    DemoEvent(43, "11:00", 1, "Digital leadership for councillors", EventType.WEBINAR,
              "Local Government Association", "What councillors can ask for, and ask of, their digital teams.",
              None, ["digital-leadership"], GARETH),
    DemoEvent(50, "10:00", 6, "Local Digital roadshow: Bristol", EventType.ROADSHOW, PROGRAMME,
              "The programme's roadshow for councils in the South West.",
              ("M Shed", "Bristol", Region.SOUTH_WEST), ["digital-leadership", "procurement"], capacity=100),
    DemoEvent(57, "18:00", 2, "Essex data meetup", EventType.MEETUP, "Essex County Council",
              "Analysts from Essex councils on sharing data between services.",
              ("Firstsite", "Colchester", Region.EAST), ["data-and-analytics"], GARETH),
    DemoEvent(64, "13:00", 1, "Buying better: the Local Digital Declaration and procurement", EventType.WEBINAR,
              PROGRAMME, "How signatories are changing the way they buy technology.",
              None, ["procurement"]),
    DemoEvent(71, "15:00", 1.5, "Sheffield show and tell: digital inclusion", EventType.SHOW_AND_TELL,
              "Sheffield City Council", "Sheffield's device lending scheme, one year on.",
              ("Sheffield Central Library", "Sheffield", Region.YORKSHIRE), ["digital-inclusion"], PRIYA),
    DemoEvent(81, "09:00", 8, "Artificial intelligence in local government: practical uses", EventType.CONFERENCE,
              "Socitm", "Councils on where AI has helped residents, and where it has not.",
              ("Barbican Centre", "London", Region.LONDON), ["artificial-intelligence", "data-and-analytics"], AMARA,
              cost="£150 for public sector staff", booking_url="https://www.socitm.example/events/ai"),
    DemoEvent(92, "09:30", 7, "LocalGovDigital Scotland unconference", EventType.UNCONFERENCE, "LocalGovDigital",
              "A day of sessions pitched on the day by people in Scottish councils.",
              ("The Lighthouse", "Glasgow", Region.SCOTLAND), ["service-design"], SIOBHAN),
    DemoEvent(102, "10:00", 3, "Training: user research for council teams", EventType.TRAINING, PROGRAMME,
              "Plan, run and share user research with residents.",
              None, ["user-research", "skills-and-training"], capacity=40, signatories_only=True),
    DemoEvent(111, "18:00", 2, "LocalGovDigital Northern Ireland meetup", EventType.MEETUP, "LocalGovDigital",
              "Digital people from Northern Ireland's councils meet and share.",
              ("Belfast City Hall", "Belfast", Region.NORTHERN_IRELAND), ["agile-delivery"], SIOBHAN),
    DemoEvent(122, "10:00", 1, "Preparing for a cyber attack", EventType.WEBINAR, "Local Government Association",
              "Lessons from councils that have recovered from cyber attacks.",
              None, ["cyber-security"], GARETH),
    DemoEvent(136, "14:00", 1.5, "Show and tell: Local Digital Fund projects", EventType.SHOW_AND_TELL, PROGRAMME,
              "Teams funded by the Local Digital Fund show what they have built for every council to reuse.",
              None, ["open-source", "service-design"]),
    DemoEvent(151, "18:00", 2, "LocalGovDigital South West meetup", EventType.MEETUP, "LocalGovDigital",
              "Talks from Devon and Cornwall on shared services.",
              ("Exeter Library", "Exeter", Region.SOUTH_WEST), ["cloud-and-infrastructure"], TOM),
    DemoEvent(166, "09:30", 7, "Digital inclusion in Wales", EventType.CONFERENCE,
              "Centre for Digital Public Services", "Welsh councils and charities on helping everyone get online.",
              ("Tramshed Tech", "Cardiff", Region.WALES), ["digital-inclusion"], TOM,
              cost="£60 for public sector staff"),
    DemoEvent(176, "18:00", 2, "East Midlands data meetup", EventType.MEETUP, "Nottingham City Council",
              "Analysts from East Midlands councils on what residents' data tells them.",
              ("Nottingham Council House", "Nottingham", Region.EAST_MIDLANDS), ["data-and-analytics"], PRIYA),
    # Waiting for moderators, and one they turned down.
    DemoEvent(45, "12:00", 2, "Stockport open data clinic", EventType.MEETUP, "Stockport Council",
              "Bring a dataset you want to publish and get help from the Stockport data team.",
              ("Stockport Town Hall", "Stockport", Region.NORTH_WEST), ["open-data"], SIOBHAN,
              status=EventStatus.SUBMITTED),
    DemoEvent(60, "15:00", 1, "Hackney show and tell: accessible forms", EventType.SHOW_AND_TELL, "Hackney Council",
              "How Hackney rebuilt its most used forms to meet WCAG 2.2.",
              None, ["accessibility", "service-design"], TOM, status=EventStatus.SUBMITTED),
    DemoEvent(40, "12:00", 1.5, "See our council CRM in action, with lunch", EventType.CONFERENCE,
              "Essex County Council", "A demonstration of a customer relationship management product.",
              ("County Hall", "Chelmsford", Region.EAST), ["procurement"], GARETH, status=EventStatus.REJECTED,
              note="This is a supplier's product demonstration. The hub lists events where councils share their "
              "own work. Please ask the supplier to advertise it themselves."),
]  # fmt: skip


@loader
def load_events() -> str:
    people = {user.email: user for user in User.objects.prefetch_related("memberships__organisation")}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    added = sum(_add(event, people, topics) for event in EVENTS)
    return f"Demo events: {added} added"


def _add(demo: DemoEvent, people: dict, topics: dict) -> bool:
    if Event.objects.filter(title=demo.title).exists():
        return False
    submitter = people.get(demo.submitted_by) if demo.submitted_by else None
    if demo.submitted_by and submitter is None:
        return False
    membership = submitter.memberships.first() if submitter else None
    day = timezone.localdate() + datetime.timedelta(days=demo.days)
    starts_at = datetime.datetime.combine(day, datetime.time.fromisoformat(demo.start), LONDON)
    venue, town, region = demo.place or ("", "", "")
    event = Event.objects.create(
        title=demo.title,
        summary=demo.summary,
        description=DESCRIPTIONS[demo.event_type],
        event_type=demo.event_type,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=demo.hours),
        is_online=demo.place is None,
        venue=venue,
        town=town,
        region=region,
        organiser=demo.organiser,
        is_free=not demo.cost,
        cost=demo.cost,
        booking_url=demo.booking_url,
        status=demo.status,
        review_note=demo.note if demo.status == EventStatus.REJECTED else "",
        cancellation_reason=demo.note if demo.status == EventStatus.CANCELLED else "",
        cancelled_at=timezone.now() if demo.status == EventStatus.CANCELLED else None,
        sequence=1 if demo.status == EventStatus.CANCELLED else 0,
        published_at=None if demo.status in (EventStatus.SUBMITTED, EventStatus.REJECTED) else timezone.now(),
        submitted_by=submitter,
        organisation=membership.organisation if membership else None,
        is_programme_event=submitter is None,
        capacity=demo.capacity,
        signatories_only=demo.signatories_only,
    )
    event.topics.set(topics[slug] for slug in demo.topics if slug in topics)
    _record_history(event, submitter, demo)
    return True


def _record_history(event: Event, submitter, demo: DemoEvent) -> None:
    """The trail the event would have had: submitted by its member, then the moderators'
    decisions; the programme's own events published by staff."""
    if submitter:
        audit.record(event, "events.submitted", by=submitter)
    if demo.status == EventStatus.REJECTED:
        audit.record(event, "events.rejected", reason=demo.note)
    if demo.status in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        audit.record(event, "events.published")
    if demo.status == EventStatus.CANCELLED:
        audit.record(event, "events.cancelled", by=submitter, reason=demo.note)
