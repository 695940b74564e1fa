import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_sends_a_content_security_policy_with_the_pages_nonce(client):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert f'<script nonce="{nonce}">' in response.content.decode()


def test_it_gives_each_response_a_new_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]

    assert first != second


def test_it_forbids_framing_sniffing_and_full_referrers(client):
    response = client.get("/")

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_sends_the_headers_on_error_pages_too(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
