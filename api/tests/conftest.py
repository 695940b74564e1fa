"""One of everything public, surrounded by the personal data that must never leak: the data
the fuzzing, the personal-data sweep and the tests of each operation read."""

from dataclasses import dataclass, field

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from accounts.tests.factories import UserFactory
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory
from events.tests.factories import BookingFactory, EventFactory
from fund.tests.factories import FundedProjectFactory, QuestionFactory, RoundFactory, member_of
from guides.tests.factories import CommentFactory, GuideFactory, RevisionFactory
from organisations.tests.factories import OrganisationFactory
from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory
from tender.tests.factories import CaseStudyFactory, NeedFactory, NeedJoinFactory, SupplierFactory
from tender.tests.factories import QuestionFactory as SupplierQuestionFactory


@dataclass
class OpenData:
    """What the fixture made, and the personal data written around it."""

    names: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    objects: dict[str, object] = field(default_factory=dict)

    def person(self, **fields):
        user = UserFactory(**fields)
        self.names.add(user.full_name)
        self.emails.add(user.email)
        return user


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # The rate limit has tests of its own (test_middleware.py). Elsewhere its counts in the
    # database cache would add queries, varying with the time window, to every query count.
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def open_data(db) -> OpenData:
    data = OpenData()
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden", org_id="GB-LAE-CMD")
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds", org_id="GB-LAE-LDS")

    lead = data.person(email="robin.lead@camden.gov.uk", full_name="Robin Leadbetter")
    signature = SignatureFactory(
        organisation=camden,
        signed=True,
        lead=lead,
        lead_name="Robin Leadbetter",
        approver_name="Samira Chiefton",
        approver_email="samira.chiefton@camden.gov.uk",
        signed_name="Samira Chiefton",
    )
    data.names |= {"Samira Chiefton"}
    data.emails |= {"samira.chiefton@camden.gov.uk"}
    declaration_project = DeclarationProjectFactory(signature=signature)
    ProjectUpdateFactory(project=declaration_project, author=lead)

    submitter = data.person(email="ola.submitter@leeds.gov.uk", full_name="Ola Submitterson")
    event = EventFactory(organisation=leeds, submitted_by=submitter)
    EventFactory(online=True, organisation=leeds, submitted_by=submitter, title="Online show and tell")
    EventFactory(submitted=True, organisation=leeds, submitted_by=submitter, title="Waiting for review")
    training = EventFactory(programme=True)
    booker = BookingFactory(event=training, name="Bea Bookerly", email="bea.bookerly@leeds.gov.uk", organisation=leeds)
    data.names.add(booker.name)
    data.emails.add(booker.email)

    round_ = RoundFactory(past=True, slug="round-1")
    applicant = member_of(camden, email="ada.applicant@camden.gov.uk", full_name="Ada Applicantson")
    data.names.add(applicant.full_name)
    data.emails.add(applicant.email)
    grant = FundedProjectFactory(bid__round=round_, bid__lead_organisation=camden, bid__created_by=applicant)
    QuestionFactory(round=round_, asked_by=applicant)

    author = data.person(email="una.updater@camden.gov.uk", full_name="Una Updaterley")
    project = ProjectFactory(lead_organisation=camden, slug="shared-repairs", contact_email="repairs@camden.gov.uk")
    data.emails.add(project.contact_email)
    project.partner_organisations.add(leeds)
    ProjectPhaseFactory(project=project)
    UpdateFactory(project=project, author=author)
    output = OutputFactory(project=project, created_by=author)

    need_author = data.person(email="nia.needham@camden.gov.uk", full_name="Nia Needham")
    need = NeedFactory(organisation=camden, author=need_author, slug="bin-collections")
    NeedJoinFactory(need=need, organisation=leeds, joined_by=submitter)
    seller = data.person(email="sol.seller@civiccode.example", full_name="Sol Sellerby")
    supplier = SupplierFactory(slug="civic-code", members=[seller], contact_email="hello@civiccode.example")
    data.emails.add(supplier.contact_email)
    SupplierQuestionFactory(need=need, supplier=supplier, asked_by=seller, answered=True, answered_by=need_author)
    SupplierQuestionFactory(need=need, supplier=supplier, asked_by=seller, text="Ask Sol Sellerby: is there data?")
    CaseStudyFactory(supplier=supplier, organisation=leeds, status="confirmed", decided_by=submitter)

    guide_author = data.person(email="gus.guidewright@leeds.gov.uk", full_name="Gus Guidewright")
    guide = GuideFactory(slug="using-uprns", title="Using UPRNs")
    guide.current_revision = RevisionFactory(
        guide=guide, number=2, author=guide_author, author_organisation=leeds, author_display_name="Gus from Leeds"
    )
    guide.save(update_fields=["current_revision"])
    hider = data.person(email="hal.hiddenworth@leeds.gov.uk", full_name="Hal Hiddenworth")
    RevisionFactory(
        guide=guide,
        number=3,
        author=hider,
        author_organisation=leeds,
        is_hidden=True,
        summary="Ask Hal Hiddenworth at hal.hiddenworth@leeds.gov.uk",
        body="Email hal.hiddenworth@leeds.gov.uk or ring 07700 900123.",
    )
    CommentFactory(guide=guide, author=guide_author, body="Gus Guidewright: gus.guidewright@leeds.gov.uk")

    data.objects.update(
        camden=camden,
        leeds=leeds,
        signature=signature,
        declaration_project=declaration_project,
        event=event,
        round=round_,
        grant=grant,
        project=project,
        output=output,
        need=need,
        supplier=supplier,
        guide=guide,
    )
    return data


@pytest.fixture
def wsgi_application():
    """The service as a WSGI application, for clients other than Django's test client. Django
    closes the database connection at the end of each request, which would end the test's
    transaction; its own test client stops that the same way."""
    from config.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
