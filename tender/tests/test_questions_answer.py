import re

import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import InterestFactory, NeedFactory, QuestionFactory, SupplierFactory
from tender.workflow import QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def officer(council):
    user = UserFactory()
    MembershipFactory(user=user, organisation=council)
    return user


@pytest.fixture
def asker():
    return UserFactory(full_name="Priya Shah", email="priya@civiccode.example")


@pytest.fixture
def question(council, asker):
    return QuestionFactory(
        need=NeedFactory(organisation=council, title="Residents cannot see bin days"),
        supplier=SupplierFactory(name="Civic Code Ltd", members=[asker]),
        asked_by=asker,
        text="At Civic Code we wonder: do you have an API?",
    )


def url(question):
    return f"/tender/your-needs/questions/{question.pk}"


ANSWER = {"published_question": "Is there an API for bin rounds?", "answer": "Not yet: we plan one this year."}


def test_it_sends_anonymous_people_to_sign_in(client, question):
    assert client.get(url(question)).url.startswith("/sign-in?next=")
    assert client.post(url(question), ANSWER).url.startswith("/sign-in?next=")


def test_it_shows_the_question_the_supplier_and_a_wording_to_edit(client, officer, question):
    client.force_login(officer)
    page = client.get(url(question)).content.decode()
    assert "Civic Code Ltd" in page
    assert "Priya" not in page and "priya@" not in page
    wording = re.search(r'<textarea name="published_question"[^>]*>(.*?)</textarea>', page, flags=re.DOTALL)
    assert wording[1].strip() == "At Civic Code we wonder: do you have an API?"


def test_it_publishes_the_answer_for_everyone_at_once(client, officer, question):
    rival = SupplierFactory(name="Open Councils Ltd")
    InterestFactory(need=question.need, supplier=rival)
    client.force_login(officer)

    response = client.post(url(question), ANSWER)

    assert response.url == "/tender/your-needs/questions"
    question.refresh_from_db()
    assert (question.status, question.published_question) == (QuestionStatus.ANSWERED, ANSWER["published_question"])
    assert AuditEvent.objects.filter(action="tender.question_answered", actor=officer).exists()
    assert "Your answer is published on the need’s page" in client.get(response.url).content.decode()
    public = client.get(question.need.get_absolute_url()).content.decode()
    assert "Is there an API for bin rounds?" in public and "Not yet: we plan one this year." in public
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [question.asked_by.email, rival.members.get().email]
    )


def test_it_refuses_a_wording_that_names_the_supplier(client, officer, question):
    client.force_login(officer)

    page = client.post(url(question), {**ANSWER, "published_question": "Civic Code asks: API?"}).content.decode()

    message = "The published question must not say who asked. Remove the name of the supplier that asked (‘Civic Code’)"
    assert "<title>Error: " in page
    assert f'<a href="#id_published_question">{message}</a>' in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER
    assert mail.outbox == []


def test_it_asks_for_both_the_wording_and_the_answer(client, officer, question):
    client.force_login(officer)
    page = client.post(url(question), {"published_question": "", "answer": ""}).content.decode()
    assert '<a href="#id_published_question">Enter the question as everyone will see it</a>' in page
    assert '<a href="#id_answer">Enter your answer</a>' in page


def test_an_answered_question_shows_its_answer_and_no_form(client, officer, question):
    question.status, question.published_question, question.answer = "answered", "Is there an API?", "No."
    question.save()
    client.force_login(officer)
    page = client.get(url(question)).content.decode()
    assert "Is there an API?" in page
    assert 'name="answer"' not in page


def test_it_refuses_to_answer_twice(client, officer, question):
    client.force_login(officer)
    client.post(url(question), ANSWER)
    page = client.post(url(question), {**ANSWER, "answer": "Changed my mind"}).content.decode()
    assert "This question cannot be answered because it is answered" in page
    question.refresh_from_db()
    assert question.answer == ANSWER["answer"]


def test_a_question_held_for_a_moderator_is_not_found(client, officer, question):
    question.status = QuestionStatus.HELD
    question.save()
    client.force_login(officer)
    assert client.get(url(question)).status_code == 404


def test_a_member_of_another_organisation_finds_nothing(client, question):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=OrganisationFactory())
    client.force_login(stranger)
    assert client.get(url(question)).status_code == 404
    assert client.post(url(question), ANSWER).status_code == 404
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER


def test_the_supplier_that_asked_finds_nothing(client, question, asker):
    client.force_login(asker)
    assert client.get(url(question)).status_code == 404


def test_someone_waiting_to_join_the_organisation_finds_nothing(client, council, question):
    client.force_login(MembershipFactory(organisation=council, pending=True).user)
    assert client.get(url(question)).status_code == 404


def test_it_refuses_other_methods(client, officer, question):
    client.force_login(officer)
    assert client.put(url(question)).status_code == 405
