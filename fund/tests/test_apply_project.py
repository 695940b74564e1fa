import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from fund.tests.factories import BidFactory, RoundFactory
from fund.workflow import BidStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(bid) -> str:
    return f"/fund/bids/{bid.reference}/project"


@pytest.fixture
def draft(client, member):
    bid = BidFactory(title="", problem="")
    MembershipFactory(user=member, organisation=bid.lead_organisation)
    client.force_login(member)
    return bid


def test_it_saves_the_answers_and_goes_back_to_the_task_list(client, draft, member):
    response = client.post(url(draft), {"title": "Shared bin data", "problem": "Residents miss collections."})

    assert response.url == f"/fund/bids/{draft.reference}"
    draft.refresh_from_db()
    assert (draft.title, draft.problem) == ("Shared bin data", "Residents miss collections.")
    assert AuditEvent.objects.get(action="fund.eoi_changed").actor == member


def test_it_says_what_is_missing(client, draft):
    page = client.post(url(draft), {"title": "", "problem": "x" * 5001}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_title">Enter the project’s title</a>' in page
    assert '<a href="#id_problem">Describe the problem in 5,000 characters or fewer</a>' in page


def test_it_shows_the_saved_answers(client, draft):
    draft.title = "Bins"
    draft.save()
    assert 'value="Bins"' in client.get(url(draft)).content.decode()


def test_another_organisations_member_gets_not_found(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory())
    client.force_login(member)
    bid = BidFactory()
    assert client.get(url(bid)).status_code == 404
    assert client.post(url(bid), {"title": "Taken", "problem": "p"}).status_code == 404


def test_after_the_close_it_says_so_and_saves_nothing(client, draft):
    draft.round = RoundFactory(evaluating=True)
    draft.save()

    response = client.post(url(draft), {"title": "Late", "problem": "Late"})

    assert "Expressions of interest have closed" in response.content.decode()
    assert 'name="title"' not in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == ""


def test_a_submitted_bid_goes_back_to_its_answers(client, draft):
    draft.status = BidStatus.EOI_SUBMITTED
    draft.save()
    assert client.post(url(draft), {"title": "Changed", "problem": "p"}).url == f"/fund/bids/{draft.reference}"
    draft.refresh_from_db()
    assert draft.title == ""
