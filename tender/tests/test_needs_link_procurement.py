import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.tests.factories import NeedFactory
from tender.views.needs import link_procurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(slug="bins")


@pytest.fixture
def colleague(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    client.force_login(membership.user)
    return membership.user


URL = "/tender/needs/bins/procurement"


def test_it_sends_someone_not_signed_in_to_sign_in(client, need):
    assert link_procurement.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in")


@pytest.mark.parametrize(
    ("typed", "stored", "notice"),
    [
        ("012345-2026", "012345-2026", "https://www.find-tender.service.gov.uk/Notice/012345-2026"),
        (
            " ocds-h6vhtk-0A1B2C ",
            "ocds-h6vhtk-0a1b2c",
            "https://www.find-tender.service.gov.uk/Procurement/ocds-h6vhtk-0a1b2c",
        ),
        (
            "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "https://www.contractsfinder.service.gov.uk/Notice/3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        ),
    ],
)
def test_it_links_the_notice_and_audits_it(client, need, colleague, typed, stored, notice):
    response = client.post(URL, {"procurement_reference": typed})
    assert response.status_code == 302 and response.url == "/tender/needs/bins"
    need.refresh_from_db()
    assert need.procurement_reference == stored
    audit = AuditEvent.objects.get(action="tender.need_linked_to_procurement")
    assert (audit.actor, audit.changes) == (colleague, {"procurement_reference": ["", stored]})
    assert f'href="{notice}"' in client.get("/tender/needs/bins").content.decode()


@pytest.mark.parametrize("typed", ["", "12345-2026", "ocds-abc", "https://example.com/notice"])
def test_it_refuses_a_reference_in_the_wrong_format(client, need, colleague, typed):
    response = client.post(URL, {"procurement_reference": typed})
    assert response.status_code == 200
    assert '<a href="#id_procurement_reference">' in response.content.decode()
    need.refresh_from_db()
    assert need.procurement_reference == ""
    assert not AuditEvent.objects.filter(action="tender.need_linked_to_procurement").exists()


def test_it_links_a_closed_need(client, colleague):
    need = NeedFactory(closed=True)
    MembershipFactory(user=colleague, organisation=need.organisation)
    client.post(f"/tender/needs/{need.slug}/procurement", {"procurement_reference": "012345-2026"})
    need.refresh_from_db()
    assert need.procurement_reference == "012345-2026"


def test_it_refuses_a_draft(client, colleague):
    need = NeedFactory(draft=True)
    MembershipFactory(user=colleague, organisation=need.organisation)
    response = client.post(f"/tender/needs/{need.slug}/procurement", {"procurement_reference": "012345-2026"})
    assert "cannot be linked to a notice because it is draft" in response.content.decode()
    need.refresh_from_db()
    assert need.procurement_reference == ""


def test_another_organisation_does_not_find_it(client, need):
    client.force_login(MembershipFactory().user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"procurement_reference": "012345-2026"}).status_code == 404
    need.refresh_from_db()
    assert need.procurement_reference == ""
