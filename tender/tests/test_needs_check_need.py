import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from tender.tests.factories import NeedFactory
from tender.views.needs import check_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return NeedFactory(draft=True, title="Bins", slug="bins", budget_to=50000)


def url(need) -> str:
    return f"/tender/needs/{need.slug}/check"


def sign_in_colleague(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    client.force_login(membership.user)
    return membership.user


def test_it_sends_someone_not_signed_in_to_sign_in(client, draft):
    assert check_need.access_rule == "signed_in"
    assert client.get(url(draft)).url.startswith("/sign-in")


def test_it_shows_the_answers_with_links_to_change_them(client, draft):
    sign_in_colleague(client, draft)
    body = client.get(url(draft)).content.decode()
    assert "Check your answers before sending your need for review" in body
    assert "Up to £50,000" in body
    assert 'href="/tender/needs/bins/edit#id_problem"' in body
    assert "Send for review" in body


def test_it_sends_the_need_for_review(client, draft):
    colleague = sign_in_colleague(client, draft)
    response = client.post(url(draft))
    assert response.status_code == 302 and response.url == "/tender/needs/bins/submitted"
    draft.refresh_from_db()
    assert draft.status == NeedStatus.SUBMITTED and draft.submitted_at is not None
    audit = AuditEvent.objects.get(action="tender.need_submitted")
    assert (audit.actor, audit.changes) == (colleague, {"status": ["draft", "submitted"]})


def test_it_sends_a_rejected_need_again(client):
    need = NeedFactory(status=NeedStatus.REJECTED, published_at=None, review_note="Name no product")
    sign_in_colleague(client, need)
    assert "Name no product" in client.get(url(need)).content.decode()
    client.post(url(need))
    need.refresh_from_db()
    assert need.status == NeedStatus.SUBMITTED


def test_it_refuses_a_draft_whose_closing_date_has_passed(client):
    need = NeedFactory(draft=True, questions_close_on=timezone.localdate() - datetime.timedelta(days=1))
    sign_in_colleague(client, need)
    response = client.post(url(need))
    assert response.status_code == 200
    assert "The closing date for questions must be in the future. Change it before" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.DRAFT


def test_it_shows_a_need_waiting_for_review_without_changes(client):
    need = NeedFactory(submitted=True)
    sign_in_colleague(client, need)
    body = client.get(url(need)).content.decode()
    assert "A moderator is reviewing this need" in body and "/edit#" not in body
    response = client.post(url(need))
    assert "This need cannot be sent for review because it is waiting for review" in response.content.decode()


def test_it_sends_a_published_need_to_its_page(client):
    need = NeedFactory()
    sign_in_colleague(client, need)
    assert client.get(url(need)).url == f"/tender/needs/{need.slug}"


def test_another_organisation_does_not_find_it(client, draft):
    client.force_login(MembershipFactory().user)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == NeedStatus.DRAFT
