"""Community guides' demo data: twenty guides councils wrote together, across every category,
each saved two to five times by members of the demo's real councils (the people, declaration
and fund loaders add them first; an edit by a council without one here is left out, and so is
a guide whose first edit is). The guides link to each other with `[[Guide title]]`; some have
talk messages and watchers. Staff protected the cyber incident playbook after hiding one of
its revisions, which gave named officers' mobile numbers.

Rows are made directly with the models, dated over the past year, with the audit events the
services record for each save, the hiding and the protecting. Safe to run again: a guide
already there is left as it is."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership, Role, User
from accounts.workflow import MembershipStatus
from core import audit
from core.demo import loader
from core.tokens import hash_token, new_token
from events.models import Topic
from guides.models import Category, Comment, Guide, GuideLink, PublicName, Revision, Watch
from guides.services import rebuild_links


@dataclass
class DemoEdit:
    council: str  # register code: the council's first demo member saved it
    summary: str
    text: str  # Markdown added at the end of the guide: the first edit is its opening


@dataclass
class DemoHiddenEdit:
    after: int  # how many of the guide's edits came before it
    council: str
    summary: str
    text: str
    reason: str  # why staff hid it


@dataclass
class DemoGuide:
    title: str
    category: str
    topics: list[str]  # topic slugs
    started_days_ago: int
    edits: list[DemoEdit]
    hidden: DemoHiddenEdit | None = None
    protected_because: str = ""
    talk: list[tuple[str, str]] = field(default_factory=list)  # (council, message)
    watched_by: list[str] = field(default_factory=list)  # councils


# The names three demo members chose to show with their edits and messages.
PUBLIC_NAMES = {"LDS": "Priya N", "CRF": "Owain P", "SKP": "Siobhan B"}

GUIDES = [
    DemoGuide(
        "Running user research with residents",
        Category.HOW_TOS,
        ["user-research", "service-design"],
        340,
        [
            DemoEdit(
                "LDS",
                "Started the guide from our research team's checklist",
                "User research with residents shows you how people really use a service, not how the council "
                "thinks they do. Plan each round around what you need to learn next.\n\n"
                "## Before the session\n\n"
                "- write down the three questions you most need answered\n"
                "- recruit five or six residents who use the service, not colleagues\n"
                "- book a room people can reach, or a video call they already know how to use\n"
                "- get consent on a form written in plain English",
            ),
            DemoEdit(
                "HCK",
                "Added how to run the session itself",
                "## During the session\n\n"
                "Ask people to show you the last time they used the service rather than asking what they would "
                "do. Stay quiet when they struggle: the struggle is what you came to see. Have a colleague take "
                "notes so that you can listen.\n\n"
                "Recruiting people who rarely respond to councils takes more effort: see "
                "[[Recruiting research participants who are seldom heard]].",
            ),
            DemoEdit(
                "LDS",
                "Added a section on thanking participants, as asked on the talk page",
                "## Thanking participants\n\n"
                "Offer a high street voucher for the person's time: £25 for an hour is common across councils. "
                "Agree the rate with finance once, in writing, so you are not asking every round. Never pay "
                "council tax or rent credits: people should not have to tell you what they owe.",
            ),
            DemoEdit(
                "BIR",
                "Added what to do with what you learn",
                "## After the session\n\n"
                "Sort the notes together the same day while you still remember them. Share what you found at "
                "your next [[Running a show and tell]], with a short clip or quote for each finding, and "
                "delete recordings when the consent form says you will.",
            ),
        ],
        talk=[
            ("BIR", "Should we add how to pay participants? Our finance team asked us for a policy on vouchers."),
            ("LDS", "Good idea: we use the same rate as Birmingham. I'll add a section this week."),
        ],
        watched_by=["LDS"],
    ),
    DemoGuide(
        "Recruiting research participants who are seldom heard",
        Category.HOW_TOS,
        ["user-research", "digital-inclusion"],
        300,
        [
            DemoEdit(
                "BIR",
                "Started the guide",
                "The residents who most need a service are often the least likely to answer a council survey. "
                "Go to them rather than waiting for them to come to you.\n\n"
                "## Where to find people\n\n"
                "- ask community organisations, food banks and libraries to introduce you\n"
                "- spend a morning at a housing office or a job club and ask people as they wait\n"
                "- pay people for their time and say so in the first sentence of the invitation",
            ),
            DemoEdit(
                "LDS",
                "Added how to support people who need it",
                "## Making it possible to take part\n\n"
                "Offer an interpreter, someone to come along with the participant, and sessions in the evening "
                "for people who work shifts. Pay travel and childcare on the day in cash or vouchers. See "
                "[[Running user research with residents]] for how to run the session itself.",
            ),
            DemoEdit(
                "NFK",
                "Added research in rural areas",
                "## In rural areas\n\n"
                "Broadband and buses are both unreliable in much of Norfolk. Research by phone works better "
                "than video for many older residents; visiting a village hall on market day works better "
                "than either.",
            ),
        ],
    ),
    DemoGuide(
        "Publishing open data on bin collections",
        Category.DATA_STANDARDS,
        ["open-data", "data-and-analytics"],
        380,
        [
            DemoEdit(
                "BST",
                "Started the guide from our bin days project",
                "Residents want to know one thing: which bin goes out when. Publishing collection days as "
                "open data lets apps, smart speakers and neighbouring councils answer that without a phone "
                "call.\n\n"
                "## What to publish\n\n"
                "| Column | Example |\n"
                "| --- | --- |\n"
                "| uprn | 100120000123 |\n"
                "| service | Garden waste |\n"
                "| next_collection | 2026-03-09 |\n"
                "| frequency | Fortnightly |",
            ),
            DemoEdit(
                "SKP",
                "Added calendar feeds",
                "## A calendar for each home\n\n"
                "Offer an iCalendar feed for each property so that residents can add their bin days to the "
                "calendar on their phone. Bank holiday changes then reach them without a leaflet.",
            ),
            DemoEdit(
                "BST",
                "Linked to the guides on UPRNs and publishing datasets",
                "## Keeping it right\n\n"
                "Key every row on the property's UPRN, not its address, as explained in "
                "[[Using UPRNs to join up property data]]. Describe the dataset and say how often it changes, "
                "as in [[Publishing datasets people can find and trust]].",
            ),
        ],
        talk=[
            ("SKP", "Does anyone publish changes to rounds in advance? Ours move twice a year."),
        ],
        watched_by=["BST", "SKP"],
    ),
    DemoGuide(
        "Using UPRNs to join up property data",
        Category.DATA_STANDARDS,
        ["data-and-analytics", "open-data"],
        260,
        [
            DemoEdit(
                "NEL",
                "Started the guide",
                "A Unique Property Reference Number (UPRN) identifies every addressable place in Great "
                "Britain, from a flat to a bus shelter. Your council's address team assigns them in the local "
                "land and property gazetteer. UPRNs have been open data since 2020.\n\n"
                "## Why it matters\n\n"
                "Addresses are written a dozen ways. A UPRN is written one way, so council tax, waste, "
                "housing and planning records about one home can be joined without guessing.",
            ),
            DemoEdit(
                "ESS",
                "Added how to add UPRNs to an existing system",
                "## Adding UPRNs to records you already hold\n\n"
                "1. Export the addresses from the system.\n"
                "2. Match them to the gazetteer with your address team's matching tool.\n"
                "3. Check by hand the matches it was unsure of: usually about one in twenty.\n"
                "4. Store the UPRN in its own field and make new records pick an address from the gazetteer.",
            ),
            DemoEdit(
                "NEL",
                "Added unique street reference numbers and an example",
                "Streets have their own identifier, the USRN, which highways and street works use.\n\n"
                "[[Publishing open data on bin collections]] shows UPRNs at work: one row for each home.",
            ),
        ],
    ),
    DemoGuide(
        "Publishing datasets people can find and trust",
        Category.DATA_STANDARDS,
        ["open-data"],
        220,
        [
            DemoEdit(
                "GLG",
                "Started the guide",
                "An open dataset nobody can find or understand helps nobody. Each dataset needs a clear "
                "title, a description in plain English, a licence and a date it was last updated.\n\n"
                "## Describe it\n\n"
                "- say what one row is: one school, one street light, one bin round\n"
                "- explain every column and its units\n"
                "- say how often it changes and when it changed last",
            ),
            DemoEdit(
                "BST",
                "Added file formats",
                "## Formats\n\n"
                "Publish CSV in UTF-8 with one header row, so that it opens in a spreadsheet and in code. "
                "Add a JSON Schema or CSV on the Web description when others build on it, as we did in "
                "[[Publishing open data on bin collections]].",
            ),
        ],
    ),
    DemoGuide(
        "Buying with the Digital Marketplace",
        Category.PROCUREMENT,
        ["procurement"],
        360,
        [
            DemoEdit(
                "ESS",
                "Started the guide",
                "Crown Commercial Service's frameworks on the Digital Marketplace let councils buy digital "
                "services without running a full tender of their own. The suppliers have already agreed the "
                "framework's terms.\n\n"
                "## Which framework\n\n"
                "- G-Cloud for cloud hosting, software and the support that comes with them\n"
                "- the digital outcomes and specialists frameworks for teams to research, design and build "
                "a service with you",
            ),
            DemoEdit(
                "KEN",
                "Added how to write the requirement",
                "## Writing the requirement\n\n"
                "Describe the problem and the users, not the solution you imagine. Say what you already know "
                "and what the first few weeks should find out. "
                "[[Writing a specification small suppliers can bid for]] has more.",
            ),
            DemoEdit(
                "ESS",
                "Updated for the Procurement Act 2023",
                "## Since the Procurement Act 2023\n\n"
                "Frameworks awarded under the old regulations keep running until they expire; new ones follow "
                "the Act. Check which rules the framework you use was awarded under, and publish the notices "
                "the Act requires for your call-off.",
            ),
            DemoEdit(
                "NFK",
                "Added a note on owning what you pay for",
                "Whichever framework you use, agree at the start that the council owns the code and the "
                "research: see [[Owning your code: contract clauses for open source]].",
            ),
        ],
        talk=[
            ("NFK", "Worth saying that G-Cloud call-offs can't be changed much once signed? We learnt that late."),
        ],
    ),
    DemoGuide(
        "Writing a specification small suppliers can bid for",
        Category.PROCUREMENT,
        ["procurement", "agile-delivery"],
        280,
        [
            DemoEdit(
                "NFK",
                "Started the guide",
                "Small suppliers often do the best work for councils but are put off by long specifications "
                "and heavy paperwork.\n\n"
                "## Keep it small\n\n"
                "- split the work into lots a team of five can deliver\n"
                "- ask for examples of similar work, not a 40-page method statement\n"
                "- give suppliers a chance to ask questions in the open before the deadline",
            ),
            DemoEdit(
                "ESS",
                "Added insurance and financial checks",
                "## Proportionate checks\n\n"
                "Set insurance levels and turnover tests by the size of the contract, not the council's "
                "standard template: a £60,000 discovery does not need £10 million of professional indemnity.",
            ),
            DemoEdit(
                "NFK",
                "Linked to the Digital Marketplace guide",
                "If a framework fits, [[Buying with the Digital Marketplace]] explains how to use one.",
            ),
        ],
    ),
    DemoGuide(
        "Owning your code: contract clauses for open source",
        Category.PROCUREMENT,
        ["open-source", "procurement"],
        240,
        [
            DemoEdit(
                "HCK",
                "Started the guide from our contract schedule",
                "When a council pays for software to be written, it should own the code and be free to "
                "publish it, so that it can change supplier and other councils can reuse it.\n\n"
                "## Clauses to include\n\n"
                "- the council owns the intellectual property in everything written for it\n"
                "- code is kept in a repository the council controls, from the first day\n"
                "- the supplier publishes it under an open licence such as MIT unless there is a security "
                "reason not to",
            ),
            DemoEdit(
                "CMD",
                "Added what to keep closed",
                "## What to keep closed\n\n"
                "Publish the code, never the secrets: passwords, keys and the addresses of internal systems "
                "belong in configuration outside the repository. Fraud rules may be kept private.",
            ),
        ],
    ),
    DemoGuide(
        "Cyber incident response playbook for councils",
        Category.CYBER,
        ["cyber-security"],
        200,
        [
            DemoEdit(
                "KEN",
                "Started the playbook from our last exercise",
                "When a cyber incident happens, the first hour decides how bad it gets. Agree now who decides, "
                "who tells whom and where you will meet if email and Teams are down.\n\n"
                "## The first hour\n\n"
                "1. Isolate affected machines from the network; do not switch them off.\n"
                "2. Call the incident lead on the duty rota.\n"
                "3. Report the incident to the National Cyber Security Centre.\n"
                "4. Start a log of every decision and when it was made.",
            ),
            DemoEdit(
                "CMD",
                "Added who to tell and by when",
                "## Who to tell\n\n"
                "- the Information Commissioner's Office within 72 hours if personal data may be affected\n"
                "- your cyber insurer, whose helpline may give you incident responders\n"
                "- the police through Action Fraud\n"
                "- councillors and staff, with a short update at fixed times",
            ),
            DemoEdit(
                "KEN",
                "Replaced the officers' mobile numbers with the duty rota's shared number",
                "## Out of hours\n\n"
                "Call the ICT duty manager on the shared out-of-hours number in the printed copy of this "
                "playbook. Keep printed copies at two sites: an incident may take your network with it. "
                "Recovery is covered in [[Preparing for a ransomware attack: backups and recovery]].",
            ),
        ],
        hidden=DemoHiddenEdit(
            after=2,
            council="HCK",
            summary="Added who to ring out of hours",
            text="## Out of hours\n\nRing Devinder on 07700 900461 or Maureen on 07700 900782, day or night.",
            reason="It gave named officers' personal mobile numbers.",
        ),
        protected_because="A playbook councils copy into their own plans: staff check changes to it.",
        talk=[
            ("CMD", "Could we add a template for the decision log? Ours had gaps after our exercise."),
            ("KEN", "Yes: we use four columns, time, decision, who and why. I'll add it when the page opens again."),
        ],
        watched_by=["CMD"],
    ),
    DemoGuide(
        "Preparing for a ransomware attack: backups and recovery",
        Category.CYBER,
        ["cyber-security", "cloud-and-infrastructure"],
        190,
        [
            DemoEdit(
                "SKP",
                "Started the guide",
                "Ransomware attackers go after backups first. A backup they can reach is not a backup.\n\n"
                "## Backups that survive\n\n"
                "- keep three copies, on two kinds of storage, one of them offline or immutable\n"
                "- restore a whole system from backup at least twice a year and time it\n"
                "- know which systems come back first: usually social care, payments and the contact centre",
            ),
            DemoEdit(
                "KEN",
                "Linked to the incident playbook",
                "Plan the first hours of an incident with [[Cyber incident response playbook for councils]].",
            ),
            DemoEdit(
                "MIK",
                "Added exercising the plan",
                "## Practise\n\n"
                "Run a tabletop exercise each year with the people who would make the decisions, including the "
                "chief executive. The National Cyber Security Centre's Exercise in a Box is free.",
            ),
        ],
    ),
    DemoGuide(
        "Phishing exercises staff learn from",
        Category.CYBER,
        ["cyber-security", "skills-and-training"],
        150,
        [
            DemoEdit(
                "MIK",
                "Started the guide",
                "Phishing exercises should teach, not catch people out. Staff who fear being named stop "
                "reporting what they clicked, and reporting fast is what protects the council.\n\n"
                "## Do\n\n"
                "- make reporting a suspicious email one click\n"
                "- thank everyone who reports, including those who clicked first\n"
                "- share the results by team, never by name",
            ),
            DemoEdit(
                "ESS",
                "Added what to avoid",
                "## Avoid\n\n"
                "Fake pay rises or bonuses: they damage trust in real messages from HR. Link the exercise to "
                "what staff can do if something gets through: "
                "[[Cyber incident response playbook for councils]].",
            ),
        ],
    ),
    DemoGuide(
        "Writing a service standard assessment",
        Category.HOW_TOS,
        ["service-design", "agile-delivery"],
        320,
        [
            DemoEdit(
                "CMD",
                "Started the guide after our first assessment",
                "A service assessment is a conversation with peers about whether a team is building the right "
                "thing in the right way, measured against the Service Standard.\n\n"
                "## Preparing\n\n"
                "- show the service, not slides\n"
                "- bring the whole team: research, design, development and the service owner\n"
                "- have evidence for each point of the standard, such as research notes and analytics",
            ),
            DemoEdit(
                "BNH",
                "Added how to write up an assessment as an assessor",
                "## Writing the report\n\n"
                "For each point, say what the team did well and what it should do next. Write for the team, "
                "in plain English, and send the report within a week.",
            ),
            DemoEdit(
                "CMD",
                "Added accessibility evidence",
                "Assessors will ask how disabled people tested the service, and for its accessibility "
                "statement: see [[Writing an accessibility statement]].",
            ),
            DemoEdit(
                "HCK",
                "Added peer assessments between councils",
                "## Peer assessments between councils\n\n"
                "Councils without an assessment team of their own swap assessors: we assess one of Camden's "
                "services and they assess one of ours. Present the result at a [[Running a show and tell]].",
            ),
        ],
    ),
    DemoGuide(
        "Writing an accessibility statement",
        Category.SERVICE_PATTERNS,
        ["accessibility", "content-design"],
        290,
        [
            DemoEdit(
                "CMD",
                "Started the guide",
                "Public sector websites and apps must publish an accessibility statement under the 2018 "
                "accessibility regulations. It tells people what they may not be able to do and how to get "
                "what they need another way.\n\n"
                "## What it must say\n\n"
                "- how accessible the service is, against WCAG 2.2 level AA\n"
                "- what is not accessible, and why\n"
                "- how to ask for information in another format, and how to complain",
            ),
            DemoEdit(
                "BNH",
                "Added testing before you write",
                "## Test first\n\n"
                "Write the statement from a real audit, with testers who use screen readers, magnification "
                "and voice control, not from an automated checker alone.",
            ),
            DemoEdit(
                "CMD",
                "Added keeping it up to date",
                "## Keep it up to date\n\n"
                "Review the statement every year and whenever the service changes a lot. Put the date you "
                "last reviewed it at the bottom, as the model statement does.",
            ),
        ],
        talk=[
            ("BNH", "Do PDFs published before 2018 still need to be listed? Legal gave us two answers."),
        ],
    ),
    DemoGuide(
        "Reporting a missed bin: a service pattern",
        Category.SERVICE_PATTERNS,
        ["service-design"],
        230,
        [
            DemoEdit(
                "SKP",
                "Started the pattern from our redesign",
                "Most missed-bin reports are not missed bins: the crew has not been yet, or the bin was out "
                "late. Check before you take the report.\n\n"
                "## The pattern\n\n"
                "1. Ask for the postcode and show the addresses to choose from.\n"
                "2. Show when the crew last collected that street.\n"
                "3. If the round is still out, say so and when it finishes.\n"
                "4. Only then take the report, with a reference number.",
            ),
            DemoEdit(
                "BST",
                "Added where the collection data comes from",
                "Step 2 needs collection data keyed on the property: see [[Publishing open data on bin collections]].",
            ),
            DemoEdit(
                "SKP",
                "Added what happened to calls",
                "## What changed\n\n"
                "After we checked the round before taking reports, reports fell by 40%, and the crews "
                "returned for the ones that were real the same day.",
            ),
        ],
    ),
    DemoGuide(
        "Designing bilingual services in Welsh and English",
        Category.SERVICE_PATTERNS,
        ["content-design", "accessibility"],
        270,
        [
            DemoEdit(
                "CRF",
                "Started the guide",
                "In Wales, the Welsh Language Standards require services in Welsh that are no less favourable "
                "than in English. Design both languages from the start.\n\n"
                "## The basics\n\n"
                "- a language link on every page, in the other language: Cymraeg or English\n"
                "- remember the person's choice for the whole journey and in the emails they get\n"
                "- mark each page's language so that screen readers pronounce it properly",
            ),
            DemoEdit(
                "CRF",
                "Added translating content",
                "## Translation\n\n"
                "Give translators the whole journey, not a spreadsheet of strings: Welsh grammar changes with "
                "context. Allow for Welsh text being longer in buttons and headings.",
            ),
            DemoEdit(
                "GLG",
                "Added a note on Gaelic",
                "Councils in Scotland with a Gaelic language plan can follow the same pattern for Gaelic.",
            ),
        ],
    ),
    DemoGuide(
        "Taking payments with GOV.UK Pay",
        Category.HOW_TOS,
        ["service-design", "cloud-and-infrastructure"],
        210,
        [
            DemoEdit(
                "CRF",
                "Started the guide from our parking permits project",
                "GOV.UK Pay lets councils take card, Apple Pay and Google Pay payments without running a "
                "payment system of their own. There is no setup or monthly fee: you pay only the card "
                "processing fees.\n\n"
                "## Getting started\n\n"
                "- accept GOV.UK Pay's terms for your council and create a test account\n"
                "- build against the test account until finance have seen real-looking reports\n"
                "- agree with finance how each payment reaches the ledger before you go live",
            ),
            DemoEdit(
                "NEL",
                "Added reconciliation",
                "## Reconciliation\n\n"
                "Put the council's own reference on every payment so that finance can match GOV.UK Pay's "
                "daily report to the bank statement without opening each payment.",
            ),
            DemoEdit(
                "CRF",
                "Added Welsh payment pages",
                "Payment pages are available in Welsh: see [[Designing bilingual services in Welsh and English]].",
            ),
        ],
        talk=[
            ("NEL", "Has anyone used payment links for one-off invoices? Our finance team is keen."),
        ],
    ),
    DemoGuide(
        "Running a show and tell",
        Category.HOW_TOS,
        ["agile-delivery"],
        330,
        [
            DemoEdit(
                "HCK",
                "Started the guide",
                "A show and tell is where a team shows what it has made and learnt, to anyone who wants to "
                "see. It keeps everyone informed without a single status report.\n\n"
                "## How we run ours\n\n"
                "- every two weeks, at the same time, for 30 minutes\n"
                "- show working software or real research, never slides about progress\n"
                "- the people who did the work present it",
            ),
            DemoEdit(
                "LDS",
                "Added inviting other councils",
                "## Invite other councils\n\n"
                "Post the invitation on the Local Digital events page. Other councils working on the same "
                "problem will come, and so will suppliers who want to understand it.",
            ),
            DemoEdit(
                "HCK",
                "Added a link on governance",
                "Show and tells can replace much of a project board's reporting: see "
                "[[Agile governance for councillors]].",
            ),
        ],
    ),
    DemoGuide(
        "Agile governance for councillors",
        Category.LEADERSHIP,
        ["agile-delivery", "digital-leadership"],
        250,
        [
            DemoEdit(
                "CON",
                "Started the guide from our councillor sessions",
                "Councillors are accountable for how public money is spent, and agile teams change their "
                "plans as they learn. Both can be true.\n\n"
                "## What councillors need\n\n"
                "- the outcome the service should achieve, agreed at the start\n"
                "- regular sight of what is being learnt and spent\n"
                "- a say when the plan changes in a way that matters to residents",
            ),
            DemoEdit(
                "NFK",
                "Added decisions at the end of each phase",
                "## Decide at the end of each phase\n\n"
                "Fund discovery, then decide on alpha from what discovery found, not from the business case "
                "written before it. Stopping after discovery is a good result if the problem turns out "
                "to be different.",
            ),
            DemoEdit(
                "CON",
                "Linked to show and tells and making the case",
                "Invite councillors to a [[Running a show and tell]]. For the first conversation, see "
                "[[Making the case for a discovery to your leadership team]].",
            ),
        ],
        talk=[
            ("NFK", "Our scrutiny committee asked for a one-page summary for each phase. Happy to share ours."),
        ],
    ),
    DemoGuide(
        "Moving off legacy case management",
        Category.LEADERSHIP,
        ["cloud-and-infrastructure", "digital-leadership"],
        180,
        [
            DemoEdit(
                "MIK",
                "Started the guide",
                "Many councils run case management systems older than their staff's phones, on contracts "
                "that renew themselves. Replacing one in a single switch-over is where most projects fail.\n\n"
                "## Replace it a piece at a time\n\n"
                "1. Map what the system does, and for whom.\n"
                "2. Move one small, separate piece first, such as taking requests online.\n"
                "3. Run old and new side by side until the data matches.\n"
                "4. Switch off each part of the old system as soon as it has no users.",
            ),
            DemoEdit(
                "BIR",
                "Added getting the data out",
                "## Get the data out early\n\n"
                "Ask the supplier for a full export in an open format in the first month, not the last. "
                "Check that it includes attachments and history, and that you can read it without them.",
            ),
            DemoEdit(
                "NFK",
                "Added the contract exit",
                "## The contract\n\n"
                "Note the renewal and notice dates on day one. Contracts for new systems should include an "
                "exit plan and data in open formats: see "
                "[[Owning your code: contract clauses for open source]].",
            ),
            DemoEdit(
                "MIK",
                "Added starting with a discovery",
                "Start with a discovery into what users need from the system: "
                "[[Making the case for a discovery to your leadership team]].",
            ),
        ],
        talk=[
            ("BIR", "Has anyone got their supplier to agree a data export before the contract ended?"),
        ],
    ),
    DemoGuide(
        "Making the case for a discovery to your leadership team",
        Category.LEADERSHIP,
        ["digital-leadership"],
        160,
        [
            DemoEdit(
                "NFK",
                "Started the guide",
                "A discovery is a short piece of work, usually six to eight weeks, to understand a problem "
                "and its users before deciding what to build. Leadership teams often want the solution "
                "first.\n\n"
                "## Making the case\n\n"
                "- name the problem in residents' words and what it costs the council now\n"
                "- say what you will know at the end and what decision it will inform\n"
                "- keep it cheap: a small team for a few weeks costs less than one wrong contract",
            ),
            DemoEdit(
                "CON",
                "Added examples from other councils",
                "## Use other councils' work\n\n"
                "Search the Local Digital projects for a discovery on the same problem: it may halve yours. "
                "Plan research with [[Running user research with residents]].",
            ),
        ],
    ),
]


@loader
def guides() -> str:
    moderator = User.objects.filter(role=Role.MODERATOR).order_by("pk").first()
    members = _members_by_council()
    for code, name in PUBLIC_NAMES.items():
        if code in members:
            PublicName.objects.get_or_create(user=members[code].user, defaults={"name": name})
    users = [membership.user for membership in members.values()]
    public_names = dict(PublicName.objects.filter(user__in=users).values_list("user_id", "name"))
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    counts = {"guides": 0, "revisions": 0, "messages": 0, "watchers": 0}
    for demo in GUIDES:
        if not Guide.objects.filter(title=demo.title).exists():
            _write(demo, members, public_names, topics, moderator, counts)
    links = _link_guides()
    return (
        f"Demo guides: {counts['guides']} added, with {counts['revisions']} revisions, {links} links between "
        f"guides, {counts['messages']} talk messages and {counts['watchers']} watchers"
    )


def _write(demo: DemoGuide, members: dict, public_names: dict, topics: dict, moderator, counts: dict) -> None:
    """The guide's edits as its authors saved them, a day or more apart, then staff's hiding
    and protecting and the talk page."""
    if demo.edits[0].council not in members:
        return
    saves = [(edit, False) for edit in demo.edits if edit.council in members]
    if demo.hidden and demo.hidden.council in members:
        saves.insert(demo.hidden.after, (demo.hidden, True))
    started = timezone.now() - datetime.timedelta(days=demo.started_days_ago)
    gap = datetime.timedelta(days=demo.started_days_ago) / (len(saves) + 1)
    guide = Guide.objects.create(title=demo.title, slug=slugify(demo.title), category=demo.category)
    guide.topics.set(topics[slug] for slug in demo.topics if slug in topics)
    texts: list[str] = []
    previous = current = None
    for number, (edit, hidden) in enumerate(saves, start=1):
        author = members[edit.council]
        revision = Revision.objects.create(
            guide=guide,
            number=number,
            title=demo.title,
            body="\n\n".join([*texts, edit.text]),
            summary=edit.summary,
            based_on=previous,
            author=author.user,
            author_organisation=author.organisation,
            author_display_name=public_names.get(author.user_id, ""),
        )
        Revision.objects.filter(pk=revision.pk).update(created_at=started + gap * (number - 1))
        if number == 1:
            audit.record(guide, "guides.guide_created", by=author.user, changes={"title": (None, demo.title)})
        else:
            changes = {"current_revision": (number - 1, number)}
            audit.record(guide, "guides.guide_edited", by=author.user, changes=changes, reason=edit.summary)
        if hidden:
            _hide(revision, edit.reason, moderator)
        else:
            texts.append(edit.text)
            current = revision
        previous = revision
    Guide.objects.filter(pk=guide.pk).update(
        current_revision=current, created_at=started, updated_at=started + gap * (len(saves) - 1)
    )
    if demo.protected_because:
        Guide.objects.filter(pk=guide.pk).update(is_protected=True)
        changes = {"is_protected": (False, True)}
        audit.record(guide, "guides.guide_protected", by=moderator, changes=changes, reason=demo.protected_because)
    counts["guides"] += 1
    counts["revisions"] += len(saves)
    counts["messages"] += _talk(guide, demo.talk, members, public_names, started + gap * len(saves))
    counts["watchers"] += _watch(guide, demo.watched_by, members)


def _hide(revision: Revision, reason: str, moderator) -> None:
    Revision.objects.filter(pk=revision.pk).update(is_hidden=True, hidden_reason=reason)
    audit.record(revision, "guides.revision_hidden", by=moderator, changes={"is_hidden": (False, True)}, reason=reason)


def _talk(guide: Guide, messages: list, members: dict, public_names: dict, since: datetime.datetime) -> int:
    written = 0
    for hours, (code, text) in enumerate(messages, start=1):
        author = members.get(code)
        if author is None:
            continue
        comment = Comment.objects.create(
            guide=guide,
            body=text,
            author=author.user,
            author_organisation=author.organisation,
            author_display_name=public_names.get(author.user_id, ""),
        )
        moment = min(since + datetime.timedelta(hours=5 * hours), timezone.now())
        Comment.objects.filter(pk=comment.pk).update(created_at=moment)
        written += 1
    return written


def _watch(guide: Guide, councils: list[str], members: dict) -> int:
    watchers = [members[code].user for code in councils if code in members]
    for watcher in watchers:
        Watch.objects.create(guide=guide, user=watcher, unsubscribe_token_hash=hash_token(new_token()))
    return len(watchers)


def _link_guides() -> int:
    """The `GuideLink`s of the `[[Guide title]]` links in each demo guide's current text, made
    as every save makes them."""
    before = GuideLink.objects.count()
    for guide in Guide.objects.filter(title__in=[demo.title for demo in GUIDES]).select_related("current_revision"):
        rebuild_links(guide)
    return GuideLink.objects.count() - before


def _members_by_council() -> dict[str, Membership]:
    """The membership of each demo council's first member who works there, by register code:
    who writes, and the organisation they write for."""
    codes = {edit.council for demo in GUIDES for edit in demo.edits}
    codes |= {demo.hidden.council for demo in GUIDES if demo.hidden}
    codes |= {code for demo in GUIDES for code, _ in demo.talk} | {c for demo in GUIDES for c in demo.watched_by}
    memberships = (
        Membership.objects.filter(organisation__register_code__in=codes, status=MembershipStatus.APPROVED)
        .select_related("user", "organisation")
        .order_by("-pk")
    )
    # Newest first, so that each council's first member is the one left.
    return {membership.organisation.register_code: membership for membership in memberships}
