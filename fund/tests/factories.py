import datetime

import factory
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.tokens import hash_token
from fund.models import (
    Application,
    Assessment,
    Bid,
    BidPartner,
    BudgetLine,
    CodeLicence,
    Criterion,
    FundedProject,
    Phase,
    Question,
    Round,
    RoundPhase,
    Score,
)
from fund.workflow import AssessmentStage, AssessmentStatus, BidStatus, RoundStatus
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory


def _days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


class RoundFactory(factory.django.DjangoModelFactory):
    """A published round open for expressions of interest now, with three phases and two
    criteria at each stage. Traits move its windows: `evaluating`, `applications_open`,
    `deciding`, `past`."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Local Digital Fund round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    summary = "Funding for collaborative projects that follow the Local Digital Declaration."
    guidance = "Bids must be **collaborative**."
    budget = 7_500_000
    status = RoundStatus.PUBLISHED
    eoi_opens_at = factory.LazyFunction(lambda: _days(-5))
    eoi_closes_at = factory.LazyFunction(lambda: _days(6))
    evaluation_ends_at = factory.LazyFunction(lambda: _days(13))
    applications_open_at = factory.LazyFunction(lambda: _days(17))
    applications_close_at = factory.LazyFunction(lambda: _days(47))
    decisions_by = factory.LazyFunction(lambda: _days(65))
    kick_off_at = factory.LazyFunction(lambda: _days(75))

    class Params:
        evaluating = factory.Trait(
            eoi_opens_at=factory.LazyFunction(lambda: _days(-20)),
            eoi_closes_at=factory.LazyFunction(lambda: _days(-2)),
        )
        applications_open = factory.Trait(
            eoi_opens_at=factory.LazyFunction(lambda: _days(-40)),
            eoi_closes_at=factory.LazyFunction(lambda: _days(-30)),
            evaluation_ends_at=factory.LazyFunction(lambda: _days(-20)),
            applications_open_at=factory.LazyFunction(lambda: _days(-10)),
        )
        deciding = factory.Trait(
            eoi_opens_at=factory.LazyFunction(lambda: _days(-80)),
            eoi_closes_at=factory.LazyFunction(lambda: _days(-70)),
            evaluation_ends_at=factory.LazyFunction(lambda: _days(-60)),
            applications_open_at=factory.LazyFunction(lambda: _days(-50)),
            applications_close_at=factory.LazyFunction(lambda: _days(-5)),
        )
        past = factory.Trait(
            eoi_opens_at=factory.LazyFunction(lambda: _days(-400)),
            eoi_closes_at=factory.LazyFunction(lambda: _days(-390)),
            evaluation_ends_at=factory.LazyFunction(lambda: _days(-380)),
            applications_open_at=factory.LazyFunction(lambda: _days(-370)),
            applications_close_at=factory.LazyFunction(lambda: _days(-340)),
            decisions_by=factory.LazyFunction(lambda: _days(-320)),
            kick_off_at=factory.LazyFunction(lambda: _days(-310)),
        )

    @factory.post_generation
    def phases(round_, create, extracted, **kwargs):
        if create:
            maxima = (
                {Phase.DISCOVERY: 50_000, Phase.ALPHA: 100_000, Phase.BETA: 350_000} if extracted is None else extracted
            )
            for phase, max_award in maxima.items():
                RoundPhase.objects.create(round=round_, phase=phase, max_award=max_award)

    @factory.post_generation
    def criteria(round_, create, extracted, **kwargs):
        if create and extracted is not False:
            for stage in AssessmentStage:
                Criterion.objects.create(
                    round=round_, stage=stage, title="Collaboration", guidance="Partners share the work.", weight=40
                )
                Criterion.objects.create(
                    round=round_,
                    stage=stage,
                    title="User needs",
                    guidance="Evidence of who has the problem.",
                    weight=60,
                    position=1,
                )


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    round = factory.SubFactory(RoundFactory)
    reference = factory.Sequence(lambda n: f"LDF-T{n:05d}")
    lead_organisation = factory.SubFactory(OrganisationFactory, organisation_type=OrganisationType.UNITARY)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Shared bin collection data {n}")
    problem = "Residents cannot find when their bins are collected; every council builds its own tool."
    phase = Phase.DISCOVERY
    amount_requested = 40_000
    principles = "We will research with residents and publish everything openly."
    reuse = "We start from the open waste data standard."

    class Params:
        submitted = factory.Trait(status=BidStatus.EOI_SUBMITTED, eoi_submitted_at=factory.LazyFunction(timezone.now))
        invited = factory.Trait(status=BidStatus.INVITED, eoi_submitted_at=factory.LazyFunction(timezone.now))


class BidPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BidPartner

    bid = factory.SubFactory(BidFactory)
    organisation = factory.SubFactory(OrganisationFactory, organisation_type=OrganisationType.DISTRICT)
    contact_email = factory.Sequence(lambda n: f"partner{n}@district.example.gov.uk")
    token_hash = factory.Sequence(lambda n: hash_token(f"partner-token-{n}"))
    link_expires_at = factory.LazyFunction(lambda: _days(14))

    class Params:
        confirmed = factory.Trait(status="confirmed", responded_at=factory.LazyFunction(timezone.now))


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    bid = factory.SubFactory(BidFactory, submitted=True)
    stage = AssessmentStage.EOI
    assessor = factory.SubFactory(UserFactory, role="assessor")
    status = AssessmentStatus.ASSIGNED

    class Params:
        started = factory.Trait(status=AssessmentStatus.IN_PROGRESS)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    assessment = factory.SubFactory(AssessmentFactory, started=True)
    criterion = factory.LazyAttribute(
        lambda score: score.assessment.bid.round.criteria.filter(stage=score.assessment.stage).first()
    )
    score = 3
    comment = "Clear evidence of need."


class SubmittedAssessmentFactory(AssessmentFactory):
    """An assessment submitted with a score for every criterion of its stage. Pass `scores`
    as a list in the criteria's order (None for not applicable); 3 each unless told."""

    class Meta:
        skip_postgeneration_save = True

    status = AssessmentStatus.SUBMITTED
    conflict_declared_at = factory.LazyFunction(timezone.now)
    recommendation = "invite"
    comment = "A clear problem with the evidence to back it."
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def scores(assessment, create, extracted, **kwargs):
        if not create:
            return
        criteria = list(assessment.bid.round.criteria.filter(stage=assessment.stage))
        values = [3] * len(criteria) if extracted is None else extracted
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion=criterion, score=value, comment="Reasoned comment.")
            for criterion, value in zip(criteria, values, strict=True)
        )


# Full applications, decisions, questions and grants ------------------------------------------


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete full application for an invited bid; `budget` (default True) adds budget
    lines that add up to the amount the bid asked for."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    bid = factory.SubFactory(BidFactory, invited=True, round__applications_open=True)
    team = "A product manager and a user researcher at the lead; a developer at each partner."
    plan = "Discovery: eight weeks of research with residents, then a show and tell of what we learnt."
    user_research = "Interviews with twenty residents and the crews, then testing prototypes with them."
    publishes_outputs_openly = True
    code_licence = CodeLicence.MIT

    @factory.post_generation
    def budget(application, create, extracted, **kwargs):
        if create and extracted is not False:
            requested = application.bid.amount_requested
            BudgetLine.objects.create(application=application, description="User researcher", amount=requested // 2)
            BudgetLine.objects.create(
                application=application, description="Developer", amount=requested - requested // 2, position=1
            )


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    application = factory.SubFactory(ApplicationFactory, budget=False)
    description = factory.Sequence(lambda n: f"Budget line {n}")
    amount = 1_000


def submitted_application(*, assessed: bool = True, **bid_fields) -> Bid:
    """A bid whose complete full application has been submitted and, unless `assessed` is
    false, assessed by two assessors (a decision needs that)."""
    fields = {
        "status": BidStatus.APPLICATION_SUBMITTED,
        "eoi_submitted_at": timezone.now(),
        "application_submitted_at": timezone.now(),
        **({} if "round" in bid_fields else {"round__deciding": True}),
        **bid_fields,
    }
    bid = BidFactory(**fields)
    ApplicationFactory(bid=bid)
    if assessed:
        SubmittedAssessmentFactory.create_batch(2, bid=bid, stage=AssessmentStage.APPLICATION, recommendation="fund")
    return bid


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    asked_by = factory.SubFactory(UserFactory)
    text = "Can a combined authority lead a bid with its constituent councils as partners?"

    class Params:
        answered = factory.Trait(
            answer="Yes, if the combined authority has signed the declaration.",
            answered_by=factory.SubFactory(UserFactory, moderator=True),
            answered_at=factory.LazyFunction(timezone.now),
        )
        published = factory.Trait(
            answer="Yes, if the combined authority has signed the declaration.",
            answered_by=factory.SubFactory(UserFactory, moderator=True),
            answered_at=factory.LazyFunction(timezone.now),
            published_question="Can a combined authority lead a bid?",
            published_at=factory.LazyFunction(timezone.now),
        )


class FundedProjectFactory(factory.django.DjangoModelFactory):
    """An approved award and the grant it made."""

    class Meta:
        model = FundedProject

    bid = factory.SubFactory(
        BidFactory,
        status=BidStatus.AWARDED,
        round__past=True,
        award_amount=40_000,
        decision_approved_at=factory.LazyFunction(timezone.now),
    )
    grant_identifier = factory.LazyAttribute(lambda project: f"360G-LDF-{project.bid.reference.removeprefix('LDF-')}")
    title = factory.LazyAttribute(lambda project: project.bid.title)
    slug = factory.Sequence(lambda n: f"funded-project-{n}")
    description = factory.LazyAttribute(lambda project: project.bid.problem)
    lead_organisation = factory.LazyAttribute(lambda project: project.bid.lead_organisation)
    phase = factory.LazyAttribute(lambda project: project.bid.phase)
    amount_awarded = factory.LazyAttribute(lambda project: project.bid.award_amount)
    awarded_at = factory.LazyFunction(timezone.now)


def member_of(organisation, **user_fields):
    """Someone who works at `organisation`: an approved member."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation)
    return user


def round_of_assessed_bids(bids: int, assessors_per_bid: int = 2, *, round_=None) -> Round:
    """A round the size of a real one, written in bulk: `bids` submitted expressions of
    interest, each with `assessors_per_bid` submitted assessments scored on every criterion."""
    round_ = round_ or RoundFactory()
    criteria = list(round_.criteria.filter(stage=AssessmentStage.EOI))
    leads = OrganisationFactory.create_batch(5)
    assessors = UserFactory.create_batch(assessors_per_bid + 3, role="assessor")
    now = timezone.now()
    created = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"LDF-B{round_.pk}{number:04d}",
            lead_organisation=leads[number % len(leads)],
            status=BidStatus.EOI_SUBMITTED,
            title=f"Bid number {number}",
            eoi_submitted_at=now,
        )
        for number in range(bids)
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            bid=bid,
            stage=AssessmentStage.EOI,
            assessor=assessors[(number + offset) % len(assessors)],
            status=AssessmentStatus.SUBMITTED,
            recommendation="invite" if (number + offset) % 3 else "decline",
            comment="Reasoned.",
            submitted_at=now,
        )
        for number, bid in enumerate(created)
        for offset in range(assessors_per_bid)
    )
    Score.objects.bulk_create(
        Score(assessment=assessment, criterion=criterion, score=(number + position) % 5, comment="Because.")
        for number, assessment in enumerate(assessments)
        for position, criterion in enumerate(criteria)
    )
    return round_
