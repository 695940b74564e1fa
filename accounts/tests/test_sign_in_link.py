from django.contrib.auth import SESSION_KEY

from accounts.models import Membership, SignInLink, User
from accounts.tests.factories import MembershipFactory, SignInLinkFactory, UserFactory
from accounts.tests.helpers import link_from_outbox
from accounts.workflow import MembershipStatus
from core.models import AuditEvent
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_it_shows_a_sign_in_button_without_spending_the_link(client):
    link = SignInLinkFactory(token="abc123")
    response = client.get("/sign-in/abc123")
    assert response.status_code == 200
    assert b'<form method="post"' in response.content
    assert b">Sign in</button>" in response.content
    link.refresh_from_db()
    assert link.used_at is None
    assert signed_in_user_id(client) is None


def test_it_signs_in_a_new_person_and_creates_their_account(client):
    SignInLinkFactory(token="abc123", email="new@example.com")
    response = client.post("/sign-in/abc123")
    assert response.status_code == 302
    assert response.url == "/account"
    user = User.objects.get(email="new@example.com")
    assert signed_in_user_id(client) == str(user.pk)
    assert not user.has_usable_password()
    assert SignInLink.objects.get().used_at is not None
    actions = set(AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert actions == {"account.created", "account.signed_in"}


def test_it_signs_in_an_existing_person_without_creating_an_account(client, member):
    SignInLinkFactory(token="abc123", email=member.email)
    client.post("/sign-in/abc123")
    assert signed_in_user_id(client) == str(member.pk)
    assert User.objects.count() == 1
    assert not AuditEvent.objects.filter(action="account.created").exists()
    assert AuditEvent.objects.filter(action="account.signed_in", actor=member).exists()


def test_the_whole_journey_from_the_email(client):
    client.post("/sign-in?next=/organisations/", {"email": "journey@example.com"})
    path = link_from_outbox()
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.url == "/organisations/"
    assert signed_in_user_id(client) == str(User.objects.get(email="journey@example.com").pk)


def test_it_refuses_a_link_used_twice(client):
    SignInLinkFactory(token="abc123", email="new@example.com")
    client.post("/sign-in/abc123")
    client.logout()
    response = client.post("/sign-in/abc123")
    assert response.status_code == 410
    assert b"This link has already been used" in response.content
    assert b'href="/sign-in"' in response.content
    assert signed_in_user_id(client) is None
    assert AuditEvent.objects.filter(action="account.signed_in").count() == 1


def test_it_says_a_used_link_has_been_used_before_the_button_is_shown(client):
    SignInLinkFactory(token="abc123", used=True)
    response = client.get("/sign-in/abc123")
    assert response.status_code == 410
    assert b"This link has already been used" in response.content


def test_it_refuses_an_expired_link(client):
    SignInLinkFactory(token="abc123", expired=True)
    for response in (client.get("/sign-in/abc123"), client.post("/sign-in/abc123")):
        assert response.status_code == 410
        assert b"This link has expired" in response.content
        assert b'href="/sign-in"' in response.content
    assert signed_in_user_id(client) is None
    assert not User.objects.exists()


def test_it_refuses_a_tampered_or_unknown_link(client):
    SignInLinkFactory(token="abc123")
    for path in ("/sign-in/abc124", "/sign-in/abc12", "/sign-in/" + "x" * 300):
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 400
            assert b"This link is not valid" in response.content
    assert signed_in_user_id(client) is None


def test_it_refuses_a_link_for_someone_who_has_since_become_staff(client):
    staff = UserFactory(email="staff@example.com", moderator=True)
    SignInLinkFactory(token="abc123", email=staff.email)
    response = client.post("/sign-in/abc123")
    assert response.status_code == 400
    assert signed_in_user_id(client) is None


def test_older_unused_links_still_work(client):
    SignInLinkFactory(token="older", email="someone@example.com")
    SignInLinkFactory(token="newer", email="someone@example.com")
    assert client.post("/sign-in/older").status_code == 302


def test_it_ignores_a_next_url_on_another_site(client):
    SignInLinkFactory(token="abc123", next_url="https://evil.example/")
    assert client.post("/sign-in/abc123").url == "/account"


def test_it_makes_people_members_of_organisations_that_own_their_domain(client):
    domain = OrganisationDomainFactory(domain="testshire.gov.uk")
    OrganisationDomainFactory(domain="other.gov.uk")
    SignInLinkFactory(token="abc123", email="pat@Testshire.gov.uk".lower())
    client.post("/sign-in/abc123")
    membership = Membership.objects.get()
    assert membership.organisation == domain.organisation
    assert membership.status == MembershipStatus.APPROVED
    assert membership.granted_by_domain


def test_it_grants_nothing_for_an_ended_organisation(client):
    OrganisationDomainFactory(domain="gone.gov.uk", organisation=OrganisationFactory(ended=True))
    SignInLinkFactory(token="abc123", email="pat@gone.gov.uk")
    client.post("/sign-in/abc123")
    assert not Membership.objects.exists()


def test_it_leaves_a_moderators_rejection_in_place(client, member):
    rejected = MembershipFactory(user=member, rejected=True)
    OrganisationDomainFactory(domain="example.com", organisation=rejected.organisation)
    SignInLinkFactory(token="abc123", email=member.email)
    client.post("/sign-in/abc123")
    rejected.refresh_from_db()
    assert rejected.status == MembershipStatus.REJECTED


def test_it_refuses_other_methods(client):
    SignInLinkFactory(token="abc123")
    assert client.put("/sign-in/abc123").status_code == 405
