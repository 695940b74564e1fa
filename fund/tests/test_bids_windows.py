"""Expressions of interest are accepted only inside the round's window, by the server's clock:
from the moment it opens up to, not including, the moment it closes."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.workflow import TransitionRefused
from declaration.tests.factories import SignatureFactory
from fund import bids
from fund.models import Bid
from fund.tests.factories import BidFactory, BidPartnerFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
SECOND = datetime.timedelta(seconds=1)
# 1:30am on 25 October 2026 happens twice: first in summer time (00:30 UTC), then, after
# the clocks go back at 2am, in winter time (01:30 UTC). This round closes at the second.
CLOSE_AFTER_CLOCKS_GO_BACK = datetime.datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)


@pytest.fixture
def clock(monkeypatch):
    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def a_draft(closes_at: datetime.datetime):
    council = OrganisationFactory()
    SignatureFactory(organisation=council, signed=True)
    writer = MembershipFactory(organisation=council).user
    round_ = RoundFactory(
        min_signatory_authorities=1,
        eoi_opens_at=closes_at - datetime.timedelta(days=10),
        eoi_closes_at=closes_at,
        evaluation_ends_at=closes_at + datetime.timedelta(days=7),
        applications_open_at=closes_at + datetime.timedelta(days=10),
        applications_close_at=closes_at + datetime.timedelta(days=40),
        decisions_by=closes_at + datetime.timedelta(days=60),
        kick_off_at=closes_at + datetime.timedelta(days=70),
    )
    bid = BidFactory(round=round_, lead_organisation=council, created_by=writer)
    BidPartnerFactory(bid=bid, confirmed=True)
    return bid, writer


CLOSE = datetime.datetime(2026, 6, 12, 12, tzinfo=LONDON)


def test_it_accepts_a_submission_one_second_before_the_close(clock):
    bid, writer = a_draft(CLOSE)
    clock(CLOSE - SECOND)

    bids.submit(bid, by=writer)

    bid.refresh_from_db()
    assert bid.status == BidStatus.EOI_SUBMITTED


@pytest.mark.parametrize("after", [datetime.timedelta(0), SECOND])
def test_it_refuses_a_submission_at_or_after_the_close_and_changes_nothing(clock, after, mailoutbox):
    bid, writer = a_draft(CLOSE)
    clock(CLOSE + after)

    with pytest.raises(TransitionRefused) as refused:
        bids.submit(bid, by=writer)

    assert refused.value.message == (
        f"{bid.round} closed for expressions of interest at midday on 12 June 2026. "
        "Expressions of interest can no longer be sent or changed"
    )
    bid.refresh_from_db()
    assert bid.status == BidStatus.DRAFT
    assert bid.eoi_submitted_at is None
    assert mailoutbox == []


def test_after_the_close_no_answer_changes(clock):
    bid, writer = a_draft(CLOSE)
    clock(CLOSE + SECOND)

    for change in (
        lambda: bids.save_project(bid, by=writer, title="Late", problem="Late"),
        lambda: bids.save_phase(bid, by=writer, phase="alpha", amount_requested=1),
        lambda: bids.save_principles(bid, by=writer, principles="Late", reuse="Late"),
        lambda: bids.remove_partner(bid, by=writer, partner=bid.partners.get()),
        lambda: bids.invite_partner(bid, by=writer, organisation=OrganisationFactory(), contact_email="a@b.example"),
    ):
        with pytest.raises(TransitionRefused, match="closed for expressions of interest"):
            change()

    assert Bid.objects.get(pk=bid.pk).title == bid.title
    assert bid.partners.count() == 1


def test_the_first_of_two_half_past_ones_is_still_inside_the_window(clock):
    bid, writer = a_draft(CLOSE_AFTER_CLOCKS_GO_BACK)
    # 1:30:01am summer time: a clock that compared local times would already call it closed.
    clock(datetime.datetime(2026, 10, 25, 0, 30, 1, tzinfo=UTC))

    bids.submit(bid, by=writer)

    bid.refresh_from_db()
    assert bid.status == BidStatus.EOI_SUBMITTED


def test_one_second_before_a_close_just_after_the_clocks_go_back(clock):
    bid, writer = a_draft(CLOSE_AFTER_CLOCKS_GO_BACK)
    clock(datetime.datetime(2026, 10, 25, 1, 29, 59, tzinfo=UTC))

    bids.submit(bid, by=writer)

    assert Bid.objects.get(pk=bid.pk).status == BidStatus.EOI_SUBMITTED


def test_one_second_after_a_close_just_after_the_clocks_go_back(clock):
    bid, writer = a_draft(CLOSE_AFTER_CLOCKS_GO_BACK)
    clock(datetime.datetime(2026, 10, 25, 1, 30, 1, tzinfo=UTC))

    with pytest.raises(TransitionRefused) as refused:
        bids.submit(bid, by=writer)

    # The hour happens twice, so the notice names which one.
    assert "closed for expressions of interest at 1:30am GMT on 25 October 2026" in refused.value.message
    assert Bid.objects.get(pk=bid.pk).status == BidStatus.DRAFT
