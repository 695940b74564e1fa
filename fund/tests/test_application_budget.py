import pytest

from fund.models import BudgetLine
from fund.tests.factories import ApplicationFactory, BidFactory, BudgetLineFactory, member_of
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/budget"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True, amount_requested=40_000)


@pytest.fixture
def client_of(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    return client


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.post(url(bid), {"description": "Ours", "amount": "10"}).status_code == 404
    assert not BudgetLine.objects.exists()


def test_it_adds_a_line_and_shows_the_running_total(client_of, bid):
    response = client_of.post(url(bid), {"description": "User researcher, 20 days", "amount": "£12,500"})
    assert response.status_code == 302
    assert response.url == url(bid)
    line = BudgetLine.objects.get()
    assert (line.description, line.amount) == ("User researcher, 20 days", 12_500)

    page = client_of.get(url(bid)).content.decode()
    assert "User researcher, 20 days" in page
    assert 'Total so far</dt>\n        <dd class="govuk-summary-list__value">£12,500' in page
    assert 'Left to plan</dt>\n        <dd class="govuk-summary-list__value">£27,500' in page


def test_it_shows_how_far_over_the_request_the_budget_is(client_of, bid):
    BudgetLineFactory(application=ApplicationFactory(bid=bid, budget=False), amount=45_000)
    page = client_of.get(url(bid)).content.decode()
    assert 'Over by</dt>\n        <dd class="govuk-summary-list__value">£5,000' in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the amount, in pounds"),
        ("twelve", "Enter the amount in whole pounds, like 12000"),
        ("12.50", "Enter the amount in whole pounds, like 12000"),
        ("0", "The amount must be at least £1"),
    ],
)
def test_it_explains_a_wrong_amount(client_of, bid, amount, message):
    page = client_of.post(url(bid), {"description": "Developer", "amount": amount}).content.decode()
    assert "<title>Error: " in page
    assert f'<a href="#id_amount">{message}</a>' in page
    assert not BudgetLine.objects.exists()


def test_it_asks_what_the_money_is_for(client_of, bid):
    page = client_of.post(url(bid), {"description": "", "amount": "100"}).content.decode()
    assert '<a href="#id_description">Enter what the money is for</a>' in page


def test_finishing_with_a_budget_that_does_not_add_up_is_an_error(client_of, bid):
    BudgetLineFactory(application=ApplicationFactory(bid=bid, budget=False), amount=30_000)

    response = client_of.post(url(bid), {"finish": "yes"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Your budget adds up to £30,000; it must add up to the £40,000 you asked for" in page
    # The line form is not checked when finishing.
    assert "Enter what the money is for" not in page


def test_finishing_with_a_budget_that_adds_up_returns_to_the_task_list(client_of, bid):
    ApplicationFactory(bid=bid)
    response = client_of.post(url(bid), {"finish": "yes"})
    assert response.url == f"/fund/bids/{bid.reference}/application"


def test_a_submitted_application_budget_cannot_change(client, bid):
    ApplicationFactory(bid=bid)
    bid.status = BidStatus.APPLICATION_SUBMITTED
    bid.save()
    client.force_login(member_of(bid.lead_organisation))
    response = client.post(url(bid), {"description": "Extra", "amount": "1"})
    assert response.url == f"/fund/bids/{bid.reference}/application"
    assert BudgetLine.objects.count() == 2
