import pytest

from fund.models import BudgetLine
from fund.tests.factories import ApplicationFactory, BidFactory, member_of
from fund.workflow import BidStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return ApplicationFactory()


def url(application, line=None):
    line = line or application.budget_lines.first()
    return f"/fund/bids/{application.bid.reference}/application/budget/{line.pk}/remove"


def test_it_sends_anonymous_people_to_sign_in(client, application):
    assert client.post(url(application)).url.startswith("/sign-in?next=")


def test_it_only_accepts_a_post(client, application):
    client.force_login(member_of(application.bid.lead_organisation))
    assert client.get(url(application)).status_code == 405


def test_it_removes_the_line(client, application):
    client.force_login(member_of(application.bid.lead_organisation))
    line = application.budget_lines.first()

    response = client.post(url(application, line))

    assert response.url == f"/fund/bids/{application.bid.reference}/application/budget"
    assert not BudgetLine.objects.filter(pk=line.pk).exists()


def test_it_hides_another_organisations_bid(client, application):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.post(url(application)).status_code == 404
    assert application.budget_lines.count() == 2


def test_it_will_not_remove_a_line_of_another_bid_through_this_one(client, application):
    other = ApplicationFactory()
    client.force_login(member_of(application.bid.lead_organisation))
    line = other.budget_lines.first()

    response = client.post(f"/fund/bids/{application.bid.reference}/application/budget/{line.pk}/remove")

    assert response.status_code == 302
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_a_submitted_application_keeps_its_lines(client, application):
    application.bid.status = BidStatus.APPLICATION_SUBMITTED
    application.bid.save()
    client.force_login(member_of(application.bid.lead_organisation))
    response = client.post(url(application), follow=True)
    assert "cannot be changed because the bid is application submitted" in response.content.decode()
    assert application.budget_lines.count() == 2
