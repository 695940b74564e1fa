import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Topic
from organisations.tests.factories import OrganisationFactory
from tender.models import CaseStudy, Interest, Need, NeedJoin, ProcurementTiming, Question, Supplier, SupplierSize
from tender.workflow import NeedStatus, QuestionStatus


class SupplierFactory(factory.django.DjangoModelFactory):
    """A listed supplier with one person; pass `members=[...]` for others."""

    class Meta:
        model = Supplier
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Civic Code {n} Ltd")
    slug = factory.Sequence(lambda n: f"civic-code-{n}")
    company_number = factory.Sequence(lambda n: f"{10_000_000 + n:08d}")
    website = "https://www.civiccode.example"
    size = SupplierSize.SMALL
    summary = "Accessible case management tools for council services, built in the open."
    contact_email = "hello@civiccode.example"

    @factory.post_generation
    def members(supplier, create, extracted, **kwargs):
        if create:
            supplier.members.add(*(extracted if extracted is not None else [UserFactory()]))

    @factory.post_generation
    def offers(supplier, create, extracted, **kwargs):
        if create:
            supplier.offers.add(*(extracted or [Topic.objects.order_by("pk").first()]))


class NeedFactory(factory.django.DjangoModelFactory):
    """A published need taking questions for another three weeks."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Residents cannot see when their bins will be collected ({n})")
    slug = factory.Sequence(lambda n: f"bin-collection-need-{n}")
    problem = "Residents phone us to ask when their bins will be collected; 30% of calls are about it."
    services_affected = "Waste collection, the contact centre"
    procurement_timing = ProcurementTiming.WITHIN_6_MONTHS
    questions_close_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))
    status = NeedStatus.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=NeedStatus.DRAFT, submitted_at=None, published_at=None)
        submitted = factory.Trait(status=NeedStatus.SUBMITTED, published_at=None)
        closed = factory.Trait(status=NeedStatus.CLOSED, closed_at=factory.LazyFunction(timezone.now))
        questions_closed = factory.Trait(
            questions_close_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
        )

    @factory.post_generation
    def topics(need, create, extracted, **kwargs):
        if create:
            need.topics.add(*(extracted or [Topic.objects.order_by("pk").first()]))


class NeedJoinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedJoin

    need = factory.SubFactory(NeedFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_by = factory.SubFactory(UserFactory)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    need = factory.SubFactory(NeedFactory)
    supplier = factory.SubFactory(SupplierFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    need = factory.SubFactory(NeedFactory)
    supplier = factory.SubFactory(SupplierFactory)
    asked_by = factory.LazyAttribute(lambda question: question.supplier.members.first())
    text = "Do you hold collection rounds as data already, or only in the contractor's system?"
    status = QuestionStatus.AWAITING_ANSWER

    class Params:
        answered = factory.Trait(
            status=QuestionStatus.ANSWERED,
            published_question="Are collection rounds held as data already?",
            answer="Yes: the rounds are in a spreadsheet we export every week.",
            answered_at=factory.LazyFunction(timezone.now),
        )
        held = factory.Trait(status=QuestionStatus.HELD, held_because="It may contain an email address")


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy

    supplier = factory.SubFactory(SupplierFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "A repairs service tenants can track"
    summary = "We built the online repairs service with the council's housing team over six months."
