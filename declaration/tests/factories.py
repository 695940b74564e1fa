import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from declaration.models import DeclarationProject, ProjectPrinciple, Signature
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"LDD-T{n:05d}")
    lead = factory.SubFactory(UserFactory)
    lead_name = "Robin Lead"
    lead_job_title = "Head of Digital"
    approver_name = "Sam Chief"
    approver_job_title = "Chief Executive"
    approver_email = factory.Sequence(lambda n: f"chief{n}@example.org")

    class Params:
        submitted = factory.Trait(status=SignatureStatus.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now))
        awaiting_signature = factory.Trait(status=SignatureStatus.AWAITING_SIGNATURE)
        signed = factory.Trait(status=SignatureStatus.SIGNED, signed_at=factory.LazyFunction(timezone.now))


class DeclarationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationProject
        skip_postgeneration_save = True

    signature = factory.SubFactory(SignatureFactory)
    title = "Publish our waste collection data openly"
    description = "Open data on bin collections in a common format."
    expected_completion = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=180))

    @factory.post_generation
    def principles(project, create, extracted, **kwargs):
        if create:
            for number in extracted or [2]:
                ProjectPrinciple.objects.create(project=project, principle=number)


class ProjectUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "declaration.ProjectUpdate"

    project = factory.SubFactory(DeclarationProjectFactory, signature__signed=True)
    author = factory.SelfAttribute("project.signature.lead")
    status = "in_progress"
    what_happened = "We published the first dataset and asked residents what else they need."
    lessons_learnt = ""

    class Params:
        done = factory.Trait(status="done")
        stopped = factory.Trait(status="stopped")
