from accounts.tests.factories import MembershipFactory, TOTPDeviceFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.url == "/sign-in?next=/account"


def test_it_shows_the_persons_details_and_organisations(client, member):
    MembershipFactory(user=member, organisation=OrganisationFactory(name="Approvedshire"))
    MembershipFactory(user=member, organisation=OrganisationFactory(name="Pendingshire"), pending=True)
    MembershipFactory(
        user=member,
        organisation=OrganisationFactory(name="Rejectedshire"),
        rejected=True,
        reason="Not on our staff list",
    )
    client.force_login(member)
    content = client.get("/account").content.decode()
    assert "alex@example.com" in content
    assert 'value="Alex Member"' in content
    assert '<label class="govuk-label" for="id_full_name">Your name</label>' in content
    assert 'govuk-tag--green">Approved<' in content
    assert 'govuk-tag--yellow">Waiting for approval<' in content
    assert 'govuk-tag--red">Rejected<' in content
    assert "Not on our staff list" in content
    assert 'href="/account/organisations/join">Join an organisation<' in content


def test_it_leads_a_supplier_to_the_tender_instead_of_organisations(client, member):
    SupplierFactory(members=[member])
    client.force_login(member)

    content = client.get("/account").content.decode()

    assert 'href="/tender/your-suppliers">Your suppliers and their case studies<' in content
    assert 'href="/tender/alerts">' in content
    assert "Join an organisation" not in content


def test_it_changes_the_persons_name(client, member):
    client.force_login(member)
    response = client.post("/account", {"full_name": "  Alex Newname "})
    assert response.status_code == 302
    assert response.url == "/account"
    member.refresh_from_db()
    assert member.full_name == "Alex Newname"
    event = AuditEvent.objects.get(action="account.name_changed")
    assert event.changes == {"full_name": ["Alex Member", "Alex Newname"]}
    assert b"Your name has been saved" in client.get("/account").content


def test_it_asks_for_a_name(client, member):
    client.force_login(member)
    response = client.post("/account", {"full_name": " "})
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert b'<a href="#id_full_name">Enter your name</a>' in response.content
    member.refresh_from_db()
    assert member.full_name == "Alex Member"


def test_it_asks_staff_for_their_code_first(client, moderator):
    TOTPDeviceFactory(user=moderator)
    client.force_login(moderator)  # password given, code not yet
    response = client.get("/account")
    assert response.status_code == 302
    assert response.url.startswith("/staff/verify")


def test_it_shows_verified_staff_their_account(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    assert client.get("/account").status_code == 200


def test_it_refuses_other_methods(client, member):
    client.force_login(member)
    assert client.put("/account").status_code == 405


def test_it_links_a_member_to_their_organisations_work(client, member):
    MembershipFactory(user=member)
    client.force_login(member)
    page = client.get("/account").content.decode()
    for href in ("/declaration/progress", "/events/yours", "/fund/bids", "/projects/yours"):
        assert f'href="{href}"' in page
