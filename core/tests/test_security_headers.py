import pytest

pytestmark = pytest.mark.django_db


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
