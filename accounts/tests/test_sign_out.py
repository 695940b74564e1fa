from django.contrib.auth import SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY


def test_it_signs_out_and_forgets_the_second_factor(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert response.url == "/"
    assert SESSION_KEY not in client.session
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/manage/memberships").url.startswith("/staff/sign-in")


def test_it_refuses_get(client, member):
    client.force_login(member)
    assert client.get("/sign-out").status_code == 405
    assert SESSION_KEY in client.session
