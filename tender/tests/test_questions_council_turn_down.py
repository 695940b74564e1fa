import pytest
from django.core import mail

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import NeedFactory, QuestionFactory
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
def question(council):
    need = NeedFactory(organisation=council, title="Residents cannot see bin days")
    return QuestionFactory(need=need, text="What did your last supplier charge for this?")


def url(question):
    return f"/tender/your-needs/questions/{question.pk}/turn-down"


REASON = {"reason": "It asks about another contract, which we cannot discuss here"}


def test_it_sends_anonymous_people_to_sign_in(client, question):
    assert client.get(url(question)).url.startswith("/sign-in?next=")


def test_it_shows_the_question_and_asks_why(client, officer, question):
    client.force_login(officer)
    page = client.get(url(question)).content.decode()
    assert question.text in page
    assert "Why will the question not be published?" in page


def test_it_turns_the_question_down_and_emails_the_reason(client, officer, question):
    client.force_login(officer)

    response = client.post(url(question), REASON)

    assert response.url == "/tender/your-needs/questions"
    question.refresh_from_db()
    assert (question.status, question.reason) == (QuestionStatus.REJECTED, REASON["reason"])
    assert AuditEvent.objects.get(action="tender.question_rejected").actor == officer
    (email,) = mail.outbox
    assert email.to == [question.asked_by.email]
    assert REASON["reason"] in email.body
    assert question.text not in client.get(question.need.get_absolute_url()).content.decode()


def test_it_asks_for_a_reason(client, officer, question):
    client.force_login(officer)
    page = client.post(url(question), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why the question will not be published</a>' in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER


def test_it_refuses_a_question_already_answered(client, officer, question):
    question.status = QuestionStatus.ANSWERED
    question.save()
    client.force_login(officer)
    page = client.post(url(question), REASON).content.decode()
    assert "This question cannot be turned down because it is answered" in page
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_a_held_question_is_not_found(client, officer, question):
    question.status = QuestionStatus.HELD
    question.save()
    client.force_login(officer)
    assert client.post(url(question), REASON).status_code == 404


def test_a_member_of_another_organisation_finds_nothing(client, question):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=OrganisationFactory())
    client.force_login(stranger)
    assert client.post(url(question), REASON).status_code == 404
    question.refresh_from_db()
    assert question.status == QuestionStatus.AWAITING_ANSWER


def test_it_refuses_other_methods(client, officer, question):
    client.force_login(officer)
    assert client.put(url(question)).status_code == 405
