"""The questions and answers on a need's page (tender/questions/_on_need.html, with
tender.questions.need_page_context), and what the need's feed says of them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from tender import questions
from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory
from tender.workflow import QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker():
    return UserFactory(full_name="Priya Shah", email="priya@civiccode.example")


@pytest.fixture
def supplier(asker):
    return SupplierFactory(name="Civic Code Ltd", members=[asker])


@pytest.fixture
def need():
    return NeedFactory(title="Residents cannot see bin days", organisation__name="Testshire County Council")


@pytest.fixture
def answered(need, supplier, asker):
    return QuestionFactory(
        need=need,
        supplier=supplier,
        asked_by=asker,
        text="Priya at Civic Code here: do you have an API?",
        status=QuestionStatus.ANSWERED,
        published_question="Is there an API for bin rounds?",
        answer="Not yet: we plan one this year.",
        answered_at=timezone.now(),
    )


def questions_section(page: str) -> str:
    return page[page.index('<section class="govuk-!-margin-top-8" id="questions"') :]


def test_everyone_sees_the_published_wording_and_answer_and_never_who_asked(client, need, answered):
    QuestionFactory(need=need, text="A question still waiting")
    QuestionFactory(need=need, text="A held question", held=True)
    QuestionFactory(need=need, text="A question turned down", status=QuestionStatus.REJECTED)

    page = client.get(need.get_absolute_url()).content.decode()

    assert "Is there an API for bin rounds?" in page
    assert "Not yet: we plan one this year." in page
    for hidden in ("Priya", "priya@", "Civic Code", "A question still waiting", "A held question", "turned down"):
        assert hidden not in page


def test_another_supplier_does_not_learn_who_asked_either(client, need, answered):
    client.force_login(SupplierFactory(name="Open Councils Ltd").members.get())
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Is there an API for bin rounds?" in page
    assert "Civic Code" not in page and "Priya" not in page


def test_the_feed_never_says_who_asked(client, need, answered):
    feed = client.get("/tender/needs.atom").content.decode()
    assert "Residents cannot see bin days" in feed
    for hidden in ("Priya", "priya@", "Civic Code"):
        assert hidden not in feed


def test_someone_at_a_supplier_gets_the_ask_form_while_questions_are_open(client, need, supplier, asker):
    client.force_login(asker)
    section = questions_section(client.get(need.get_absolute_url()).content.decode())
    closes = need.questions_close_on
    assert f"can ask questions until 11:59pm on {closes.day} {closes:%B %Y}" in section
    assert f'<form method="post" action="/tender/needs/{need.slug}/questions" novalidate>' in section
    assert 'name="csrfmiddlewaretoken"' in section
    assert 'name="text"' in section


def test_a_council_member_gets_no_ask_form_but_hears_of_waiting_questions(client, need):
    officer = UserFactory()
    MembershipFactory(user=officer, organisation=need.organisation)
    QuestionFactory(need=need)
    QuestionFactory(need=need)
    client.force_login(officer)

    section = questions_section(client.get(need.get_absolute_url()).content.decode())

    assert 'name="text"' not in section
    assert "2 questions on this need are waiting for your organisation’s answer" in section
    assert 'href="/tender/your-needs/questions"' in section


def test_anonymous_people_are_asked_to_sign_in_to_ask(client, need):
    section = questions_section(client.get(need.get_absolute_url()).content.decode())
    assert "sign in to ask a question" in section
    assert 'name="text"' not in section


def test_after_the_closing_date_it_says_when_questions_closed(client, asker, supplier):
    need = NeedFactory(questions_close_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(asker)
    section = questions_section(client.get(need.get_absolute_url()).content.decode())
    closed = need.questions_close_on
    assert f"Questions closed on {closed.day} {closed:%B %Y}." in section
    assert 'name="text"' not in section


def test_a_need_closed_early_takes_no_more_questions(client, asker, supplier):
    client.force_login(asker)
    section = questions_section(client.get(NeedFactory(closed=True).get_absolute_url()).content.decode())
    assert "This need is closed, so it takes no more questions." in section
    assert 'name="text"' not in section


def test_it_reads_the_same_number_of_queries_for_2_answers_as_for_20(need, supplier, asker):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries_run:
            questions.need_page_context(need, asker)
        return len(queries_run)

    for _ in range(2):
        QuestionFactory(need=need, supplier=supplier, answered=True)
    with_two = count_queries()
    for _ in range(18):
        QuestionFactory(need=need, supplier=supplier, answered=True)
    assert count_queries() == with_two
    assert len(questions.need_page_context(need, asker)["need_questions"]["answered"]) == 20
