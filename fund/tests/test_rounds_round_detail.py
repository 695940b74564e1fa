import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import resolve

from fund.tests.factories import RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def url(round_) -> str:
    return f"/fund/{round_.slug}"


def test_it_shows_the_timeline_with_the_current_stage_marked_in_words(client):
    round_ = RoundFactory(
        name="Local Digital Fund round 1",
        eoi_opens_at=datetime.datetime(2018, 9, 24, 9, tzinfo=LONDON),
        eoi_closes_at=datetime.datetime(2018, 10, 5, 12, tzinfo=LONDON),
        evaluation_ends_at=datetime.datetime(2018, 10, 12, 17, tzinfo=LONDON),
        applications_open_at=datetime.datetime(2018, 10, 16, 9, tzinfo=LONDON),
        applications_close_at=datetime.datetime(2018, 11, 15, 12, tzinfo=LONDON),
        decisions_by=datetime.datetime(2018, 12, 3, 17, tzinfo=LONDON),
        kick_off_at=datetime.datetime(2018, 12, 13, 10, tzinfo=LONDON),
    )

    page = client.get(url(round_)).content.decode()

    assert "From 9am on 24 September 2018 to midday on 5 October 2018" in page
    assert "Applicants told by 3 December 2018" in page
    assert "13 December 2018" in page
    current = re.findall(r'<li class="app-timeline__item" aria-current="step">\s*<h3[^>]*>([^<]+)', page)
    assert [title.strip() for title in current] == ["Kick-off"]
    assert ">Now</strong>" in page
    assert "Projects under way" in page
    assert "Start an expression of interest" not in page


def test_while_the_window_is_open_it_offers_to_start(client):
    round_ = RoundFactory()
    page = client.get(url(round_)).content.decode()
    assert f'href="/fund/{round_.slug}/apply"' in page
    assert "Start an expression of interest" in page
    current = re.findall(r'aria-current="step">\s*<h3[^>]*>([^<]+)', page)
    assert [title.strip() for title in current] == ["Expressions of interest"]


def test_it_shows_the_budget_phases_and_eligibility_in_plain_english(client):
    round_ = RoundFactory(min_signatory_authorities=3, max_bids_led=2, publish_eois_after_close=True)
    page = client.get(url(round_)).content.decode()
    for text in (
        "£7,500,000",
        "Up to £350,000 for one bid",
        "A local authority must lead each bid",
        "must have signed the",
        "at least 3 local authorities that have signed",
        "can lead up to 2 bids",
        "We never publish who wrote it",
    ):
        assert text in page


def test_it_sanitises_the_guidance(client):
    round_ = RoundFactory(guidance="## How to bid\n\n<script>alert(1)</script>\n\n[Prospectus](https://example.gov.uk)")
    page = client.get(url(round_)).content.decode()
    assert '<h2 class="govuk-heading-m">How to bid</h2>' in page
    assert '<a href="https://example.gov.uk" class="govuk-link"' in page
    assert "alert(1)" not in page


def test_it_links_to_the_published_expressions_of_interest_once_closed(client):
    round_ = RoundFactory(evaluating=True, publish_eois_after_close=True)
    page = client.get(url(round_)).content.decode()
    assert f'href="/fund/{round_.slug}/expressions-of-interest"' in page


def test_it_links_to_the_questions_and_answers_and_to_asking_one(client):
    round_ = RoundFactory()
    page = client.get(url(round_)).content.decode()
    assert f'href="/fund/{round_.slug}/questions"' in page
    assert f'href="/fund/{round_.slug}/questions/ask"' in page


def test_a_draft_round_is_not_found(client):
    assert client.get(url(RoundFactory(status=RoundStatus.DRAFT))).status_code == 404
    assert client.get("/fund/no-such-round").status_code == 404


def test_it_lists_the_phases_in_the_order_projects_go_through_them(client):
    funding = client.get(url(RoundFactory())).content.decode().split('<h2 class="govuk-heading-m">Funding</h2>')[1]
    assert funding.index(">Discovery<") < funding.index(">Alpha<") < funding.index(">Beta<")


def test_other_fund_pages_are_never_taken_for_a_round(client):
    assert resolve("/fund/bids").url_name == "your_bids"
    assert resolve("/manage/fund/decisions").url_name == "approvals"
    assert resolve("/manage/fund/new").url_name == "create_round"
    round_ = RoundFactory(slug="bids-2")
    assert client.get(url(round_)).status_code == 200
