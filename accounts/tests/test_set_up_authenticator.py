import re
from base64 import b32encode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import TOTPDeviceFactory
from accounts.tests.helpers import current_code
from core.models import AuditEvent


@pytest.fixture
def half_signed_in(client, moderator):
    client.force_login(moderator)  # as after the password step, with no device yet
    return client


def test_it_shows_a_qr_code_and_the_key(half_signed_in, moderator):
    response = half_signed_in.get("/staff/set-up-authenticator")
    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="QR code', content)
    device = TOTPDevice.objects.get(user=moderator)
    assert not device.confirmed
    secret = b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code id="secret-key">([A-Z2-7 ]+)</code>', content).group(1)
    assert shown.replace(" ", "") == secret
    assert 'name="code"' in content
    assert " style=" not in content.split("<main", 1)[1]


def test_it_keeps_the_same_key_when_the_page_is_reloaded(half_signed_in, moderator):
    half_signed_in.get("/staff/set-up-authenticator")
    half_signed_in.get("/staff/set-up-authenticator")
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_it_confirms_the_app_and_finishes_signing_in(half_signed_in, moderator):
    half_signed_in.get("/staff/set-up-authenticator")
    device = TOTPDevice.objects.get(user=moderator)
    response = half_signed_in.post("/staff/set-up-authenticator", {"code": current_code(device)})
    assert response.status_code == 302
    assert response.url == "/manage/memberships"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.get(action="account.second_factor_added").actor == moderator
    assert half_signed_in.get("/manage/memberships").status_code == 200


def test_it_refuses_a_wrong_code(half_signed_in, moderator):
    half_signed_in.get("/staff/set-up-authenticator")
    device = TOTPDevice.objects.get(user=moderator)
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    response = half_signed_in.post("/staff/set-up-authenticator", {"code": wrong})
    assert response.status_code == 200
    assert b"The code is not correct" in response.content
    device.refresh_from_db()
    assert not device.confirmed
    assert half_signed_in.get("/manage/memberships").url == "/staff/verify"


def test_it_sends_staff_who_already_have_an_app_to_the_code_page(client, moderator):
    TOTPDeviceFactory(user=moderator)
    client.force_login(moderator)
    assert client.get("/staff/set-up-authenticator").url == "/staff/verify"
    assert client.post("/staff/set-up-authenticator", {"code": "123456"}).url == "/staff/verify"


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    assert client.get("/staff/set-up-authenticator").url == "/staff/sign-in"


def test_it_limits_code_attempts(half_signed_in, settings):
    settings.STAFF_CODE_RATE = "2/m"
    for _ in range(2):
        half_signed_in.post("/staff/set-up-authenticator", {"code": "000000"})
    assert half_signed_in.post("/staff/set-up-authenticator", {"code": "000000"}).status_code == 429


def test_it_refuses_other_methods(half_signed_in):
    assert half_signed_in.put("/staff/set-up-authenticator").status_code == 405
