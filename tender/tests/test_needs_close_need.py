import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.views.needs import close_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(slug="bins")


@pytest.fixture
def colleague(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    client.force_login(membership.user)
    return membership.user


URL = "/tender/needs/bins/close"


def test_it_sends_someone_not_signed_in_to_sign_in(client, need):
    assert close_need.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in")


def test_it_closes_the_need_with_its_outcome(client, need, colleague):
    response = client.post(URL, {"outcome": "We bought a collection-day service from a small supplier."})
    assert response.status_code == 302 and response.url == "/tender/needs/bins"
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED and need.closed_at is not None
    assert need.outcome == "We bought a collection-day service from a small supplier."
    audit = AuditEvent.objects.get(action="tender.need_closed")
    assert (audit.actor, audit.changes) == (colleague, {"status": ["published", "closed"]})
    body = client.get("/tender/needs/bins").content.decode()
    assert "We bought a collection-day service from a small supplier." in body


def test_it_asks_for_the_outcome(client, need, colleague):
    response = client.post(URL, {"outcome": "  "})
    assert '<a href="#id_outcome">Enter what happened</a>' in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED


def test_it_refuses_a_need_already_closed(client, colleague):
    need = NeedFactory(closed=True, outcome="Done")
    MembershipFactory(user=colleague, organisation=need.organisation)
    response = client.post(f"/tender/needs/{need.slug}/close", {"outcome": "Again"})
    assert "This need cannot be closed because it is closed" in response.content.decode()
    need.refresh_from_db()
    assert need.outcome == "Done"


def test_another_organisation_does_not_find_it(client, need):
    client.force_login(MembershipFactory().user)
    assert client.post(URL, {"outcome": "Closed by a stranger"}).status_code == 404
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED


def test_a_supplier_does_not_find_it(client, need):
    client.force_login(SupplierFactory().members.get())
    assert client.get(URL).status_code == 404
