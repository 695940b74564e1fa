import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from events.models import Topic
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.views.needs import edit_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db


def form_data(need, **changes) -> dict:
    closes = need.questions_close_on
    data = {
        "title": need.title,
        "problem": need.problem,
        "services_affected": need.services_affected,
        "procurement_timing": need.procurement_timing,
        "budget_from": "",
        "budget_to": "",
        "topics": [str(topic.pk) for topic in need.topics.all()],
        "questions_close_on_day": str(closes.day),
        "questions_close_on_month": str(closes.month),
        "questions_close_on_year": str(closes.year),
        "continue": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def draft():
    return NeedFactory(draft=True, title="Bins", slug="bins")


def url(need) -> str:
    return f"/tender/needs/{need.slug}/edit"


def sign_in_colleague(client, need):
    membership = MembershipFactory(organisation=need.organisation)
    client.force_login(membership.user)
    return membership.user


def test_it_sends_someone_not_signed_in_to_sign_in(client, draft):
    assert edit_need.access_rule == "signed_in"
    assert client.get(url(draft)).url.startswith("/sign-in")


def test_a_colleague_changes_a_draft(client, draft):
    colleague = sign_in_colleague(client, draft)
    accessibility = Topic.objects.get(slug="accessibility")
    response = client.post(url(draft), form_data(draft, problem="Changed problem", topics=[str(accessibility.pk)]))
    assert response.status_code == 302 and response.url == "/tender/needs/bins/check"
    draft.refresh_from_db()
    assert draft.problem == "Changed problem"
    assert [topic.slug for topic in draft.topics.all()] == ["accessibility"]
    audit = AuditEvent.objects.get(action="tender.need_changed")
    assert audit.actor == colleague and audit.changes["problem"] == ["", ""]


def test_a_new_title_gives_the_draft_a_new_address(client, draft):
    sign_in_colleague(client, draft)
    response = client.post(url(draft), form_data(draft, title="Bin collection days"))
    assert response.url == "/tender/needs/bin-collection-days/check"
    draft.refresh_from_db()
    assert draft.slug == "bin-collection-days"


def test_it_changes_a_rejected_need_and_shows_the_reason(client):
    need = NeedFactory(status=NeedStatus.REJECTED, published_at=None, review_note="Describe the problem, not a product")
    sign_in_colleague(client, need)
    assert "Describe the problem, not a product" in client.get(url(need)).content.decode()
    client.post(url(need), form_data(need, services_affected="Waste and recycling"))
    need.refresh_from_db()
    assert need.services_affected == "Waste and recycling" and need.status == NeedStatus.REJECTED


def test_it_shows_errors_and_changes_nothing(client, draft):
    sign_in_colleague(client, draft)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        url(draft),
        form_data(
            draft,
            problem="",
            questions_close_on_day=str(yesterday.day),
            questions_close_on_month=str(yesterday.month),
            questions_close_on_year=str(yesterday.year),
        ),
    )
    body = response.content.decode()
    assert "Describe the problem and who has it" in body
    assert "The closing date for questions must be in the future" in body
    draft.refresh_from_db()
    assert draft.problem.startswith("Residents phone us")


@pytest.mark.parametrize("state", ["submitted", "closed"])
def test_it_does_not_change_a_need_once_sent_for_review(client, state):
    need = NeedFactory(**{state: True})
    sign_in_colleague(client, need)
    response = client.post(url(need), form_data(need, problem="Changed"))
    assert response.status_code == 302 and response.url == f"/tender/needs/{need.slug}/check"
    need.refresh_from_db()
    assert need.problem != "Changed"


def test_another_organisation_does_not_find_it(client, draft):
    client.force_login(MembershipFactory().user)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), form_data(draft, problem="Changed")).status_code == 404


def test_its_author_who_has_left_the_organisation_does_not_find_it(client, draft):
    client.force_login(draft.author)
    assert client.get(url(draft)).status_code == 404


def test_a_supplier_does_not_find_it(client, draft):
    client.force_login(SupplierFactory().members.get())
    assert client.get(url(draft)).status_code == 404
