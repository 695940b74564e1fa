import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from core import outbox
from core.models import AuditEvent, OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed():
    return OutboundEmail.objects.create(
        to="person@example.com", template="sign_in_link", subject="Sign in", body="Body", status="failed", attempts=8
    )


def test_it_puts_a_failed_email_back_in_the_queue_and_sends_it(client, moderator, sign_in_verified, failed):
    sign_in_verified(moderator)

    response = client.post(f"/manage/emails/{failed.pk}/retry")

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="email.retried", actor=moderator).exists()


def test_it_does_not_queue_an_email_that_is_not_failed(client, moderator, sign_in_verified, failed):
    OutboundEmail.objects.filter(pk=failed.pk).update(status="sent")
    sign_in_verified(moderator)

    client.post(f"/manage/emails/{failed.pk}/retry")

    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="email.retried").exists()


def test_it_does_not_queue_an_email_whose_address_was_erased(client, moderator, sign_in_verified, failed):
    outbox.forget("person@example.com")
    sign_in_verified(moderator)

    client.post(f"/manage/emails/{failed.pk}/retry")

    failed.refresh_from_db()
    assert failed.status == OutboundEmail.Status.FAILED
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="email.retried").exists()
    assert f"/manage/emails/{failed.pk}/retry" not in client.get("/manage/emails").content.decode()


def test_it_refuses_a_public_sector_user(client, failed):
    client.force_login(UserFactory())
    assert client.post(f"/manage/emails/{failed.pk}/retry").status_code == 403


def test_it_accepts_only_post(client, moderator, sign_in_verified, failed):
    sign_in_verified(moderator)
    assert client.get(f"/manage/emails/{failed.pk}/retry").status_code == 405


def test_it_gives_404_for_an_unknown_email(client, moderator, sign_in_verified):
    sign_in_verified(moderator)
    assert client.post("/manage/emails/00000000-0000-0000-0000-000000000000/retry").status_code == 404
