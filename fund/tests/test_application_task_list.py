import pytest

from accounts.tests.factories import MembershipFactory
from fund.tests.factories import ApplicationFactory, BidFactory, BudgetLineFactory, member_of, submitted_application
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True, amount_requested=40_000, title="Open bin data")


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    response = client.get(url(bid))
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory().lead_organisation))
    assert client.get(url(bid)).status_code == 404


def test_it_hides_a_bid_that_was_never_invited(client):
    bid = BidFactory(submitted=True)
    client.force_login(member_of(bid.lead_organisation))
    assert client.get(url(bid)).status_code == 404


def test_a_pending_member_cannot_see_it(client, bid):
    membership = MembershipFactory(organisation=bid.lead_organisation, pending=True)
    client.force_login(membership.user)
    assert client.get(url(bid)).status_code == 404


def test_it_only_answers_get(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    assert client.post(url(bid)).status_code == 405


def test_it_lists_each_section_with_its_state(client, bid):
    application = ApplicationFactory(bid=bid, budget=False, plan="", user_research="")
    BudgetLineFactory(application=application, amount=10_000)
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert '<ul class="govuk-task-list" id="sections">' in page
    for key, state in [
        ("team", "Completed"),
        ("plan", "Not yet started"),
        ("budget", "Incomplete"),
        ("user_research", "Not yet started"),
        ("openness", "Completed"),
    ]:
        status = page.split(f'id="section-{key}-status">', 1)[1].split("</div>", 1)[0]
        assert state in status, key
    # Checking and submitting waits until every section is completed.
    assert f"/fund/bids/{bid.reference}/application/check" not in page
    assert "Cannot start yet" in page.split('id="section-check-status">', 1)[1].split("</div>", 1)[0]


def test_it_links_to_check_and_submit_once_every_section_is_completed(client, bid):
    ApplicationFactory(bid=bid)
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert f'href="/fund/bids/{bid.reference}/application/check"' in page
    assert "Not yet started" in page.split('id="section-check-status">', 1)[1].split("</div>", 1)[0]


def test_a_submitted_application_is_read_only_and_says_a_decision_is_in_progress(client):
    bid = submitted_application()
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert "Decision in progress" in page
    assert "govuk-task-list" not in page
    assert "Discovery: eight weeks of research" in page
    assert "/application/team" not in page


def test_a_proposed_award_stays_invisible_to_the_applicants(client):
    bid = submitted_application(
        status=BidStatus.DECISION_PROPOSED, award_amount=37_123, award_conditions="Report monthly to the minister"
    )
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert "Decision in progress" in page
    assert "37,123" not in page and "37123" not in page
    assert "Report monthly to the minister" not in page
    assert "waiting for approval" not in page


def test_an_approved_award_shows_the_amount_and_conditions(client):
    bid = submitted_application(status=BidStatus.AWARDED, award_amount=37_123, award_conditions="Report monthly")
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert "Awarded" in page
    assert "£37,123" in page
    assert "Report monthly" in page


def test_after_the_window_closes_an_unsubmitted_application_says_so(client):
    bid = BidFactory(invited=True, round__deciding=True)
    client.force_login(member_of(bid.lead_organisation))

    page = client.get(url(bid)).content.decode()

    assert "This application was not submitted" in page
    assert "govuk-task-list" not in page
