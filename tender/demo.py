"""The Tender's demo data: thirty fictional suppliers of every size (companies, charities and
community interest companies) with their people, offers and case studies; then a dozen needs
from real councils, written as problems, with the councils that joined them, the suppliers
interested and the questions asked in the open. One need has a show and tell; one is closed
and linked to its procurement notice.

Authors, answerers and confirmers are the demo members of each council (the people, declaration
and fund loaders add them first); a council without one here is left out. Supplier people are
fictional, at example addresses, and share no first name or surname with anyone else in the demo."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core import audit
from core.dates import LONDON
from core.demo import loader
from core.tokens import hash_token, new_token
from events.models import Event, EventType, Region, Topic
from events.workflow import EventStatus
from organisations.models import Organisation
from tender.models import (
    CaseStudy,
    Interest,
    Need,
    NeedJoin,
    OpenStandard,
    ProcurementTiming,
    Question,
    ServedRegion,
    Supplier,
    SupplierSize,
    TopicAlert,
)
from tender.workflow import CaseStudyStatus, NeedStatus, QuestionStatus

MICRO, SMALL, MEDIUM, LARGE = SupplierSize.MICRO, SupplierSize.SMALL, SupplierSize.MEDIUM, SupplierSize.LARGE
EVERYWHERE = list(Region)
ENGLAND = [region for region in Region if region not in (Region.SCOTLAND, Region.WALES, Region.NORTHERN_IRELAND)]

# The open standards' slugs (tender/migrations/0002_open_standards.py).
WCAG = "web-content-accessibility-guidelines-22"
UPRN = "unique-property-reference-number-uprn"
USRN = "unique-street-reference-number-usrn"
GEOJSON = "geojson-rfc-7946"
ICALENDAR = "icalendar-rfc-5545"
OPENAPI = "openapi-specification"
OAUTH = "oauth-20"
OPENID = "openid-connect"
FHIR = "hl7-fhir"
JSON_SCHEMA = "json-schema"
CSVW = "csv-on-the-web"
OPEN_REFERRAL = "open-referral-uk"
PLANNING_DATA = "planning-data-specifications"
OCDS = "open-contracting-data-standard"
GIVING = "360giving-data-standard"


@dataclass
class DemoCaseStudy:
    council: str  # register code
    title: str
    summary: str
    # Confirmed by the council's demo member, when it has one; otherwise left unconfirmed.
    confirmed: bool = True
    link: str = ""


@dataclass
class DemoSupplier:
    name: str
    size: str
    domain: str  # its website and public contact address
    summary: str
    offers: list[str]  # topic slugs
    regions: list[str]
    people: list[tuple[str, str]]  # (email, full name); the first registered it
    company_number: str = ""
    charity_number: str = ""
    standards: list[str] = field(default_factory=list)
    case_studies: list[DemoCaseStudy] = field(default_factory=list)
    alert_topics: list[str] = field(default_factory=list)  # the topics its first person follows


SUPPLIERS = [
    DemoSupplier(
        "Brackenfold Digital Ltd",
        SMALL,
        "brackenfold.example",
        "User research and service design for councils and housing associations, working alongside in-house "
        "teams so that the skills stay when we leave.",
        ["service-design", "user-research", "agile-delivery"],
        [Region.NORTH_WEST, Region.YORKSHIRE, Region.NORTH_EAST],
        [("bethan.ashworth@example.com", "Bethan Ashworth"), ("cormac.devlin@example.org", "Cormac Devlin")],
        company_number="11842307",
        standards=[WCAG],
        case_studies=[
            DemoCaseStudy(
                "LDS",
                "Research with families who use the family information service",
                "Twelve weeks of research with 38 parents and carers, including families who speak little "
                "English, about how they find childcare and activities. The findings shaped the council's new "
                "family information pages, which now answer the three questions families ask most.",
            )
        ],
    ),
    DemoSupplier(
        "Kittiwake Data Ltd",
        MICRO,
        "kittiwakedata.example",
        "Open data publishing for councils: tidy datasets, clear descriptions and feeds that keep themselves "
        "up to date.",
        ["open-data", "data-and-analytics"],
        [Region.SCOTLAND, Region.NORTH_EAST],
        [("ailsa.fairbairn@example.net", "Ailsa Fairbairn")],
        company_number="SC694215",
        standards=[CSVW, JSON_SCHEMA, GIVING],
    ),
    DemoSupplier(
        "Larchmere Systems Ltd",
        LARGE,
        "larchmere.example",
        "Cloud-hosted case management and customer contact platforms for local government, with published "
        "APIs and support based in the UK.",
        ["cloud-and-infrastructure", "cyber-security", "service-design"],
        EVERYWHERE,
        [("harvey.cartwright@example.com", "Harvey Cartwright"), ("nadia.iqbal@example.org", "Nadia Iqbal")],
        company_number="04518862",
        standards=[OPENAPI, OAUTH, OPENID, WCAG],
    ),
    DemoSupplier(
        "Tidewater Accessibility CIC",
        MICRO,
        "tidewater.example",
        "Accessibility audits and usability testing by disabled testers. Our profits pay for digital skills "
        "sessions for disabled people in Devon and Cornwall.",
        ["accessibility", "user-research"],
        [Region.SOUTH_WEST, Region.WALES],
        [("lowri.penhaligon@example.org", "Lowri Penhaligon")],
        company_number="13907741",
        standards=[WCAG],
        case_studies=[
            DemoCaseStudy(
                "CMD",
                "Accessibility audit of the 20 most used forms",
                "Our testers, who use screen readers, magnifiers and voice control, tried the council's 20 most "
                "used forms. We found 64 problems, 11 of which stopped people finishing a form; the web team "
                "fixed all 11 within two months and we tested the fixes with the same people.",
            )
        ],
    ),
    DemoSupplier(
        "Open Doorstep Trust",
        SMALL,
        "opendoorstep.example",
        "A charity helping people get online: device lending, data SIM cards and digital champions in "
        "libraries and community centres.",
        ["digital-inclusion", "skills-and-training"],
        [Region.WEST_MIDLANDS, Region.EAST_MIDLANDS],
        [("chidi.boateng@example.net", "Chidi Boateng"), ("elspeth.goddard@example.com", "Elspeth Goddard")],
        charity_number="1176248",
        case_studies=[
            DemoCaseStudy(
                "BIR",
                "Digital champions in twelve libraries",
                "We trained 45 volunteers as digital champions in twelve of the city's libraries. In the first "
                "year they helped 2,300 people, most of them over 65, to apply for council services, book GP "
                "appointments and keep in touch with family online.",
            )
        ],
    ),
    DemoSupplier(
        "Copperbeech Procurement Partners LLP",
        SMALL,
        "copperbeech.example",
        "Procurement advice for digital projects: market engagement, lots that small suppliers can bid for, "
        "and contracts that let councils own their code.",
        ["procurement", "digital-leadership"],
        [Region.LONDON, Region.SOUTH_EAST, Region.EAST],
        [("felix.hartley@example.org", "Felix Hartley")],
        company_number="OC428813",
        standards=[OCDS],
    ),
    DemoSupplier(
        "Hedgerow Software Ltd",
        SMALL,
        "hedgerow.example",
        "Council websites on LocalGov Drupal: new sites, moves from older systems, bilingual sites and "
        "support, with every improvement shared back.",
        ["open-source", "content-design", "accessibility"],
        [Region.WALES, Region.SOUTH_WEST, Region.WEST_MIDLANDS],
        [("gwen.rowntree@example.com", "Gwen Rowntree"), ("tariq.mahmood@example.net", "Tariq Mahmood")],
        company_number="10263594",
        standards=[WCAG],
    ),
    DemoSupplier(
        "Fellgate Cloud Services Ltd",
        MEDIUM,
        "fellgate.example",
        "Moves council systems off ageing servers into the cloud and runs them securely, training the "
        "council's own team to take over.",
        ["cloud-and-infrastructure", "cyber-security"],
        [Region.NORTH_EAST, Region.NORTH_WEST, Region.YORKSHIRE, Region.EAST_MIDLANDS, Region.WEST_MIDLANDS],
        [("magnus.forsyth@example.org", "Magnus Forsyth"), ("saoirse.tierney@example.com", "Saoirse Tierney")],
        company_number="08731146",
        standards=[OPENID],
    ),
    DemoSupplier(
        "Wyvern Analytics Ltd",
        MEDIUM,
        "wyvernanalytics.example",
        "Data engineering and analysis for public services: joining up the data councils already hold so "
        "that teams can see what is working.",
        ["data-and-analytics", "artificial-intelligence", "open-data"],
        [Region.WEST_MIDLANDS, Region.SOUTH_WEST, Region.WALES, Region.LONDON],
        [("ravi.sandhu@example.net", "Ravi Sandhu"), ("orla.cosgrove@example.org", "Orla Cosgrove")],
        company_number="07452980",
        standards=[CSVW, JSON_SCHEMA],
    ),
    DemoSupplier(
        "Ninefold Forms Ltd",
        MICRO,
        "ninefold.example",
        "Accessible online forms and payments for councils, built on GOV.UK Design System patterns and GOV.UK Pay.",
        ["service-design", "accessibility"],
        EVERYWHERE,
        [("jude.ellison@example.com", "Jude Ellison")],
        company_number="12675308",
        standards=[WCAG, OPENAPI],
        alert_topics=["service-design", "accessibility"],
    ),
    DemoSupplier(
        "Marram Labs Ltd",
        MICRO,
        "marramlabs.example",
        "Small, careful experiments with artificial intelligence on council casework, tested with the staff "
        "who would use it before anything is bought.",
        ["artificial-intelligence", "data-and-analytics", "user-research"],
        [Region.EAST, Region.LONDON],
        [("ines.varga@example.org", "Ines Varga")],
        company_number="14120956",
        alert_topics=["artificial-intelligence"],
    ),
    DemoSupplier(
        "Greyfriars Digital Partnership Ltd",
        LARGE,
        "greyfriars.example",
        "Multidisciplinary delivery teams for large service changes, from discovery to live, working in the "
        "open with council staff.",
        ["agile-delivery", "service-design", "digital-leadership", "user-research"],
        EVERYWHERE,
        [("vikram.dhillon@example.com", "Vikram Dhillon"), ("rosa.wainwright@example.net", "Rosa Wainwright")],
        company_number="03396271",
        standards=[WCAG, OPENAPI],
    ),
    DemoSupplier(
        "Saltmarsh Cyber Ltd",
        SMALL,
        "saltmarshcyber.example",
        "Penetration testing, cyber incident exercises and practical security training for councils and schools.",
        ["cyber-security", "skills-and-training"],
        [Region.EAST, Region.SOUTH_EAST, Region.LONDON],
        [("kieran.jardine@example.org", "Kieran Jardine")],
        company_number="11058832",
    ),
    DemoSupplier(
        "Cairnlea Geospatial Ltd",
        SMALL,
        "cairnlea.example",
        "Maps and address data for councils: keeping property and street records right, and putting them to "
        "work in services.",
        ["data-and-analytics", "open-data"],
        [Region.SCOTLAND, Region.NORTH_EAST, Region.NORTH_WEST],
        [("isla.abernethy@example.net", "Isla Abernethy"), ("bartek.zielinski@example.com", "Bartek Zielinski")],
        company_number="SC583104",
        standards=[UPRN, USRN, GEOJSON],
        alert_topics=["open-data", "data-and-analytics"],
    ),
    DemoSupplier(
        "Lanternfish Content Ltd",
        MICRO,
        "lanternfish.example",
        "Content design for council websites: rewriting the pages residents need most in plain English and in Welsh.",
        ["content-design", "accessibility"],
        [Region.WALES, Region.SOUTH_WEST],
        [("delyth.trevelyan@example.com", "Delyth Trevelyan")],
        company_number="13384519",
        standards=[WCAG],
        alert_topics=["content-design"],
    ),
    DemoSupplier(
        "Plumtree Care Technology Ltd",
        MEDIUM,
        "plumtreecare.example",
        "Software for social care: provider portals, visit records and payments that connect to the "
        "council's case management system.",
        ["data-and-analytics", "service-design"],
        [Region.EAST, Region.SOUTH_EAST, Region.LONDON, Region.EAST_MIDLANDS],
        [("emeka.nwosu@example.org", "Emeka Nwosu"), ("thea.sutcliffe@example.com", "Thea Sutcliffe")],
        company_number="09184472",
        standards=[FHIR, OPENAPI, OAUTH],
        alert_topics=["data-and-analytics"],
    ),
    DemoSupplier(
        "Riverbank Community Tech CIC",
        SMALL,
        "riverbanktech.example",
        "Community directories and social prescribing tools, run as a community interest company with "
        "voluntary groups on its board.",
        ["digital-inclusion", "open-data", "open-source"],
        [Region.YORKSHIRE, Region.NORTH_EAST, Region.EAST_MIDLANDS],
        [("yusuf.rahman@example.net", "Yusuf Rahman"), ("wren.pennock@example.org", "Wren Pennock")],
        company_number="12239081",
        standards=[OPEN_REFERRAL, OPENAPI],
        alert_topics=["digital-inclusion", "open-data"],
    ),
    DemoSupplier(
        "Blackthorn Housing Systems Ltd",
        LARGE,
        "blackthornhousing.example",
        "Housing management software for councils and housing associations: rents, lettings, repairs and "
        "tenant self-service.",
        ["service-design", "cloud-and-infrastructure"],
        EVERYWHERE,
        [("malcolm.ogden@example.com", "Malcolm Ogden"), ("farah.mistry@example.net", "Farah Mistry")],
        company_number="02874519",
        standards=[OPENAPI, UPRN, OAUTH],
        case_studies=[
            DemoCaseStudy(
                "MAN",
                "Tenants choose their own repair appointments",
                "Tenants can now choose a repair appointment online from the slots the repairs team has free, "
                "and change it without phoning. A third of appointments are booked this way.",
                confirmed=False,
            )
        ],
    ),
    DemoSupplier(
        "Wayfarer Transport Software Ltd",
        MEDIUM,
        "wayfarertransport.example",
        "Passenger transport software: eligibility, routes and contracts for home to school and community transport.",
        ["service-design", "data-and-analytics"],
        [Region.EAST, Region.SOUTH_EAST, Region.EAST_MIDLANDS, Region.SOUTH_WEST],
        [("gideon.whittaker@example.org", "Gideon Whittaker")],
        company_number="06620385",
        standards=[GEOJSON, UPRN, OPENAPI],
    ),
    DemoSupplier(
        "Mosslands Training Ltd",
        MICRO,
        "mosslands.example",
        "Agile and digital skills training for council teams and councillors, in person across the north of "
        "England and online.",
        ["skills-and-training", "agile-delivery", "digital-leadership"],
        [Region.NORTH_WEST, Region.YORKSHIRE],
        [("jasmine.ibbotson@example.net", "Jasmine Ibbotson")],
        company_number="11793650",
    ),
    DemoSupplier(
        "Heronsgate Research Ltd",
        MICRO,
        "heronsgate.example",
        "Finds residents to take part in user research, including people who are seldom heard: carers, "
        "people without the internet and people who speak little English.",
        ["user-research", "digital-inclusion"],
        [Region.LONDON, Region.SOUTH_EAST, Region.EAST],
        [("leila.yilmaz@example.com", "Leila Yilmaz")],
        company_number="12980466",
    ),
    DemoSupplier(
        "Skylark Sight and Sound",
        MEDIUM,
        "skylarksight.example",
        "A charity of and for people with sight or hearing loss. We test services and advise on "
        "accessibility; every test is done by disabled people.",
        ["accessibility", "user-research"],
        EVERYWHERE,
        [("nkechi.eze@example.org", "Nkechi Eze"), ("wilf.bellamy@example.com", "Wilf Bellamy")],
        company_number="05217734",
        charity_number="1109273",
        standards=[WCAG],
    ),
    DemoSupplier(
        "Digital Neighbours Wales",
        MEDIUM,
        "digitalneighbours.example",
        "A Welsh charity that trains volunteers to help people use online public services, in Welsh and in English.",
        ["digital-inclusion", "skills-and-training"],
        [Region.WALES],
        [("rhodri.jenkins@example.net", "Rhodri Jenkins")],
        charity_number="1163882",
    ),
    DemoSupplier(
        "Quayside Engineering Ltd",
        SMALL,
        "quayside.example",
        "Integration engineering: APIs that connect council systems, so that residents and staff stop typing "
        "the same thing twice.",
        ["open-source", "cloud-and-infrastructure"],
        [Region.NORTH_EAST, Region.YORKSHIRE, Region.SCOTLAND, Region.LONDON],
        [("piotr.kowalski@example.com", "Piotr Kowalski"), ("una.garside@example.org", "Una Garside")],
        company_number="10847125",
        standards=[OPENAPI, OAUTH, JSON_SCHEMA, FHIR],
    ),
    DemoSupplier(
        "Foyleside Software Ltd",
        SMALL,
        "foyleside.example",
        "Online services for councils in Northern Ireland and Scotland: licences, permits and bookings with "
        "payments built in.",
        ["service-design", "cloud-and-infrastructure"],
        [Region.NORTHERN_IRELAND, Region.SCOTLAND],
        [("aoife.quinlan@example.net", "Aoife Quinlan")],
        company_number="NI658239",
        standards=[OPENAPI, ICALENDAR],
    ),
    DemoSupplier(
        "Oakhurst Civic Platforms Ltd",
        LARGE,
        "oakhurstcivic.example",
        "Customer relationship management, resident accounts and contact centre software for councils.",
        ["service-design", "cloud-and-infrastructure", "data-and-analytics"],
        ENGLAND,
        [("quentin.lindqvist@example.net", "Quentin Lindqvist"), ("sunita.kaur@example.org", "Sunita Kaur")],
        company_number="01968254",
        standards=[OPENAPI, OPENID, OAUTH, WCAG],
    ),
    DemoSupplier(
        "Fellside Advisory Ltd",
        MICRO,
        "fellsideadvisory.example",
        "Coaching for digital leaders in local government, and help writing the case for change.",
        ["digital-leadership", "procurement"],
        [Region.NORTH_WEST, Region.NORTH_EAST, Region.YORKSHIRE, Region.SCOTLAND],
        [("hamza.underwood@example.com", "Hamza Underwood")],
        company_number="14502318",
    ),
    DemoSupplier(
        "Tessellate Bookings Ltd",
        SMALL,
        "tessellate.example",
        "Booking software for rooms, halls, sports pitches and equipment, with online payment and calendars "
        "people can subscribe to.",
        ["service-design", "digital-inclusion"],
        [Region.SOUTH_EAST, Region.EAST, Region.LONDON, Region.EAST_MIDLANDS],
        [("yasmin.ashby@example.org", "Yasmin Ashby")],
        company_number="11426093",
        standards=[ICALENDAR, OPENAPI],
    ),
    DemoSupplier(
        "Glasshouse Data Ethics Ltd",
        MICRO,
        "glasshouse.example",
        "Independent reviews of how councils use data and algorithms: impact assessments, bias testing and "
        "plain-English explanations for residents.",
        ["artificial-intelligence", "data-and-analytics"],
        [Region.LONDON, Region.SOUTH_EAST, Region.SOUTH_WEST],
        [("dominika.sobczak@example.net", "Dominika Sobczak")],
        company_number="13851207",
    ),
    DemoSupplier(
        "Roundsman Software Ltd",
        SMALL,
        "roundsman.example",
        "Waste and street cleansing software: collection rounds, missed bin reports and bin day look-ups "
        "that residents can add to their calendars.",
        ["service-design", "open-data"],
        [Region.SOUTH_WEST, Region.WALES, Region.WEST_MIDLANDS, Region.NORTH_WEST],
        [("kofi.agyeman@example.com", "Kofi Agyeman"), ("adaeze.obi@example.org", "Adaeze Obi")],
        company_number="09867312",
        standards=[UPRN, USRN, ICALENDAR, GEOJSON],
        case_studies=[
            DemoCaseStudy(
                "BST",
                "Bin collection days by postcode",
                "Residents look up their collection days by postcode and can add them to their own calendar or "
                "sign up for a reminder the evening before. Calls about missed bins fell by a third in the "
                "first year.",
            )
        ],
        alert_topics=["service-design", "open-data"],
    ),
]


@dataclass
class DemoQuestion:
    supplier: str  # the asking supplier's name
    text: str
    # Answered questions: the anonymised wording everyone sees, and the council's answer.
    published_question: str = ""
    answer: str = ""
    held_because: str = ""  # held for a moderator


@dataclass
class DemoShowAndTell:
    """Used when the organisation has no published show and tell coming up to invite suppliers to."""

    title: str
    summary: str
    description: str
    days_ahead: int


@dataclass
class DemoClosing:
    days_ago: int
    notice_number: str  # the Find a Tender notice's six digits; the year it closed follows
    outcome: str


@dataclass
class DemoNeed:
    council: str  # register code
    title: str
    problem: str
    services_affected: str
    timing: str
    topics: list[str]
    standards: list[str]
    published_days_ago: int | None  # None: sent for review yesterday, not published
    questions_close_in: int  # days from today; negative when questions have closed
    budget: tuple[int, int] | None = None
    joined_by: list[str] = field(default_factory=list)  # register codes
    interested: list[str] = field(default_factory=list)  # suppliers' names
    questions: list[DemoQuestion] = field(default_factory=list)
    show_and_tell: DemoShowAndTell | None = None
    closed: DemoClosing | None = None


NEEDS = [
    DemoNeed(
        "SKP",
        "Residents cannot find out when their bins will be collected",
        "Residents phone us to ask when their bins will be collected, and most often when collections move "
        "around bank holidays or when a crew could not get down a street. In the week after Christmas, 28% of "
        "calls to our contact centre were about bins.\n\n"
        "Our collection calendar is a PDF for each of 40 rounds, and residents have to know which round they "
        "are on. People tell us they:\n\n"
        "- cannot tell which calendar is theirs\n"
        "- do not hear about changes until the bin has been missed\n"
        "- put bins out for a neighbour or relative and need their days too\n\n"
        "The users are residents, including carers and people who do not read English well, and the crews "
        "and contact centre staff who answer for missed collections.",
        "Waste and recycling collections, the contact centre, the council website",
        ProcurementTiming.WITHIN_6_MONTHS,
        ["service-design", "open-data"],
        [UPRN, ICALENDAR, OPENAPI],
        published_days_ago=12,
        questions_close_in=18,
        budget=(20_000, 60_000),
        joined_by=["LDS", "MIK"],
        interested=["Roundsman Software Ltd", "Kittiwake Data Ltd", "Ninefold Forms Ltd", "Larchmere Systems Ltd"],
        questions=[
            DemoQuestion(
                "Roundsman Software Ltd",
                "Roundsman already runs bin day look-ups for several councils. Do you hold your collection "
                "rounds as data, or only in the crews' in-cab system?",
                "Are collection rounds held as data, or only in the crews' in-cab system?",
                "Both. The rounds live in the in-cab system, and we export them every night as a spreadsheet with "
                "one row for each property (by UPRN), collection type and day. We will publish a sample of the "
                "export on this page before questions close.",
            ),
            DemoQuestion(
                "Kittiwake Data Ltd",
                "Would the council publish collection days as open data, so that others can build on them? We "
                "have done this for two councils in Scotland.",
                "Will collection days be published as open data?",
                "Yes. We want the calendar published as open data under the Open Government Licence as well as "
                "on our website, so that other services and councils can reuse it.",
            ),
            DemoQuestion(
                "Ninefold Forms Ltd",
                "How do you tell residents today when collections move around bank holidays, and is there a list "
                "of last year's changes we could see?",
            ),
        ],
    ),
    DemoNeed(
        "ESS",
        "Care providers type the same information into our systems again and again",
        "Home care providers record every visit in their own electronic call monitoring systems. Each month "
        "their office staff type the same visits again into our provider portal so that we can pay them, and "
        "send changes to care plans to our brokerage team by email.\n\n"
        "Retyping causes mistakes: one invoice in six is queried, and small providers wait longest to be "
        "paid. Social workers cannot see whether planned visits happened until weeks later.\n\n"
        "The users are office staff at 140 care providers, many of them small businesses, our brokerage and "
        "finance teams, and the social workers who need to know that people are getting the care they need.",
        "Adult social care commissioning, provider payments, brokerage",
        ProcurementTiming.WITHIN_12_MONTHS,
        ["data-and-analytics", "service-design"],
        [FHIR, OPENAPI, OAUTH],
        published_days_ago=20,
        questions_close_in=10,
        budget=(100_000, 250_000),
        joined_by=["NFK", "KEN"],
        interested=[
            "Plumtree Care Technology Ltd",
            "Quayside Engineering Ltd",
            "Larchmere Systems Ltd",
            "Oakhurst Civic Platforms Ltd",
            "Wyvern Analytics Ltd",
        ],
        questions=[
            DemoQuestion(
                "Plumtree Care Technology Ltd",
                "At Plumtree we connect provider systems to council portals. Which systems do your home care "
                "providers record visits in, and do any of them have APIs?",
                "Which systems do home care providers record visits in, and do any of them have APIs?",
                "Our providers use about a dozen call monitoring systems; three of them cover two thirds of the "
                "hours we commission. We are asking providers which of them have APIs and will publish what we "
                "learn on this page.",
            ),
            DemoQuestion(
                "Quayside Engineering Ltd",
                "Is the provider portal yours to change, or does it come with the case management system? We "
                "have integrated with several of those.",
                "Is the provider portal part of the case management system, or separate?",
                "It is a module of our social care case management system. Its supplier publishes an API for "
                "invoices and service records, and we can make changes through our contract with them.",
            ),
            DemoQuestion(
                "Wyvern Analytics Ltd",
                "Harvey Cartwright told us at the roadshow that the portal is being replaced next year. Is that "
                "right? Call me on 01632 960418 if it is easier to talk it through.",
                held_because="It may contain a phone number and the name of someone who works at another supplier",
            ),
        ],
    ),
    DemoNeed(
        "CMD",
        "Planning applications arrive incomplete, and we find out weeks later",
        "Four in ten householder planning applications are missing something when they arrive: a plan at the "
        "wrong scale, a missing certificate, a fee worked out wrongly. Our validation officers find out when "
        "they open the application, often three weeks later, then email the applicant or their agent and wait "
        "again.\n\n"
        "Householders applying for the first time do not know what we need, and small agents tell us every "
        "council asks for something slightly different. Neighbours wait longer to hear about applications "
        "near them.\n\n"
        "We are adopting the planning data specifications, and want applications checked while they are "
        "being made rather than after.",
        "Planning, development management, planning validation",
        ProcurementTiming.WITHIN_6_MONTHS,
        ["service-design", "data-and-analytics", "open-data"],
        [PLANNING_DATA, UPRN, GEOJSON],
        published_days_ago=9,
        questions_close_in=25,
        budget=(50_000, 150_000),
        joined_by=["HCK", "BNH"],
        interested=[
            "Cairnlea Geospatial Ltd",
            "Brackenfold Digital Ltd",
            "Greyfriars Digital Partnership Ltd",
            "Ninefold Forms Ltd",
        ],
        questions=[
            DemoQuestion(
                "Cairnlea Geospatial Ltd",
                "Do you check the site address against its UPRN when an application arrives, or later? Our "
                "address matching does this in real time.",
                "Is the site address checked against its UPRN when an application arrives, or later in validation?",
                "Later. Validation officers look the address up by hand, and about one application in twelve has "
                "an address we cannot match first time. Checking it as the applicant types would help.",
            ),
            DemoQuestion(
                "Brackenfold Digital Ltd",
                "Have you done research with householders and agents about why applications arrive incomplete, "
                "and could suppliers see it?",
            ),
        ],
    ),
    DemoNeed(
        "HCK",
        "Tenants cannot find out what is happening with their repairs",
        "Tenants can now report a repair online, but after that they hear nothing until someone knocks on the "
        "door, or does not. A third of calls to our repairs line are tenants asking about a repair they have "
        "already reported.\n\n"
        "Tenants tell us they take time off work for appointments that were moved without telling them, and "
        "cannot tell whether a repair is waiting for parts, for a contractor or has been forgotten. Older "
        "tenants and those who speak little English rely on family to phone for them.\n\n"
        "The users are council tenants and leaseholders, our repairs call handlers, and the operatives and "
        "contractors who carry out repairs.",
        "Housing repairs, the repairs contact centre, tenancy management",
        ProcurementTiming.WITHIN_3_MONTHS,
        ["service-design", "user-research"],
        [OPENAPI, UPRN, WCAG],
        published_days_ago=16,
        questions_close_in=30,
        budget=(80_000, 200_000),
        joined_by=["CMD", "BNH"],
        interested=[
            "Blackthorn Housing Systems Ltd",
            "Brackenfold Digital Ltd",
            "Heronsgate Research Ltd",
            "Quayside Engineering Ltd",
            "Ninefold Forms Ltd",
        ],
        show_and_tell=DemoShowAndTell(
            "Hackney show and tell: following a housing repair",
            "The repairs team shows suppliers and other councils what tenants told us about following a repair.",
            "Our repairs team shows what tenants told us about following a repair, the systems a tracker would "
            "have to work with, and what we have tried so far.\n\n"
            "**Who it is for:** suppliers interested in our need about tracking repairs, and councils with the "
            "same problem. Answers to questions about the need are published on its page too, so nobody misses "
            "out by not coming.",
            days_ahead=14,
        ),
        questions=[
            DemoQuestion(
                "Blackthorn Housing Systems Ltd",
                "Blackthorn's housing system already has tenant self-service. Which housing management system "
                "and which contractors' systems would a tracker have to work with?",
                "Which housing management system and contractors' systems would a repairs tracker have to work with?",
                "Our housing management system holds every repair and its appointment. Two contractors use "
                "their own job systems and send updates back overnight. Anything we buy must read from both "
                "through their APIs, and must not become a third place where repairs are recorded.",
            ),
            DemoQuestion(
                "Heronsgate Research Ltd",
                "Will the supplier be expected to do research with tenants, including those who do not use the "
                "internet? We recruit seldom-heard residents.",
                "Will the work include research with tenants, including those who do not use the internet?",
                "Yes. We expect research with tenants from the start, including older tenants and those who "
                "speak little English, and a way to follow a repair by text message or phone for people who do "
                "not go online.",
            ),
        ],
    ),
    DemoNeed(
        "KEN",
        "Families apply for school transport on paper",
        "Families apply for free home to school transport on a paper form, and send evidence such as proof of "
        "address or a child's education, health and care plan by post. We receive about 9,000 applications a "
        "year, most of them between May and August.\n\n"
        "Officers measure the walking route from home to school by hand for every application. Families "
        "wait up to six weeks for a decision, and some children start the school year with no transport "
        "arranged. Parents of children with special educational needs tell us the form asks for things we "
        "already know.\n\n"
        "The users are parents and carers, children and young people with special educational needs, our "
        "transport eligibility officers and the transport operators we tell about each journey.",
        "Home to school transport, special educational needs and disabilities, school admissions",
        ProcurementTiming.WITHIN_6_MONTHS,
        ["service-design", "accessibility"],
        [UPRN, GEOJSON, WCAG],
        published_days_ago=35,
        questions_close_in=-3,
        budget=(60_000, 120_000),
        joined_by=["ESS", "NFK"],
        interested=["Wayfarer Transport Software Ltd", "Ninefold Forms Ltd", "Oakhurst Civic Platforms Ltd"],
        questions=[
            DemoQuestion(
                "Wayfarer Transport Software Ltd",
                "How do you check the distance from home to school today, and with what data? Our software "
                "calculates walking routes automatically.",
                "How is the distance from home to school checked today, and with what data?",
                "Officers measure the walking route on a map for each application, using our address data and a "
                "footpath network we maintain. It takes about 20 minutes an application; we would like it done "
                "automatically, with an officer checking the unusual cases.",
            ),
            DemoQuestion(
                "Ninefold Forms Ltd",
                "Would an online form alone meet the need, or do you need the whole eligibility decision handled?",
                "Is the need an online application form, or the whole eligibility decision?",
                "Both, in stages. An accessible online application with evidence uploads comes first; help with "
                "deciding eligibility can follow. We would rather buy the first stage from someone who can work "
                "with whoever does the second.",
            ),
            DemoQuestion(
                "Oakhurst Civic Platforms Ltd",
                "Our platform runs your resident accounts. Should families apply through their existing account?",
                "Should applications go through the council's existing resident account?",
                "Families should be able to, but must not have to: most apply once a year, and many would not "
                "create an account for it.",
            ),
        ],
    ),
    DemoNeed(
        "LDS",
        "People cannot find local support services, and our directories disagree",
        "We run four directories of local services: for adult social care, the family information service, "
        "public health and libraries. Each is kept up to date by a different team, and the same lunch club or "
        "debt advice service appears in three of them with different opening times.\n\n"
        "Social prescribers and family hub staff keep their own spreadsheets because they do not trust the "
        "directories. Residents looking for help, often at a difficult time, find services that closed months "
        "ago.\n\n"
        "The users are residents, social prescribers, family hub and library staff, and the voluntary groups "
        "who run the services and want them listed correctly.",
        "Adult social care information and advice, the family information service, public health, libraries",
        ProcurementTiming.WITHIN_12_MONTHS,
        ["open-data", "digital-inclusion"],
        [OPEN_REFERRAL, OPENAPI, CSVW],
        published_days_ago=24,
        questions_close_in=7,
        joined_by=["BIR", "NEL"],
        interested=["Riverbank Community Tech CIC", "Open Doorstep Trust", "Kittiwake Data Ltd"],
        questions=[
            DemoQuestion(
                "Riverbank Community Tech CIC",
                "Which directories do you run today, and do any of them already publish Open Referral UK data? "
                "Riverbank's directory does.",
                "Which directories does the council run today, and do any publish Open Referral UK data?",
                "Four: adult social care, the family information service, public health and libraries. None "
                "publishes Open Referral UK data yet; the family information service can export a spreadsheet.",
            ),
            DemoQuestion(
                "Open Doorstep Trust",
                "Who keeps the entries up to date now: council staff, or the groups themselves?",
                "Who keeps directory entries up to date now: council staff, or the organisations listed?",
                "Council staff, in four teams, with a yearly check by email that most groups never answer. We "
                "want groups to update their own entries, with a light check before changes go live.",
            ),
        ],
    ),
    DemoNeed(
        "CRF",
        "Welsh speakers cannot use our online forms in Welsh from start to finish",
        "Residents have the right to deal with us in Welsh, but our Welsh online forms lag weeks behind the "
        "English ones, and several hand over to pages that are only in English, including the payment pages. "
        "Only 3% of online forms are completed in Welsh, far fewer than the number of residents who tell us "
        "they prefer Welsh.\n\n"
        "Residents who start in Welsh and meet English part way through tell us they give up or phone "
        "instead. Our translators work on each form after it is finished, so any change to the English "
        "version starts the wait again.\n\n"
        "The users are Welsh-speaking residents, our translation team and the service teams who own the "
        "forms.",
        "Every online form, council tax, parking permits, the Welsh language unit",
        ProcurementTiming.WITHIN_12_MONTHS,
        ["content-design", "accessibility"],
        [WCAG],
        published_days_ago=6,
        questions_close_in=35,
        budget=(30_000, 80_000),
        interested=["Lanternfish Content Ltd", "Hedgerow Software Ltd", "Digital Neighbours Wales"],
        questions=[
            DemoQuestion(
                "Lanternfish Content Ltd",
                "Are your forms translated by your own translators or by an agency, and at what point? "
                "Lanternfish writes in both languages at once.",
                "Who translates forms into Welsh, and at what point in making a form?",
                "Our own translation unit translates each form once the English version is finished. Changes "
                "to the English version reach the Welsh one weeks later, which is part of the problem.",
            ),
        ],
    ),
    DemoNeed(
        "NFK",
        "Residents report the same pothole many times and cannot see it has been reported",
        "We receive about 60,000 reports of highway defects a year. Many are the same pothole reported again "
        "and again, because residents cannot see that it has already been reported or what we plan to do "
        "about it.\n\n"
        "Each report is a point on a map and a description, so our inspectors spend time matching reports to "
        "streets and to each other. Parish councils tell us they report on behalf of villages and never hear "
        "back.\n\n"
        "The users are residents, parish and town councils, our highway inspectors and the contact centre.",
        "Highways maintenance, customer services",
        ProcurementTiming.WITHIN_6_MONTHS,
        ["open-data", "service-design"],
        [USRN, GEOJSON, OPENAPI],
        published_days_ago=41,
        questions_close_in=-6,
        budget=(40_000, 100_000),
        joined_by=["KEN", "CON"],
        interested=["Cairnlea Geospatial Ltd", "Larchmere Systems Ltd", "Roundsman Software Ltd"],
        questions=[
            DemoQuestion(
                "Cairnlea Geospatial Ltd",
                "Do reports today record a USRN, or only a point on a map?",
                "Do reports record the street (USRN), or only a point on a map?",
                "Only a point and a description. Our inspectors then find the street in the highways asset "
                "system, which does hold USRNs.",
            ),
            DemoQuestion(
                "Larchmere Systems Ltd",
                "Would you expect residents to see other people's reports on a map before they report? "
                "Larchmere's platform can do this.",
                "Should residents see existing reports on a map before they report?",
                "Yes: showing open reports nearby, and what we plan to do about them, is the main thing we want "
                "to test. The map must work with a keyboard and a screen reader, and there must be a way to "
                "report without it.",
            ),
        ],
    ),
    DemoNeed(
        "BIR",
        "Residents send us the same evidence every time they ask for help",
        "Residents on low incomes apply to us separately for council tax support, discretionary housing "
        "payments and help from our household support scheme. Each service asks for payslips, bank statements "
        "and tenancy agreements, even when another service received them last month.\n\n"
        "Residents without a scanner or smartphone bring papers to a customer service centre; advice "
        "agencies spend appointments helping people gather documents again. Applications wait while officers "
        "chase evidence another team already holds.\n\n"
        "The users are residents on low incomes, the advice agencies who help them and our benefits and "
        "welfare officers.",
        "Council tax support, discretionary housing payments, the household support scheme",
        ProcurementTiming.NOT_DECIDED,
        ["service-design", "data-and-analytics", "digital-inclusion"],
        [OPENID, OAUTH],
        published_days_ago=4,
        questions_close_in=40,
        joined_by=["LDS"],
        interested=["Glasshouse Data Ethics Ltd", "Greyfriars Digital Partnership Ltd", "Oakhurst Civic Platforms Ltd"],
        questions=[
            DemoQuestion(
                "Glasshouse Data Ethics Ltd",
                "Would reusing evidence across services need residents' consent, and has your data protection "
                "team been involved? We review this kind of sharing.",
                "Would reusing evidence across services need residents' consent, and is the data protection team "
                "involved?",
                "Yes to both. Our data protection officer is on the project board, and residents would choose "
                "whether other services may see what they have already sent us.",
            ),
        ],
    ),
    DemoNeed(
        "MIK",
        "Community groups book council rooms and spaces by email",
        "Community groups and residents book our 40 community rooms, halls and park spaces by email or phone. "
        "Officers keep the bookings in a spreadsheet for each building, and double bookings happen every "
        "month.\n\n"
        "Groups cannot see when a room is free, so they email several times to find a slot. Paid bookings "
        "are invoiced after the event, and a fifth of invoices are paid late.\n\n"
        "The users are community and faith groups, residents hiring a space for a party, and the facilities "
        "officers who run the buildings.",
        "Community facilities, parks and open spaces, income collection",
        ProcurementTiming.WITHIN_3_MONTHS,
        ["service-design", "digital-inclusion"],
        [ICALENDAR, OPENAPI],
        published_days_ago=14,
        questions_close_in=12,
        budget=(10_000, 25_000),
        interested=["Tessellate Bookings Ltd", "Ninefold Forms Ltd"],
        questions=[
            DemoQuestion(
                "Tessellate Bookings Ltd",
                "How many bookings a year do the spaces take, and how many of them are paid? Tessellate prices "
                "by booking.",
                "How many bookings are there a year, and how many are paid?",
                "About 6,500 bookings a year across 40 spaces. Just under half are paid, mostly by invoice after "
                "the event.",
            ),
        ],
    ),
    DemoNeed(
        "NEL",
        "Taxi drivers wait weeks for their licences to be renewed",
        "Taxi and private hire drivers renew their licences by bringing documents to our offices, and pay "
        "by card over the phone. We issue about 1,100 driver, vehicle and operator licences a year.\n\n"
        "A renewal takes three weeks on average. Drivers whose licence runs out while they wait cannot work, "
        "and licensing officers spend most of their time checking papers rather than keeping passengers "
        "safe.\n\n"
        "The users are drivers, vehicle owners and operators, and our licensing officers.",
        "Taxi and private hire licensing, payments",
        ProcurementTiming.WITHIN_3_MONTHS,
        ["service-design", "procurement"],
        [OPENAPI, WCAG],
        published_days_ago=150,
        questions_close_in=-120,
        budget=(30_000, 70_000),
        interested=[
            "Foyleside Software Ltd",
            "Ninefold Forms Ltd",
            "Greyfriars Digital Partnership Ltd",
            "Oakhurst Civic Platforms Ltd",
        ],
        questions=[
            DemoQuestion(
                "Foyleside Software Ltd",
                "How many licences do you issue a year, and how are fees paid today? Foyleside's licensing "
                "service takes card payments online.",
                "How many licences are issued each year, and how are fees paid today?",
                "About 1,100 driver, vehicle and operator licences a year. Fees are paid by card over the phone "
                "or at the counter.",
            ),
            DemoQuestion(
                "Ninefold Forms Ltd",
                "Is the DBS check part of what you want to buy?",
                "Is the criminal record (DBS) check part of the need?",
                "No. Drivers will keep applying for their check through the umbrella body we use; the new "
                "service needs to record the certificate number and its date.",
            ),
            DemoQuestion(
                "Greyfriars Digital Partnership Ltd",
                "Would you consider a shared service with nearby councils? Greyfriars has set up shared "
                "services before.",
                "Would the council consider a service shared with nearby councils?",
                "Yes. Our neighbours in Greater Lincolnshire have the same problem, and the contract will allow "
                "them to use the service.",
            ),
        ],
        closed=DemoClosing(
            30,
            "031847",
            "What we learnt here shaped the tender. Online applications and the licensing back office are "
            "separate lots, so that a small supplier can bid for the applications on its own, and the contract "
            "lets neighbouring councils use the service. The notice is on Find a Tender, and every supplier is "
            "welcome to bid, whether or not they took part here.",
        ),
    ),
    DemoNeed(
        "BNH",
        "Residents cannot find what they are looking for with our website search",
        "Three in ten searches on our website find nothing useful: residents search for “bins”, “parking "
        "permit” or “council tax band” and get news stories, meeting papers or nothing at all. Many then phone "
        "us or give up.\n\n"
        "We do not know which pages residents expected to find, and our web team of three cannot check every "
        "search by hand.\n\n"
        "The users are residents and visitors using our website, many on phones, and the web team and "
        "service teams who write the pages.",
        "The council website, the contact centre",
        ProcurementTiming.WITHIN_3_MONTHS,
        ["content-design", "user-research"],
        [WCAG],
        published_days_ago=2,
        questions_close_in=28,
        budget=(15_000, 30_000),
        interested=["Hedgerow Software Ltd", "Lanternfish Content Ltd", "Heronsgate Research Ltd"],
        questions=[
            DemoQuestion(
                "Hedgerow Software Ltd",
                "Which content management system runs the website, and which search does it use? We host Drupal sites.",
                "Which content management system and search does the website use?",
                "The website runs on Drupal with its built-in search. We will publish the search terms that "
                "found nothing in the last three months on this page before questions close.",
            ),
        ],
    ),
    DemoNeed(
        "CON",
        "Residents cannot book a visit to a recycling centre without phoning",
        "Our household waste recycling centres ask residents with vans or trailers to book a visit, and the "
        "only way to book is by phone. At weekends the line is busy for hours, and residents in rural areas "
        "drive a long way to find the centre full.\n\n"
        "The users are residents, including those with vans and trailers, and the staff at our 14 "
        "recycling centres.",
        "Household waste recycling centres, the contact centre",
        ProcurementTiming.WITHIN_6_MONTHS,
        ["service-design"],
        [ICALENDAR],
        published_days_ago=None,
        questions_close_in=45,
        budget=(15_000, 40_000),
    ),
]


@loader
def suppliers() -> str:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    standards = {standard.slug: standard for standard in OpenStandard.objects.all()}
    counts = {"suppliers": 0, "people": 0, "case studies": 0}
    for demo in SUPPLIERS:
        _register(demo, topics, standards, counts)
    return (
        f"Demo suppliers: {counts['suppliers']} added, with {counts['people']} people and "
        f"{counts['case studies']} case studies"
    )


def _register(demo: DemoSupplier, topics: dict, standards: dict, counts: dict) -> None:
    slug = slugify(demo.name)
    already_there = Q(slug=slug)
    if demo.company_number:
        already_there |= Q(company_number=demo.company_number)
    if demo.charity_number:
        already_there |= Q(charity_number=demo.charity_number)
    if Supplier.objects.filter(already_there).exists():
        return
    supplier = Supplier.objects.create(
        name=demo.name,
        slug=slug,
        company_number=demo.company_number,
        charity_number=demo.charity_number,
        website=f"https://www.{demo.domain}",
        size=demo.size,
        summary=demo.summary,
        contact_email=f"hello@{demo.domain}",
    )
    supplier.offers.set(topics[slug] for slug in demo.offers)
    supplier.open_standards.set(standards[slug] for slug in demo.standards)
    ServedRegion.objects.bulk_create(ServedRegion(supplier=supplier, region=region) for region in demo.regions)
    people = []
    for email, full_name in demo.people:
        person, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
            audit.record(person, "account.created")
            counts["people"] += 1
        people.append(person)
    supplier.members.add(*people)
    audit.record(supplier, "tender.supplier_registered", by=people[0], changes={"status": (None, supplier.status)})
    if demo.alert_topics and not TopicAlert.objects.filter(user=people[0]).exists():
        alert = TopicAlert.objects.create(user=people[0], unsubscribe_token_hash=hash_token(new_token()))
        alert.topics.set(topics[slug] for slug in demo.alert_topics)
    for case_study in demo.case_studies:
        counts["case studies"] += _add_case_study(supplier, case_study, by=people[0])
    counts["suppliers"] += 1


def _add_case_study(supplier: Supplier, demo: DemoCaseStudy, *, by: User) -> bool:
    council = Organisation.objects.filter(register_code=demo.council).first()
    if council is None:
        return False
    case_study = CaseStudy.objects.create(
        supplier=supplier, organisation=council, title=demo.title, summary=demo.summary, link=demo.link
    )
    changes = {"organisation": (None, council.name), "status": (None, case_study.status)}
    audit.record(case_study, "tender.case_study_added", by=by, changes=changes)
    confirmer = _member_of(council) if demo.confirmed else None
    if confirmer is not None:
        case_study.status = CaseStudyStatus.CONFIRMED
        case_study.decided_by = confirmer
        case_study.decided_at = timezone.now()
        case_study.save(update_fields=["status", "decided_by", "decided_at"])
        changes = {"status": (CaseStudyStatus.UNCONFIRMED, CaseStudyStatus.CONFIRMED)}
        audit.record(case_study, "tender.case_study_confirmed", by=confirmer, changes=changes)
    return True


@loader
def needs() -> str:
    moderator = User.objects.filter(role=Role.MODERATOR).order_by("pk").first()
    suppliers_by_name = {supplier.name: supplier for supplier in Supplier.objects.prefetch_related("members")}
    counts = {"needs": 0, "joins": 0, "interests": 0, "questions": 0}
    for demo in NEEDS:
        _add_need(demo, moderator, suppliers_by_name, counts)
    return (
        f"Demo needs: {counts['needs']} added, joined {counts['joins']} times by other councils, with "
        f"{counts['interests']} suppliers' interests and {counts['questions']} questions"
    )


def _add_need(demo: DemoNeed, moderator: User | None, suppliers_by_name: dict, counts: dict) -> None:
    """The need as its author wrote it and sent it for review, then, for a public need, the
    moderator's publishing and what followed."""
    slug = slugify(demo.title)
    organisation = Organisation.objects.filter(register_code=demo.council).first()
    author = _member_of(organisation) if organisation else None
    if author is None or Need.objects.filter(slug=slug).exists():
        return
    now = timezone.now()
    is_public = demo.published_days_ago is not None
    published_at = now - datetime.timedelta(days=demo.published_days_ago) if is_public else None
    submitted_at = published_at - datetime.timedelta(days=2) if is_public else now - datetime.timedelta(days=1)
    need = Need.objects.create(
        organisation=organisation,
        author=author,
        title=demo.title,
        slug=slug,
        problem=demo.problem,
        services_affected=demo.services_affected,
        procurement_timing=demo.timing,
        budget_from=demo.budget[0] if demo.budget else None,
        budget_to=demo.budget[1] if demo.budget else None,
        questions_close_on=timezone.localdate() + datetime.timedelta(days=demo.questions_close_in),
        status=NeedStatus.PUBLISHED if is_public else NeedStatus.SUBMITTED,
        submitted_at=submitted_at,
        published_at=published_at,
    )
    Need.objects.filter(pk=need.pk).update(created_at=submitted_at - datetime.timedelta(days=1))
    topics = Topic.objects.filter(slug__in=demo.topics)
    need.topics.set(topics)
    need.open_standards.set(OpenStandard.objects.filter(slug__in=demo.standards))
    audit.record(need, "tender.need_drafted", by=author, changes={"status": (None, NeedStatus.DRAFT)})
    audit.record(need, "tender.need_submitted", by=author, changes={"status": (NeedStatus.DRAFT, NeedStatus.SUBMITTED)})
    counts["needs"] += 1
    if not is_public:
        return
    changes = {"status": (NeedStatus.SUBMITTED, NeedStatus.PUBLISHED)}
    audit.record(need, "tender.need_published", by=moderator, changes=changes)
    counts["joins"] += _join(need, demo.joined_by)
    counts["interests"] += _register_interest(need, [suppliers_by_name.get(name) for name in demo.interested])
    counts["questions"] += _ask(need, demo.questions, suppliers_by_name)
    if demo.show_and_tell:
        need.show_and_tell = _show_and_tell(need, demo.show_and_tell, topics)
        need.save(update_fields=["show_and_tell", "updated_at"])
        changes = {"show_and_tell": (None, need.show_and_tell.title)}
        audit.record(need, "tender.show_and_tell_chosen", by=author, changes=changes)
    if demo.closed:
        _close(need, demo.closed)


def _join(need: Need, codes: list[str]) -> int:
    councils = Organisation.objects.filter(register_code__in=codes).exclude(pk=need.organisation_id)
    joined = 0
    for day, council in enumerate(councils, start=1):
        member = _member_of(council)
        join = NeedJoin.objects.create(need=need, organisation=council, joined_by=member)
        NeedJoin.objects.filter(pk=join.pk).update(created_at=_after(need.published_at, days=day))
        audit.record(need, "tender.need_joined", by=member, changes={"organisations": (None, council.name)})
        joined += 1
    return joined


def _register_interest(need: Need, suppliers: list[Supplier | None]) -> int:
    interested = [supplier for supplier in suppliers if supplier is not None]
    for hours, supplier in enumerate(interested, start=1):
        person = supplier.members.all()[0]
        interest = Interest.objects.create(need=need, supplier=supplier, registered_by=person)
        Interest.objects.filter(pk=interest.pk).update(created_at=_after(need.published_at, hours=5 * hours))
        audit.record(need, "tender.interest_registered", by=person, changes={"suppliers": (None, supplier.name)})
    return len(interested)


def _ask(need: Need, questions: list[DemoQuestion], suppliers_by_name: dict) -> int:
    asked = 0
    for number, demo in enumerate(questions):
        supplier = suppliers_by_name.get(demo.supplier)
        if supplier is None:
            continue
        asker = supplier.members.all()[0]
        on_arrival = QuestionStatus.HELD if demo.held_because else QuestionStatus.AWAITING_ANSWER
        asked_at = _after(need.published_at, days=2 + 3 * number)
        question = Question.objects.create(
            need=need,
            supplier=supplier,
            asked_by=asker,
            text=demo.text,
            status=QuestionStatus.ANSWERED if demo.answer else on_arrival,
            held_because=demo.held_because,
            published_question=demo.published_question,
            answer=demo.answer,
            answered_by=need.author if demo.answer else None,
            answered_at=_after(asked_at, days=2) if demo.answer else None,
        )
        Question.objects.filter(pk=question.pk).update(asked_at=asked_at)
        changes = {"status": (None, on_arrival)}
        audit.record(question, "tender.question_asked", by=asker, changes=changes, reason=demo.held_because)
        if demo.answer:
            changes = {"status": (QuestionStatus.AWAITING_ANSWER, QuestionStatus.ANSWERED)}
            audit.record(question, "tender.question_answered", by=need.author, changes=changes)
        asked += 1
    return asked


def _show_and_tell(need: Need, demo: DemoShowAndTell, topics) -> Event:
    """The organisation's next published show and tell, or one it arranges for the need."""
    upcoming = Event.objects.filter(
        organisation=need.organisation,
        event_type=EventType.SHOW_AND_TELL,
        status=EventStatus.PUBLISHED,
        starts_at__gt=timezone.now(),
    ).order_by("starts_at", "pk")
    if upcoming.exists():
        return upcoming[0]
    day = timezone.localdate() + datetime.timedelta(days=demo.days_ahead)
    starts_at = datetime.datetime.combine(day, datetime.time(14), LONDON)
    event = Event.objects.create(
        title=demo.title,
        summary=demo.summary,
        description=demo.description,
        event_type=EventType.SHOW_AND_TELL,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1, minutes=30),
        is_online=True,
        organiser=need.organisation.name,
        submitted_by=need.author,
        organisation=need.organisation,
        status=EventStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    event.topics.set(topics)
    audit.record(event, "events.submitted", by=need.author)
    audit.record(event, "events.published")
    return event


def _close(need: Need, demo: DemoClosing) -> None:
    """Closed with its outcome, then linked to the notice the council published."""
    need.status = NeedStatus.CLOSED
    need.closed_at = timezone.now() - datetime.timedelta(days=demo.days_ago)
    need.outcome = demo.outcome
    need.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
    changes = {"status": (NeedStatus.PUBLISHED, NeedStatus.CLOSED)}
    audit.record(need, "tender.need_closed", by=need.author, changes=changes)
    need.procurement_reference = f"{demo.notice_number}-{need.closed_at.year}"
    need.save(update_fields=["procurement_reference", "updated_at"])
    changes = {"procurement_reference": ("", need.procurement_reference)}
    audit.record(need, "tender.need_linked_to_procurement", by=need.author, changes=changes)


def _member_of(organisation: Organisation) -> User | None:
    """The organisation's first demo member who works there."""
    membership = (
        Membership.objects.filter(organisation=organisation, status=MembershipStatus.APPROVED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _after(moment: datetime.datetime, **delta) -> datetime.datetime:
    """`moment` plus `delta`, but never in the future."""
    return min(moment + datetime.timedelta(**delta), timezone.now())
