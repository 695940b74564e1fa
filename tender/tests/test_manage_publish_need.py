import datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from core.models import AuditEvent
from tender.tests.factories import NeedFactory
from tender.views.manage import publish_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(
        submitted=True, title="Bins", slug="bins", author__email="priya@leeds.example.gov.uk", review_note="Old note"
    )


def url(need) -> str:
    return f"/manage/tender/needs/{need.pk}/publish"


def test_it_is_for_moderators_only(client, sign_in_verified, member, need):
    assert publish_need.access_rule == "staff"
    assert client.post(url(need)).status_code == 302
    assert sign_in_verified(member).post(url(need)).status_code == 403
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED


def test_it_publishes_the_need_and_emails_its_author(sign_in_verified, moderator, need):
    response = sign_in_verified(moderator).post(url(need))
    assert response.status_code == 302 and response.url == f"/manage/tender/needs/{need.pk}"
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED and need.published_at is not None and need.review_note == ""
    audit = AuditEvent.objects.get(action="tender.need_published")
    assert (audit.actor, audit.changes) == (moderator, {"status": ["submitted", "published"]})
    (email,) = mail.outbox
    assert email.to == ["priya@leeds.example.gov.uk"]
    assert email.subject == "Your need is published: Bins"
    assert "/tender/needs/bins" in email.body


def test_it_announces_the_need_inside_the_publishing_transaction(sign_in_verified, moderator, need, monkeypatch):
    announced = []

    def announce(published):
        announced.append((published.pk, published.status, connection.in_atomic_block))
        return 0

    monkeypatch.setattr("tender.alerts.announce", announce)
    sign_in_verified(moderator).post(url(need))
    assert announced == [(need.pk, NeedStatus.PUBLISHED, True)]


def test_it_announces_nothing_when_publishing_is_refused(sign_in_verified, moderator, monkeypatch):
    need = NeedFactory()
    announced = []
    monkeypatch.setattr("tender.alerts.announce", announced.append)
    response = sign_in_verified(moderator).post(url(need))
    assert "This need cannot be published because it is open" in response.content.decode()
    assert announced == [] and mail.outbox == []


def test_it_refuses_a_need_whose_closing_date_has_passed(sign_in_verified, moderator):
    need = NeedFactory(submitted=True, questions_close_on=timezone.localdate() - datetime.timedelta(days=1))
    response = sign_in_verified(moderator).post(url(need))
    assert "The closing date for questions has passed" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED


def test_it_answers_only_post(sign_in_verified, moderator, need):
    assert sign_in_verified(moderator).get(url(need)).status_code == 405
