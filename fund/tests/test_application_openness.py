import pytest

from fund.models import Application
from fund.tests.factories import ApplicationFactory, BidFactory, member_of

pytestmark = pytest.mark.django_db


def url(bid):
    return f"/fund/bids/{bid.reference}/application/openness"


@pytest.fixture
def bid():
    return BidFactory(invited=True, round__applications_open=True)


@pytest.fixture
def client_of(client, bid):
    client.force_login(member_of(bid.lead_organisation))
    return client


def test_it_sends_anonymous_people_to_sign_in(client, bid):
    assert client.get(url(bid)).url.startswith("/sign-in?next=")


def test_it_hides_another_organisations_bid(client, bid):
    client.force_login(member_of(BidFactory(invited=True).lead_organisation))
    assert client.post(url(bid), {"publishes_outputs_openly": "yes", "code_licence": "MIT"}).status_code == 404


def test_it_saves_both_answers(client_of, bid):
    response = client_of.post(url(bid), {"publishes_outputs_openly": "yes", "code_licence": "Apache-2.0"})
    assert response.url == f"/fund/bids/{bid.reference}/application"
    application = Application.objects.get(bid=bid)
    assert (application.publishes_outputs_openly, application.code_licence) == (True, "Apache-2.0")


def test_it_explains_why_outputs_must_be_published(client_of, bid):
    page = client_of.get(url(bid)).content.decode()
    assert "it pays only for projects that publish their code, research and other outputs openly" in page


def test_a_no_is_saved_but_leaves_the_section_incomplete(client_of, bid):
    client_of.post(url(bid), {"publishes_outputs_openly": "no", "code_licence": "MIT"})
    assert Application.objects.get(bid=bid).publishes_outputs_openly is False
    page = client_of.get(f"/fund/bids/{bid.reference}/application").content.decode()
    status = page.split('id="section-openness-status">', 1)[1].split("</div>", 1)[0]
    assert "Incomplete" in status


def test_it_shows_the_saved_answers(client_of, bid):
    ApplicationFactory(bid=bid, publishes_outputs_openly=False, code_licence="GPL-3.0-or-later")
    page = client_of.get(url(bid)).content.decode()
    assert 'value="no" checked' in page.replace('"\n', '" ').replace("  ", " ") or 'value="no"' in page
    assert 'value="GPL-3.0-or-later"' in page


def test_it_asks_for_both_answers(client_of, bid):
    page = client_of.post(url(bid), {}).content.decode()
    assert '<a href="#id_publishes_outputs_openly_0">Select yes if you will publish everything' in page
    assert '<a href="#id_code_licence_0">Select the licence your code will use</a>' in page
    assert not Application.objects.exists()


def test_it_refuses_an_unknown_licence(client_of, bid):
    page = client_of.post(url(bid), {"publishes_outputs_openly": "yes", "code_licence": "WTFPL"}).content.decode()
    assert "Select a licence from the list" in page
