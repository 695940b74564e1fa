import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from projects.models import Output, OutputType, PhaseName, Project, ProjectPhase, Update, UpdateKind
from projects.workflow import PhaseStatus


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Shared housing repairs service {n}")
    slug = factory.Sequence(lambda n: f"shared-housing-repairs-{n}")
    summary = "Tenants report repairs online and see when they will be fixed."
    problem = "Tenants phone again and again to find out when a repair will happen."
    lead_organisation = factory.SubFactory(OrganisationFactory, organisation_type=OrganisationType.UNITARY)
    contact_email = "repairs-project@council.example.gov.uk"
    current_phase = PhaseName.DISCOVERY


class ProjectPhaseFactory(factory.django.DjangoModelFactory):
    """A phase let through by a staff decision; pass `grant=` for one paid by an award."""

    class Meta:
        model = ProjectPhase

    project = factory.SubFactory(ProjectFactory)
    phase = PhaseName.DISCOVERY
    status = PhaseStatus.IN_PROGRESS
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    decision_note = "Funded from the council's own budget"


class UpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Update

    project = factory.SubFactory(ProjectFactory)
    kind = UpdateKind.WEEKNOTE
    title = factory.Sequence(lambda n: f"Weeknote {n}")
    body = "We spoke to **twelve** tenants this week."
    author = factory.SubFactory(UserFactory)


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Output

    project = factory.SubFactory(ProjectFactory)
    phase = PhaseName.DISCOVERY
    output_type = OutputType.DISCOVERY_REPORT
    title = factory.Sequence(lambda n: f"Discovery report {n}")
    description = "What we learnt about how tenants report repairs."
    link = "https://www.example.gov.uk/repairs-discovery"
    created_by = factory.SubFactory(UserFactory)
