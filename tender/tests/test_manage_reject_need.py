import pytest
from django.core import mail

from core.models import AuditEvent
from tender.tests.factories import NeedFactory
from tender.views.manage import reject_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def need():
    return NeedFactory(submitted=True, title="Bins", author__email="priya@leeds.example.gov.uk")


def url(need) -> str:
    return f"/manage/tender/needs/{need.pk}/reject"


def test_it_is_for_moderators_only(client, sign_in_verified, member, need):
    assert reject_need.access_rule == "staff"
    assert client.post(url(need), {"reason": "No"}).status_code == 302
    assert sign_in_verified(member).post(url(need), {"reason": "No"}).status_code == 403
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED


def test_it_rejects_the_need_and_emails_the_reason(sign_in_verified, moderator, need):
    client = sign_in_verified(moderator)
    assert client.get(url(need)).status_code == 200
    response = client.post(url(need), {"reason": "Describe the problem rather than a product."})
    assert response.status_code == 302 and response.url == f"/manage/tender/needs/{need.pk}"
    need.refresh_from_db()
    assert need.status == NeedStatus.REJECTED and need.review_note == "Describe the problem rather than a product."
    audit = AuditEvent.objects.get(action="tender.need_rejected")
    assert (audit.actor, audit.reason) == (moderator, "Describe the problem rather than a product.")
    (email,) = mail.outbox
    assert email.to == ["priya@leeds.example.gov.uk"]
    assert email.subject == "Your need was not published: Bins"
    assert "Describe the problem rather than a product." in email.body
    assert "/tender/your-needs" in email.body


def test_it_asks_for_a_reason(sign_in_verified, moderator, need):
    response = sign_in_verified(moderator).post(url(need), {"reason": " "})
    assert '<a href="#id_reason">Enter why you are rejecting the need</a>' in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED
    assert mail.outbox == []


def test_it_refuses_a_need_not_waiting_for_review(sign_in_verified, moderator):
    need = NeedFactory()
    response = sign_in_verified(moderator).post(url(need), {"reason": "Too late"})
    assert "This need cannot be rejected because it is open" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.PUBLISHED
