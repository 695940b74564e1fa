import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from events.tests.factories import EventFactory
from tender.tests.factories import InterestFactory, NeedFactory, SupplierFactory
from tender.views.needs import show_and_tell
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(title="Bins", slug="bins")


@pytest.fixture
def event(need):
    return EventFactory(title="Bins show and tell", organisation=need.organisation)


@pytest.fixture
def colleague(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    client.force_login(membership.user)
    return membership.user


URL = "/tender/needs/bins/show-and-tell"


def test_it_sends_someone_not_signed_in_to_sign_in(client, need):
    assert show_and_tell.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in")


def test_it_offers_only_the_organisation_upcoming_published_events(client, need, event, colleague):
    EventFactory(title="Someone else's", organisation__name="Elsewhere")
    EventFactory(title="Over already", organisation=need.organisation, past=True)
    EventFactory(title="Not yet published", organisation=need.organisation, submitted=True)
    body = client.get(URL).content.decode()
    assert "Bins show and tell" in body
    assert "Someone else" not in body and "Over already" not in body and "Not yet published" not in body


def test_it_invites_every_person_at_each_interested_supplier(client, need, event, colleague):
    first = SupplierFactory(members=[UserFactory(email="a@civic.example"), UserFactory(email="b@civic.example")])
    InterestFactory(need=need, supplier=first)
    InterestFactory(need=need, supplier=SupplierFactory(members=[UserFactory(email="c@other.example")]))
    InterestFactory(
        need=need,
        supplier=SupplierFactory(status=SupplierStatus.SUSPENDED, members=[UserFactory(email="d@gone.example")]),
    )
    response = client.post(URL, {"event": event.pk})
    assert response.status_code == 302 and response.url == "/tender/needs/bins"
    need.refresh_from_db()
    assert need.show_and_tell == event
    assert AuditEvent.objects.get(action="tender.show_and_tell_chosen").actor == colleague
    assert sorted(email.to[0] for email in mail.outbox) == ["a@civic.example", "b@civic.example", "c@other.example"]
    assert mail.outbox[0].subject == "Invitation to a show-and-tell: Bins"
    assert f"/events/{event.pk}" in mail.outbox[0].body
    assert colleague.email not in mail.outbox[0].body

    # Choosing the same event again invites nobody twice.
    client.post(URL, {"event": event.pk})
    assert len(mail.outbox) == 3


def test_it_refuses_an_event_of_another_organisation(client, need, colleague):
    elsewhere = EventFactory()
    response = client.post(URL, {"event": elsewhere.pk})
    assert "Select one of your organisation’s upcoming events" in response.content.decode()
    need.refresh_from_db()
    assert need.show_and_tell is None


def test_it_explains_how_to_add_an_event_when_there_is_none(client, need, colleague):
    body = client.get(URL).content.decode()
    assert "Your organisation has no published events still to come" in body
    assert 'href="/events/submit"' in body


def test_it_refuses_a_closed_need(client, colleague, event):
    need = NeedFactory(closed=True, organisation=event.organisation)
    response = client.post(f"/tender/needs/{need.slug}/show-and-tell", {"event": event.pk})
    assert "You cannot invite suppliers because this need is closed" in response.content.decode()
    need.refresh_from_db()
    assert need.show_and_tell is None


def test_another_organisation_does_not_find_it(client, need, event):
    client.force_login(MembershipFactory().user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"event": event.pk}).status_code == 404


def test_a_supplier_does_not_find_it(client, need, event):
    supplier = SupplierFactory()
    InterestFactory(need=need, supplier=supplier)
    client.force_login(supplier.members.get())
    assert client.post(URL, {"event": event.pk}).status_code == 404
    assert mail.outbox == []
