import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from fund import rounds
from fund.models import Criterion, Round, RoundPhase
from fund.tests.factories import BidFactory, RoundFactory
from fund.workflow import AssessmentStage, RoundStatus

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def windows(**changes):
    """The 2018 round's dates (see the roadmap)."""
    values = {
        "eoi_opens_at": datetime.datetime(2018, 9, 24, 9, tzinfo=LONDON),
        "eoi_closes_at": datetime.datetime(2018, 10, 5, 12, tzinfo=LONDON),
        "evaluation_ends_at": datetime.datetime(2018, 10, 12, 17, tzinfo=LONDON),
        "applications_open_at": datetime.datetime(2018, 10, 16, 9, tzinfo=LONDON),
        "applications_close_at": datetime.datetime(2018, 11, 15, 12, tzinfo=LONDON),
        "decisions_by": datetime.datetime(2018, 12, 3, 17, tzinfo=LONDON),
        "kick_off_at": datetime.datetime(2018, 12, 13, 10, tzinfo=LONDON),
    }
    return values | changes


def create(by, name="Local Digital Fund round 1", **changes):
    return rounds.create(
        by=by, name=name, summary="Funding for councils.", guidance="", budget=7_500_000, **windows(**changes)
    )


def test_it_creates_a_draft_round_with_an_address_from_its_name(moderator):
    round_ = create(moderator)

    assert round_.status == RoundStatus.DRAFT
    assert round_.slug == "local-digital-fund-round-1"
    assert round_.eoi_closes_at == datetime.datetime(2018, 10, 5, 11, tzinfo=datetime.UTC)
    event = AuditEvent.objects.get(action="fund.round_created")
    assert event.actor == moderator


def test_it_never_gives_a_round_the_address_of_another_page(moderator):
    assert create(moderator, name="Bids").slug == "bids-2"
    assert create(moderator, name="Decisions").slug == "decisions-2"


def test_it_refuses_a_second_round_with_the_same_name(moderator):
    create(moderator)
    with pytest.raises(TransitionRefused) as refused:
        create(moderator, name="local digital fund ROUND 1")
    assert refused.value.field == "name"
    assert Round.objects.count() == 1


def test_it_refuses_dates_out_of_order(moderator):
    with pytest.raises(TransitionRefused) as refused:
        create(moderator, decisions_by=datetime.datetime(2018, 11, 1, tzinfo=LONDON))
    assert refused.value.field == "decisions_by"
    assert refused.value.message == "The decision date must be after applications close"
    assert not Round.objects.exists()


def test_it_refuses_someone_who_is_not_staff(member):
    with pytest.raises(TransitionRefused):
        create(member)
    assert not Round.objects.exists()


def test_it_refuses_a_budget_below_what_is_committed(moderator):
    round_ = RoundFactory(committed=1_000_000)
    with pytest.raises(TransitionRefused) as refused:
        rounds.change_details(round_, by=moderator, name=round_.name, summary="s", guidance="", budget=999_999)
    assert refused.value.field == "budget"
    assert "£1,000,000 is already committed" in refused.value.message


def test_it_records_what_changed(moderator):
    round_ = RoundFactory(max_bids_led=2)
    rules = {name: getattr(round_, name) for name in rounds.ELIGIBILITY_FIELDS} | {"max_bids_led": 3}

    rounds.change_eligibility(round_, by=moderator, **rules)

    event = AuditEvent.objects.get(action="fund.round_eligibility_changed")
    assert event.changes == {"max_bids_led": [2, 3]}


def test_it_publishes_a_round_with_phases_and_criteria(moderator):
    round_ = RoundFactory(status=RoundStatus.DRAFT)

    rounds.publish(round_, by=moderator)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    assert AuditEvent.objects.get(action="fund.round_published").changes == {"status": ["draft", "published"]}


def test_it_refuses_to_publish_without_phases_or_criteria(moderator):
    round_ = RoundFactory(status=RoundStatus.DRAFT, phases={}, criteria=False)
    with pytest.raises(TransitionRefused, match="Add at least one phase"):
        rounds.publish(round_, by=moderator)

    RoundPhase.objects.create(round=round_, phase="discovery", max_award=50_000)
    with pytest.raises(TransitionRefused, match="Add at least one criterion for expressions of interest"):
        rounds.publish(round_, by=moderator)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


def test_it_refuses_to_publish_twice(moderator):
    with pytest.raises(TransitionRefused, match="because it is published"):
        rounds.publish(RoundFactory(), by=moderator)


def test_it_adds_and_changes_phases(moderator):
    round_ = RoundFactory(phases={})

    row = rounds.save_phase(round_, by=moderator, phase="alpha", max_award=100_000)
    rounds.save_phase(round_, by=moderator, phase="alpha", max_award=120_000, existing=row)

    assert list(round_.phases.values_list("phase", "max_award")) == [("alpha", 120_000)]
    changes = [event.changes["phase"] for event in AuditEvent.objects.filter(action="fund.round_phase_saved")]
    assert [None, "Alpha: £100,000"] in changes
    assert ["Alpha: £100,000", "Alpha: £120,000"] in changes


def test_it_refuses_a_phase_twice_or_over_the_budget(moderator):
    round_ = RoundFactory(budget=500_000)
    with pytest.raises(TransitionRefused) as refused:
        rounds.save_phase(round_, by=moderator, phase="discovery", max_award=10_000)
    assert refused.value.field == "phase"
    with pytest.raises(TransitionRefused) as refused:
        rounds.save_phase(
            round_, by=moderator, phase="discovery", max_award=600_000, existing=round_.phases.get(phase="discovery")
        )
    assert refused.value.field == "max_award"


def test_it_keeps_the_phases_submitted_bids_ask_for(moderator):
    round_ = RoundFactory()
    BidFactory(round=round_, phase="beta", amount_requested=300_000, submitted=True)
    beta = round_.phases.get(phase="beta")

    with pytest.raises(TransitionRefused, match="cannot remove this phase: a submitted bid asks for it"):
        rounds.remove_phase(round_, by=moderator, round_phase=beta)
    with pytest.raises(TransitionRefused) as refused:
        rounds.save_phase(round_, by=moderator, phase="beta", max_award=250_000, existing=beta)
    assert refused.value.field == "max_award"

    rounds.save_phase(round_, by=moderator, phase="beta", max_award=300_000, existing=beta)
    assert round_.phases.get(phase="beta").max_award == 300_000


def test_once_scoring_starts_phases_and_criteria_cannot_change(moderator):
    round_ = RoundFactory(frozen_at=timezone.now())
    criterion = round_.criteria.first()
    phase = round_.phases.get(phase="discovery")
    attempts = [
        lambda: rounds.save_phase(round_, by=moderator, phase="discovery", max_award=1, existing=phase),
        lambda: rounds.remove_phase(round_, by=moderator, round_phase=phase),
        lambda: rounds.save_criterion(round_, by=moderator, stage="eoi", title="New", guidance="g", weight=10),
        lambda: rounds.save_criterion(
            round_, by=moderator, stage="eoi", title="New", guidance="g", weight=10, existing=criterion
        ),
        lambda: rounds.remove_criterion(round_, by=moderator, criterion=criterion),
    ]
    for attempt in attempts:
        with pytest.raises(TransitionRefused, match="Assessors started scoring this round on"):
            attempt()
    assert round_.criteria.count() == 4
    assert round_.phases.get(pk=phase.pk).max_award == 50_000


def test_dates_and_rules_can_still_change_once_scoring_starts(moderator):
    round_ = RoundFactory(frozen_at=timezone.now())
    moved = {name: getattr(round_, name) for name in rounds.WINDOW_FIELDS}
    moved["kick_off_at"] += datetime.timedelta(days=7)

    rounds.change_windows(round_, by=moderator, **moved)

    round_.refresh_from_db()
    assert round_.kick_off_at == moved["kick_off_at"]


def test_a_new_criterion_goes_last_in_its_stage(moderator):
    round_ = RoundFactory(criteria=False)
    first = rounds.save_criterion(round_, by=moderator, stage="eoi", title="Need", guidance="g", weight=60)
    second = rounds.save_criterion(round_, by=moderator, stage="eoi", title="Team", guidance="g", weight=40)
    other = rounds.save_criterion(round_, by=moderator, stage="application", title="Plan", guidance="g", weight=100)

    assert (first.position, second.position, other.position) == (1, 2, 1)
    assert list(Criterion.objects.filter(stage=AssessmentStage.EOI).values_list("title", flat=True)) == [
        "Need",
        "Team",
    ]


def test_it_refuses_another_rounds_criterion(moderator):
    theirs = RoundFactory().criteria.first()
    with pytest.raises(TransitionRefused, match="another round"):
        rounds.remove_criterion(RoundFactory(), by=moderator, criterion=theirs)
    assert Criterion.objects.filter(pk=theirs.pk).exists()


def test_staff_only_for_every_change(member):
    round_ = RoundFactory()
    with pytest.raises(TransitionRefused):
        rounds.save_phase(round_, by=member, phase="alpha", max_award=1, existing=round_.phases.first())
    with pytest.raises(TransitionRefused):
        rounds.publish(RoundFactory(status=RoundStatus.DRAFT), by=UserFactory())
