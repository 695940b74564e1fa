import pytest

from accounts.tests.factories import MembershipFactory
from events.tests.factories import EventFactory
from events.views.submit import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(member):
    membership = MembershipFactory(user=member, organisation__name="Bristol City Council")
    return EventFactory(
        submitted=True, title="Bristol open data meetup", submitted_by=member, organisation=membership.organisation
    )


def test_it_needs_someone_signed_in(client, event):
    assert submitted.access_rule == "signed_in"
    assert client.get(f"/events/{event.pk}/submitted").status_code == 302


def test_it_confirms_the_submission(client, member, event):
    client.force_login(member)
    page = client.get(f"/events/{event.pk}/submitted").content.decode()
    assert '<h1 class="govuk-panel__title">Event submitted</h1>' in page
    assert "Bristol open data meetup" in page
    assert 'href="/events/yours"' in page


def test_it_does_not_find_another_organisations_event(client, event):
    outsider = MembershipFactory().user
    client.force_login(outsider)
    assert client.get(f"/events/{event.pk}/submitted").status_code == 404


def test_it_answers_only_get(client, member, event):
    client.force_login(member)
    assert client.post(f"/events/{event.pk}/submitted").status_code == 405
