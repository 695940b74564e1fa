import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import SignInLink
from accounts.tests.factories import UserFactory
from accounts.tests.helpers import link_from_outbox

FORMAT_ERROR = "Enter an email address in the correct format, like name@example.com"


def test_it_asks_for_an_email_address(client):
    response = client.get("/sign-in")
    assert response.status_code == 200
    assert b'name="email"' in response.content
    assert b"Email address" in response.content
    assert b">Continue</button>" in response.content
    assert b'name="csrfmiddlewaretoken"' in response.content


@pytest.mark.parametrize("email", ["", "   ", "not-an-email", "name@", "@example.com"])
def test_it_shows_a_gov_uk_error_for_a_missing_or_malformed_address(client, email):
    response = client.post("/sign-in", {"email": email})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert 'class="govuk-error-summary"' in content
    assert f'<a href="#id_email">{FORMAT_ERROR}</a>' in content
    assert 'id="id_email-error"' in content
    assert not mail.outbox
    assert not SignInLink.objects.exists()


def test_it_emails_a_sign_in_link_and_asks_them_to_check_their_email(client):
    response = client.post("/sign-in", {"email": " New.Person@Council.example.gov.uk "})
    assert response.status_code == 302
    assert response.url == "/sign-in/check-your-email"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@council.example.gov.uk"]
    assert link_from_outbox().startswith("/sign-in/")
    page = client.get(response.url)
    assert b"Check your email" in page.content
    assert b"new.person@council.example.gov.uk" in page.content


def test_it_stores_only_a_hash_of_the_token(client):
    client.post("/sign-in", {"email": "someone@example.com"})
    token = link_from_outbox().removeprefix("/sign-in/")
    link = SignInLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in SignInLink.objects.values_list().get()]
    assert not any(token in value for value in stored)


def test_it_makes_the_link_expire_after_the_configured_time(client, settings):
    settings.SIGN_IN_LINK_MAX_AGE_MINUTES = 15
    client.post("/sign-in", {"email": "someone@example.com"})
    link = SignInLink.objects.get()
    assert abs(link.expires_at - (timezone.now() + timedelta(minutes=15))) < timedelta(seconds=5)
    assert "15 minutes" in mail.outbox[0].body


def _check_page_for(client, email):
    response = client.post("/sign-in", {"email": email}, follow=True)
    page = response.content.decode().replace(email, "EMAIL")
    return response.redirect_chain, response.status_code, page


def test_it_says_the_same_whatever_the_address(client):
    UserFactory(email="known@example.com")
    UserFactory(email="staff@example.com", moderator=True, password="a long staff password")
    known = _check_page_for(client, "known@example.com")
    unknown = _check_page_for(client, "unknown@example.com")
    staff = _check_page_for(client, "staff@example.com")
    assert known == unknown == staff
    assert len(mail.outbox) == 3


def test_it_sends_staff_a_note_to_use_the_staff_sign_in_instead_of_a_link(client):
    UserFactory(email="staff@example.com", assessor=True)
    client.post("/sign-in", {"email": "staff@example.com"})
    assert not SignInLink.objects.exists()
    assert "/staff/sign-in" in mail.outbox[0].body
    assert "/sign-in/" not in mail.outbox[0].body.replace("/staff/sign-in", "")


def test_it_keeps_a_next_url_on_this_site(client):
    client.post("/sign-in?next=/organisations/", {"email": "someone@example.com"})
    assert SignInLink.objects.get().next_url == "/organisations/"


def test_it_drops_a_next_url_on_another_site(client):
    client.post("/sign-in?next=https://evil.example/", {"email": "someone@example.com"})
    assert SignInLink.objects.get().next_url == ""


def test_it_drops_a_next_url_with_a_nul_character(client):
    # PostgreSQL refuses NUL in text: storing it would be a server error, not a sign-in link.
    response = client.post("/sign-in?next=/organisations%00/", {"email": "someone@example.com"})
    assert response.status_code == 302
    assert SignInLink.objects.get().next_url == ""


def test_it_limits_requests_for_one_email_address(client, settings):
    settings.SIGN_IN_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        assert client.post("/sign-in", {"email": "someone@example.com"}).status_code == 302
    response = client.post("/sign-in", {"email": "SOMEONE@example.com "})
    assert response.status_code == 429
    assert b"You have tried too many times" in response.content
    assert len(mail.outbox) == 2
    assert client.post("/sign-in", {"email": "someone.else@example.com"}).status_code == 302


def test_it_limits_requests_from_one_ip_address(client, settings):
    settings.SIGN_IN_RATE_PER_IP = "3/h"
    for n in range(3):
        assert client.post("/sign-in", {"email": f"person{n}@example.com"}).status_code == 302
    assert client.post("/sign-in", {"email": "another@example.com"}).status_code == 429
    assert len(mail.outbox) == 3


def test_it_does_not_count_visits_to_the_form(client, settings):
    settings.SIGN_IN_RATE_PER_IP = "1/h"
    for _ in range(3):
        client.get("/sign-in")
    assert client.post("/sign-in", {"email": "someone@example.com"}).status_code == 302


def test_the_check_your_email_page_sends_people_without_a_request_back_to_sign_in(client):
    response = client.get("/sign-in/check-your-email")
    assert response.status_code == 302
    assert response.url == "/sign-in"


def test_it_refuses_other_methods(client):
    assert client.put("/sign-in").status_code == 405
