import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from fund.models import Phase
from fund.tests.factories import FundedProjectFactory, RoundFactory
from organisations.tests.factories import OrganisationFactory
from projects.views.catalogue import award_charts

pytestmark = pytest.mark.django_db

URL = reverse("projects:charts")


def test_it_is_public(client):
    assert award_charts.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_says_so_before_any_award(client):
    content = client.get(URL).content.decode()

    assert content.count("No awards have been approved yet.") == 3
    assert "app-chart" not in content


def test_it_shows_each_chart_with_a_table_of_the_same_numbers(client):
    round_ = RoundFactory(past=True, name="Local Digital Fund round 6")
    FundedProjectFactory(
        bid__round=round_,
        bid__phase=Phase.ALPHA,
        bid__award_amount=125_000,
        bid__lead_organisation=OrganisationFactory(region="North West"),
        bid__created_by=UserFactory(full_name="Zebedee Quillfeather"),
    )

    content = client.get(URL).content.decode()

    assert content.count('<svg class="app-chart"') == 3
    for chart in ("awards-by-phase", "awards-by-round", "awards-by-region"):
        assert f'<table class="govuk-table" id="{chart}">' in content
    assert ">Alpha</th>" in content
    assert ">Local Digital Fund round 6</th>" in content
    assert ">North West</th>" in content
    assert content.count("£125,000</td>") == 3
    assert "Zebedee" not in content


def test_it_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(30):
        FundedProjectFactory(bid__round=RoundFactory(past=True), bid__award_amount=1_000 * (number + 1))

    with django_assert_max_num_queries(3):
        response = client.get(URL)

    assert len(response.context["charts"][1]["totals"]) == 30
