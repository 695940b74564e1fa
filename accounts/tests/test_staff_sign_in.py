from django.contrib.auth import SESSION_KEY

from accounts.tests.factories import TOTPDeviceFactory, UserFactory

PASSWORD = "correct horse battery staple"
GENERIC_ERROR = b"Enter a correct email address and password"


def staff(**kwargs):
    return UserFactory(email="mo@localdigital.example", moderator=True, password=PASSWORD, **kwargs)


def test_it_asks_for_an_email_address_and_password(client):
    response = client.get("/staff/sign-in")
    assert response.status_code == 200
    assert b'name="email"' in response.content
    assert b'type="password" name="password"' in response.content
    assert b">Continue</button>" in response.content


def test_it_takes_staff_with_an_authenticator_app_to_the_code_page(client):
    user = staff()
    TOTPDeviceFactory(user=user)
    response = client.post("/staff/sign-in", {"email": "MO@localdigital.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/staff/verify"
    assert client.session[SESSION_KEY] == str(user.pk)


def test_it_takes_staff_without_an_authenticator_app_to_set_one_up(client):
    staff()
    response = client.post("/staff/sign-in", {"email": "mo@localdigital.example", "password": PASSWORD})
    assert response.url == "/staff/set-up-authenticator"


def test_it_passes_on_where_they_were_going(client):
    TOTPDeviceFactory(user=staff())
    response = client.post("/staff/sign-in?next=/admin/", {"email": "mo@localdigital.example", "password": PASSWORD})
    assert response.url == "/staff/verify?next=%2Fadmin%2F"


def test_it_refuses_a_wrong_password(client):
    staff()
    response = client.post("/staff/sign-in", {"email": "mo@localdigital.example", "password": "wrong"})
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert GENERIC_ERROR in response.content
    assert SESSION_KEY not in client.session


def test_it_gives_the_same_error_for_an_unknown_email_address(client):
    response = client.post("/staff/sign-in", {"email": "nobody@example.com", "password": PASSWORD})
    assert GENERIC_ERROR in response.content


def test_it_refuses_a_public_sector_user(client):
    # Public-sector users have no password; even if one had, this is not their way in.
    UserFactory(email="council@example.gov.uk", password=PASSWORD)
    response = client.post("/staff/sign-in", {"email": "council@example.gov.uk", "password": PASSWORD})
    assert GENERIC_ERROR in response.content
    assert SESSION_KEY not in client.session


def test_it_refuses_a_deactivated_staff_member(client):
    staff(is_active=False)
    response = client.post("/staff/sign-in", {"email": "mo@localdigital.example", "password": PASSWORD})
    assert GENERIC_ERROR in response.content


def test_it_asks_for_both_fields(client):
    response = client.post("/staff/sign-in", {"email": "", "password": ""})
    assert b'<a href="#id_email">Enter your email address</a>' in response.content
    assert b'<a href="#id_password">Enter your password</a>' in response.content


def test_it_limits_attempts_for_one_email_address(client, settings):
    settings.SIGN_IN_RATE_PER_EMAIL = "2/h"
    staff()
    for _ in range(2):
        client.post("/staff/sign-in", {"email": "mo@localdigital.example", "password": "wrong"})
    response = client.post("/staff/sign-in", {"email": "Mo@localdigital.example", "password": PASSWORD})
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_it_limits_attempts_from_one_ip_address(client, settings):
    settings.SIGN_IN_RATE_PER_IP = "2/h"
    for n in range(2):
        client.post("/staff/sign-in", {"email": f"guess{n}@example.com", "password": "wrong"})
    assert client.post("/staff/sign-in", {"email": "guess@example.com", "password": "wrong"}).status_code == 429


def test_it_sends_someone_who_gave_their_password_on_to_the_code(client):
    user = staff()
    TOTPDeviceFactory(user=user)
    client.force_login(user)
    assert client.get("/staff/sign-in").url == "/staff/verify"


def test_it_refuses_other_methods(client):
    assert client.put("/staff/sign-in").status_code == 405
