import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from core.models import OutboundEmail

pytestmark = pytest.mark.django_db


def make_messages(count, **fields):
    for n in range(count):
        OutboundEmail.objects.create(
            to=f"person{n}@example.com", template="sign_in_link", subject="Sign in", body="secret link", **fields
        )


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    response = client.get("/manage/emails")
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in")


def test_it_refuses_a_public_sector_user(client):
    client.force_login(UserFactory())
    assert client.get("/manage/emails").status_code == 403


def test_it_refuses_an_assessor(client, assessor, sign_in_verified):
    sign_in_verified(assessor)
    assert client.get("/manage/emails").status_code == 403


def test_it_lists_messages_with_their_status_but_not_their_body(client, moderator, sign_in_verified):
    make_messages(2, status=OutboundEmail.Status.FAILED, last_error="The address is not valid")
    sign_in_verified(moderator)

    response = client.get("/manage/emails")

    content = response.content.decode()
    assert response.status_code == 200
    assert "person0@example.com" in content
    assert "The address is not valid" in content
    assert "Failed" in content
    assert "secret link" not in content


def test_it_filters_by_status(client, moderator, sign_in_verified):
    make_messages(1, status=OutboundEmail.Status.FAILED)
    OutboundEmail.objects.create(to="sent@example.com", template="t", subject="s", body="", status="sent")
    sign_in_verified(moderator)

    content = client.get("/manage/emails?status=failed").content.decode()

    assert "person0@example.com" in content
    assert "sent@example.com" not in content


def test_it_shows_an_error_for_an_unknown_status(client, moderator, sign_in_verified):
    sign_in_verified(moderator)
    response = client.get("/manage/emails?status=lost")
    assert "Select a status from the list" in response.content.decode()
    assert response.content.decode().count("govuk-error-summary") >= 1


def test_it_runs_the_same_number_of_queries_for_2_or_40_messages(client, moderator, sign_in_verified):
    sign_in_verified(moderator)
    make_messages(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/manage/emails")
    make_messages(38)
    with CaptureQueriesContext(connection) as many:
        client.get("/manage/emails")
    assert len(few) == len(many)
