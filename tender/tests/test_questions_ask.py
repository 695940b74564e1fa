import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.dates import LONDON
from tender.models import Question
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.workflow import QuestionStatus

pytestmark = pytest.mark.django_db


# Next year's: a moment the tests pretend it is must not be earlier than the real one, which
# the outbox stamps on every message it queues.
CLOSING_DAY = datetime.date(timezone.localdate().year + 1, 3, 31)


@pytest.fixture
def need():
    return NeedFactory(title="Residents cannot see bin days", questions_close_on=CLOSING_DAY)


@pytest.fixture
def asker():
    return UserFactory(email="priya@civiccode.example", full_name="Priya Shah")


@pytest.fixture
def supplier(asker):
    return SupplierFactory(name="Civic Code Ltd", members=[asker])


def url(need):
    return f"/tender/needs/{need.slug}/questions"


def test_it_sends_anonymous_people_to_sign_in(client, need):
    assert client.get(url(need)).url.startswith("/sign-in?next=")
    assert client.post(url(need), {"text": "Hello?"}).url.startswith("/sign-in?next=")
    assert not Question.objects.exists()


def test_it_records_the_question_and_confirms_it(client, need, supplier, asker):
    client.force_login(asker)

    response = client.post(url(need), {"text": "Do you hold the rounds as data?"})

    question = Question.objects.get()
    assert response.url == f"/tender/questions/{question.pk}/sent"
    assert (question.need, question.supplier, question.asked_by) == (need, supplier, asker)
    assert question.status == QuestionStatus.AWAITING_ANSWER
    assert [message.to for message in mail.outbox] == [[asker.email]]


def test_it_shows_the_form_to_someone_at_a_supplier(client, need, supplier, asker):
    client.force_login(asker)
    page = client.get(url(need)).content.decode()
    assert f"until 11:59pm on 31 March {CLOSING_DAY.year}" in page
    assert 'name="text"' in page
    assert 'name="supplier"' not in page


def test_it_asks_for_a_question(client, need, supplier, asker):
    client.force_login(asker)
    page = client.post(url(need), {"text": "  "}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_text">Enter your question</a>' in page
    assert not Question.objects.exists()


def test_it_refuses_an_overlong_question(client, need, supplier, asker):
    client.force_login(asker)
    page = client.post(url(need), {"text": "x" * 2001}).content.decode()
    assert "Your question must be 2,000 characters or fewer" in page
    assert not Question.objects.exists()


def test_after_the_closing_date_it_says_so_and_saves_nothing(client, need, supplier, asker, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(CLOSING_DAY.year, 4, 1, tzinfo=LONDON))
    client.force_login(asker)

    closed = f"Questions on this need closed on 31 March {CLOSING_DAY.year}"
    assert f"{closed}." in client.get(url(need)).content.decode()
    page = client.post(url(need), {"text": "Too late?"}).content.decode()

    assert f'<a href="#id_text">{closed}</a>' in page
    assert 'id="id_text-error"' in page
    assert not Question.objects.exists()
    assert mail.outbox == []


def test_someone_at_two_suppliers_says_which_one_is_asking(client, need, supplier, asker):
    other = SupplierFactory(name="Bins Direct Ltd", members=[asker])
    client.force_login(asker)

    page = client.post(url(need), {"text": "Which one?"}).content.decode()
    assert '<a href="#id_supplier_0">Select the supplier you are asking for</a>' in page
    assert not Question.objects.exists()

    client.post(url(need), {"text": "Which one?", "supplier": other.pk})
    assert Question.objects.get().supplier == other


def test_it_refuses_a_supplier_the_person_does_not_work_at(client, need, supplier, asker):
    SupplierFactory(members=[asker])
    stranger = SupplierFactory(name="Not Mine Ltd")
    client.force_login(asker)
    page = client.post(url(need), {"text": "Mine?", "supplier": stranger.pk}).content.decode()
    assert "Select the supplier you are asking for" in page
    assert not Question.objects.exists()


def test_someone_who_is_not_at_a_supplier_is_told_who_can_ask(client, need):
    officer = UserFactory()
    MembershipFactory(user=officer, organisation=need.organisation)
    client.force_login(officer)

    assert "Only people who work at a supplier listed on the Tender can ask" in client.get(url(need)).content.decode()
    page = client.post(url(need), {"text": "Can I ask?"}).content.decode()
    assert "Only people who work at a supplier listed on the Tender can ask questions" in page
    assert not Question.objects.exists()


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_a_need_that_is_not_published_is_not_found(client, asker, supplier, state):
    client.force_login(asker)
    need = NeedFactory(**{state: True})
    assert client.get(url(need)).status_code == 404
    assert client.post(url(need), {"text": "Hello?"}).status_code == 404
    assert not Question.objects.exists()


def test_it_limits_how_many_questions_one_person_sends(client, need, supplier, asker, settings):
    settings.TENDER_QUESTION_RATE = "2/h"
    client.force_login(asker)
    for number in range(2):
        client.post(url(need), {"text": f"Question {number}"})
    assert client.post(url(need), {"text": "One too many"}).status_code == 429
    assert Question.objects.count() == 2


def test_it_refuses_other_methods(client, need, asker):
    client.force_login(asker)
    assert client.put(url(need)).status_code == 405
