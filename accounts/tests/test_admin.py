from accounts.models import Role
from accounts.tests.factories import MembershipFactory, SignInLinkFactory, TOTPDeviceFactory, UserFactory
from accounts.tests.helpers import current_code
from core.models import AuditEvent

PASSWORD = "correct horse battery staple"


def test_it_sends_anonymous_visitors_through_the_staff_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/sign-in?next=%2Fadmin%2F"
    assert b'type="password"' in response.content


def test_its_own_login_page_redirects_to_the_staff_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response.url == "/staff/sign-in?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_it_refuses_a_programme_admin_who_gave_only_a_password(client, programme_admin):
    TOTPDeviceFactory(user=programme_admin)
    client.force_login(programme_admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/verify?next=%2Fadmin%2F"
    assert b"Site administration" not in response.content


def test_it_refuses_a_programme_admin_without_an_authenticator_app(client, programme_admin):
    client.force_login(programme_admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/staff/set-up-authenticator?next=%2Fadmin%2F"
    assert b"Site administration" not in response.content


def test_it_admits_a_programme_admin_after_password_and_code(client):
    user = UserFactory(email="admin@localdigital.example", programme_admin=True, password=PASSWORD)
    device = TOTPDeviceFactory(user=user)
    response = client.post("/staff/sign-in?next=/admin/", {"email": user.email, "password": PASSWORD})
    response = client.post(response.url, {"code": current_code(device)})
    assert response.url == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Site administration" in response.content


def test_it_refuses_a_verified_moderator(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_it_lists_and_searches_users_without_password_hashes(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    UserFactory(email="findme@example.com", password="a long enough password")
    response = client.get("/admin/accounts/user/?q=findme")
    assert response.status_code == 200
    assert b"findme@example.com" in response.content
    target = UserFactory(email="findme@example.com")
    change = client.get(f"/admin/accounts/user/{target.pk}/change/")
    assert change.status_code == 200
    assert b"pbkdf2" not in change.content
    assert b'name="role"' in change.content
    assert b'name="password"' not in change.content


def test_it_records_a_role_change(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    target = UserFactory(email="promote@example.com", full_name="Pat")
    response = client.post(
        f"/admin/accounts/user/{target.pk}/change/",
        {"email": target.email, "full_name": "Pat", "role": Role.MODERATOR, "is_active": "on"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.MODERATOR
    event = AuditEvent.objects.get(action="account.changed_by_admin")
    assert event.changes == {"role": ["", "moderator"]}
    assert event.actor == programme_admin


def test_it_shows_sign_in_links_read_only(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    link = SignInLinkFactory(token="secret-token")
    assert client.get("/admin/accounts/signinlink/").status_code == 200
    detail = client.get(f"/admin/accounts/signinlink/{link.pk}/change/")
    assert detail.status_code == 200
    assert link.token_hash.encode() not in detail.content
    assert b'name="_save"' not in detail.content
    assert client.get("/admin/accounts/signinlink/add/").status_code == 403


def test_it_shows_memberships(sign_in_verified, programme_admin):
    client = sign_in_verified(programme_admin)
    membership = MembershipFactory(user__full_name="Findable Member")
    assert b"Findable Member" in client.get("/admin/accounts/membership/").content
    assert client.get(f"/admin/accounts/membership/{membership.pk}/change/").status_code == 200
