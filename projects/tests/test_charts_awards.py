import xml.etree.ElementTree as ET

import pytest

from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory
from projects.catalogue import AwardTotal, awards_by_phase, awards_by_region, awards_by_round
from projects.charts import awards_svg

SVG = "{http://www.w3.org/2000/svg}"


def award(amount: int, *, phase=Phase.DISCOVERY, round_=None, region="South East", **bid):
    round_ = round_ or RoundFactory(past=True)
    lead = OrganisationFactory(region=region)
    return FundedProjectFactory(
        bid__round=round_, bid__phase=phase, bid__award_amount=amount, bid__lead_organisation=lead, **bid
    )


@pytest.mark.django_db
def test_it_totals_approved_awards_by_phase_in_phase_order():
    award(40_000, phase=Phase.BETA)
    award(30_000)
    award(50_000)
    award(99_000, bid__status=BidStatus.DECISION_PROPOSED)

    assert awards_by_phase() == [AwardTotal("Discovery", 2, 80_000), AwardTotal("Beta", 1, 40_000)]


@pytest.mark.django_db
def test_it_totals_awards_by_round_oldest_first():
    older = RoundFactory(past=True, name="Round 6")
    newer = RoundFactory(name="Round 7")
    award(60_000, round_=newer)
    award(40_000, round_=older)
    award(10_000, round_=older)

    assert awards_by_round() == [AwardTotal("Round 6", 2, 50_000), AwardTotal("Round 7", 1, 60_000)]


@pytest.mark.django_db
def test_it_totals_awards_by_the_lead_organisations_region_with_none_recorded_last():
    award(10_000, region="")
    award(20_000, region="London")
    award(30_000, region="East Midlands")

    assert awards_by_region() == [
        AwardTotal("East Midlands", 1, 30_000),
        AwardTotal("London", 1, 20_000),
        AwardTotal("No region recorded", 1, 10_000),
    ]


def test_it_draws_nothing_without_awards():
    assert awards_svg([], chart_id="c", title="Awards by phase", subject="phase") == ""


def test_it_draws_an_accessible_bar_for_each_total_to_scale():
    totals = [AwardTotal("Discovery", 3, 120_000), AwardTotal("Alpha <b>", 1, 60_000)]

    svg = ET.fromstring(awards_svg(totals, chart_id="by-phase", title="Awards by phase", subject="phase"))  # noqa: S314

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "by-phase-title by-phase-desc"
    assert svg.find(f"{SVG}title").text == "Awards by phase"
    assert svg.find(f"{SVG}desc").text == (
        "Money awarded by phase: Discovery, £120,000 (3 awards); Alpha <b>, £60,000 (1 award)."
    )
    bars = svg.findall(f"{SVG}rect")
    assert float(bars[0].get("width")) == 2 * float(bars[1].get("width"))
    labels = [text.text for text in svg.findall(f"{SVG}text")]
    assert labels == ["Discovery", "£120,000 (3 awards)", "Alpha <b>", "£60,000 (1 award)"]
    assert not [element for element in svg.iter() if element.get("style") or element.tag == f"{SVG}script"]
