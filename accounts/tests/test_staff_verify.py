import pytest
from django.utils import timezone

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from accounts.tests.helpers import current_code
from core.models import AuditEvent


@pytest.fixture
def device(moderator):
    return TOTPDeviceFactory(user=moderator)


@pytest.fixture
def half_signed_in(client, moderator, device):
    client.force_login(moderator)  # as after the password step
    return client


def test_it_asks_for_the_code(half_signed_in):
    response = half_signed_in.get("/staff/verify")
    assert response.status_code == 200
    assert b'name="code"' in response.content
    assert b'autocomplete="one-time-code"' in response.content
    assert b"Enter the 6-digit code from your authenticator app" in response.content
    assert b">Continue</button>" in response.content


def test_it_finishes_signing_in_with_a_correct_code(half_signed_in, moderator, device):
    response = half_signed_in.post("/staff/verify", {"code": current_code(device)})
    assert response.status_code == 302
    assert response.url == "/manage/memberships"
    assert half_signed_in.get("/manage/memberships").status_code == 200
    assert AuditEvent.objects.get(action="account.staff_signed_in").actor == moderator


def test_it_accepts_a_code_with_a_space(half_signed_in, device):
    code = current_code(device)
    response = half_signed_in.post("/staff/verify", {"code": f"{code[:3]} {code[3:]}"})
    assert response.url == "/manage/memberships"


def test_it_returns_to_where_they_were_going(half_signed_in, device):
    response = half_signed_in.post("/staff/verify?next=/admin/", {"code": current_code(device)})
    assert response.url == "/admin/"


def test_it_ignores_a_next_url_on_another_site(half_signed_in, device):
    response = half_signed_in.post("/staff/verify?next=https://evil.example/", {"code": current_code(device)})
    assert response.url == "/manage/memberships"


def test_it_refuses_a_wrong_code(half_signed_in, device):
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    response = half_signed_in.post("/staff/verify", {"code": wrong})
    assert response.status_code == 200
    assert b"<title>Error: " in response.content
    assert b"The code is not correct" in response.content
    # The refusal is tied to the field, so screen readers announce it with the input.
    assert b'aria-describedby="id_code-hint id_code-error"' in response.content
    assert half_signed_in.get("/manage/memberships").url == "/staff/verify"


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef"])
def test_it_asks_for_six_digits(half_signed_in, code):
    response = half_signed_in.post("/staff/verify", {"code": code})
    assert b'<a href="#id_code">Enter the 6-digit code from your authenticator app</a>' in response.content


def test_it_refuses_a_code_used_once_already(half_signed_in, client, device):
    code = current_code(device)
    half_signed_in.post("/staff/verify", {"code": code})
    client.logout()
    client.force_login(device.user)
    response = client.post("/staff/verify", {"code": code})
    assert b"The code is not correct" in response.content


def test_it_stops_accepting_codes_after_repeated_failures(half_signed_in, device):
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = half_signed_in.post("/staff/verify", {"code": current_code(device)})
    assert b"You have entered too many wrong codes" in response.content
    assert not AuditEvent.objects.filter(action="account.staff_signed_in").exists()


def test_it_limits_code_attempts(half_signed_in, settings):
    settings.STAFF_CODE_RATE = "2/m"
    for _ in range(2):
        half_signed_in.post("/staff/verify", {"code": "000000"})
    assert half_signed_in.post("/staff/verify", {"code": "000000"}).status_code == 429


def test_it_sends_staff_without_an_authenticator_app_to_set_one_up(client, assessor):
    client.force_login(assessor)
    assert client.get("/staff/verify").url == "/staff/set-up-authenticator"


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    assert client.get("/staff/verify").url == "/staff/sign-in"


def test_it_sends_a_public_sector_user_to_the_staff_sign_in(client):
    client.force_login(UserFactory())
    assert client.get("/staff/verify").url == "/staff/sign-in"


def test_it_sends_someone_already_verified_on(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/staff/verify").url == "/manage/memberships"


def test_it_refuses_other_methods(half_signed_in):
    assert half_signed_in.put("/staff/verify").status_code == 405
