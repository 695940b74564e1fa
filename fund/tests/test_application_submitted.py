import pytest

from fund.tests.factories import BidFactory, member_of, submitted_application

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/submitted"


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get(url(submitted_application())).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.get(url(submitted_application())).status_code == 404


def test_it_confirms_with_the_reference(client):
    bid = submitted_application()
    client.force_login(member_of(bid.lead_organisation))
    page = client.get(url(bid)).content.decode()
    assert "govuk-panel--confirmation" in page
    assert bid.reference in page


def test_an_unsubmitted_application_goes_to_its_task_list(client):
    bid = BidFactory(invited=True, round__applications_open=True)
    client.force_login(member_of(bid.lead_organisation))
    assert client.get(url(bid)).url == f"/fund/bids/{bid.reference}/application"
