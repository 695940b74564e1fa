import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from events.tests.factories import EventFactory
from events.views.submit import your_events

pytestmark = pytest.mark.django_db

URL = "/events/yours"


@pytest.fixture
def membership(member):
    return MembershipFactory(user=member, organisation__name="Bristol City Council")


def test_it_needs_someone_signed_in(client):
    assert your_events.access_rule == "signed_in"
    assert client.get(URL).status_code == 302


def test_it_lists_the_events_someone_and_their_colleagues_submitted_with_their_status(client, member, membership):
    colleague = MembershipFactory(organisation=membership.organisation).user
    EventFactory(title="Mine waiting", submitted=True, submitted_by=member, organisation=membership.organisation)
    EventFactory(title="Colleague's", submitted_by=colleague, organisation=membership.organisation)
    EventFactory(title="Someone else's")
    client.force_login(member)
    response = client.get(URL)
    page = response.content.decode()
    assert [event.title for event in response.context["page"].object_list] == ["Colleague's", "Mine waiting"]
    assert "Waiting for review</strong>" in page
    assert "Published</strong>" in page
    assert "Someone else" not in page


def test_it_shows_the_moderators_reason_for_rejecting(client, member, membership):
    EventFactory(rejected=True, review_note="Please add the venue’s address", submitted_by=member)
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert "Rejected</strong>" in page
    assert "Reason: Please add the venue’s address" in page


def test_it_lists_events_someone_submitted_for_an_organisation_they_have_since_left(client, member):
    EventFactory(title="From my old job", submitted_by=member)
    client.force_login(member)
    assert "From my old job" in client.get(URL).content.decode()


def test_it_offers_to_submit_only_to_approved_members(client):
    person = UserFactory()
    client.force_login(person)
    assert 'href="/events/submit"' not in client.get(URL).content.decode()
    MembershipFactory(user=person)
    assert 'href="/events/submit"' in client.get(URL).content.decode()


def test_it_runs_the_same_queries_for_many_events(client, member, membership, django_assert_max_num_queries):
    EventFactory.create_batch(30, submitted_by=member, organisation=membership.organisation)
    client.force_login(member)
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 30


def test_it_answers_only_get(client, member):
    client.force_login(member)
    assert client.post(URL).status_code == 405
