import pytest

from accounts.models import User
from core import demo
from fund import assessment as assessing
from fund.models import Assessment
from fund.tests.factories import BidFactory, RoundFactory
from fund.workflow import AssessmentStage, AssessmentStatus

pytestmark = pytest.mark.django_db


def assessments() -> str:
    # Found through discover() rather than imported when tests are collected: importing a demo
    # module registers its loaders, and out of order that would change what load_demo_data
    # runs first for every later test.
    (load,) = [load for load in demo.discover() if load.__module__ == "fund.demo.assessment"]
    return load()


def test_it_says_so_when_no_round_is_open_for_expressions_of_interest():
    RoundFactory(past=True)
    assert assessments() == "Demo assessments: no round is open for expressions of interest, so none added"
    assert not Assessment.objects.exists()


def test_it_assesses_the_open_rounds_expressions_of_interest_once():
    round_ = RoundFactory()
    for number in range(8):
        BidFactory(round=round_, submitted=True, reference=f"LDF-DEMO0{number}")

    summary = assessments()

    assert summary.startswith(f"Demo assessments: 13 assessments of 6 expressions of interest in {round_}")
    assert set(User.objects.filter(role="assessor").values_list("email", flat=True)) == {
        "david.kerr@example.org",
        "imogen.reid@example.org",
        "kwame.mensah@example.net",
    }
    assert all(user.has_usable_password() for user in User.objects.filter(role="assessor"))
    statuses = list(Assessment.objects.values_list("status", flat=True))
    assert statuses.count(AssessmentStatus.SUBMITTED) == 9
    assert statuses.count(AssessmentStatus.CONFLICTED) == 1
    rows = {row.bid.reference: row for row in assessing.moderation(round_, AssessmentStage.EOI).object_list}
    assert not rows["LDF-DEMO00"].large_spread
    assert rows["LDF-DEMO01"].large_spread
    round_.refresh_from_db()
    assert round_.frozen_at is not None
    # The rest are left for staff to assign.
    page = assessing.bids_for_staff(round_, needs_assessors=True)
    assert {row.bid.reference for row in page.object_list} == {"LDF-DEMO06", "LDF-DEMO07"}

    assert assessments() == f"Demo assessments: {round_} already has assessments"
    assert Assessment.objects.count() == 13
