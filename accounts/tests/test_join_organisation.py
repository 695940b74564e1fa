import pytest

from accounts.models import Membership
from accounts.tests.factories import MembershipFactory
from accounts.workflow import MembershipStatus
from core.models import AuditEvent
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/account/organisations/join")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


def test_it_offers_current_organisations_only(signed_in):
    OrganisationFactory(name="Currentshire")
    OrganisationFactory(name="Formershire", ended=True)
    content = signed_in.get("/account/organisations/join").content.decode()
    assert '<select name="organisation"' in content
    assert "Currentshire" in content
    assert "Formershire" not in content


def test_it_asks_a_moderator_to_approve_a_request_from_another_domain(signed_in, member):
    organisation = OrganisationFactory(name="Testshire")
    OrganisationDomainFactory(organisation=organisation, domain="testshire.gov.uk")
    response = signed_in.post("/account/organisations/join", {"organisation": organisation.pk})
    assert response.status_code == 302
    assert response.url == "/account"
    membership = Membership.objects.get(user=member)
    assert membership.status == MembershipStatus.PENDING
    assert not membership.granted_by_domain
    assert AuditEvent.objects.get(action="membership.requested").actor == member
    assert b"You have asked to join Testshire" in signed_in.get("/account").content


def test_it_approves_a_request_from_the_organisations_own_domain_at_once(signed_in, member):
    organisation = OrganisationFactory(name="Examplebury")
    OrganisationDomainFactory(organisation=organisation, domain="example.com")
    signed_in.post("/account/organisations/join", {"organisation": organisation.pk})
    membership = Membership.objects.get(user=member)
    assert membership.status == MembershipStatus.APPROVED
    assert membership.granted_by_domain
    assert AuditEvent.objects.filter(action="membership.granted_by_domain").exists()
    assert b"You are now a member of Examplebury" in signed_in.get("/account").content


def test_it_refuses_an_ended_organisation(signed_in):
    ended = OrganisationFactory(ended=True)
    response = signed_in.post("/account/organisations/join", {"organisation": ended.pk})
    assert response.status_code == 200
    assert b'<a href="#id_organisation">Choose an organisation from the list</a>' in response.content
    assert not Membership.objects.exists()


def test_it_asks_which_organisation(signed_in):
    response = signed_in.post("/account/organisations/join", {"organisation": ""})
    assert b"<title>Error: " in response.content
    assert b"Choose the organisation you want to join" in response.content


def test_it_shows_an_error_when_asked_twice(signed_in, member):
    membership = MembershipFactory(user=member, pending=True, organisation__name="Twiceshire")
    response = signed_in.post("/account/organisations/join", {"organisation": membership.organisation.pk})
    assert response.status_code == 200
    assert b'<a href="#id_organisation">You have already asked to join Twiceshire</a>' in response.content
    assert Membership.objects.count() == 1


def test_it_refuses_other_methods(signed_in):
    assert signed_in.put("/account/organisations/join").status_code == 405
