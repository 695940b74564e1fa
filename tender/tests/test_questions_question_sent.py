import pytest

from accounts.tests.factories import UserFactory
from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker():
    return UserFactory(email="priya@civiccode.example")


@pytest.fixture
def question(asker):
    need = NeedFactory(title="Residents cannot see bin days", organisation__name="Testshire County Council")
    return QuestionFactory(need=need, supplier=SupplierFactory(members=[asker]), asked_by=asker)


def url(question):
    return f"/tender/questions/{question.pk}/sent"


def test_it_sends_anonymous_people_to_sign_in(client, question):
    assert client.get(url(question)).url.startswith("/sign-in?next=")


def test_it_confirms_the_question_and_says_the_council_will_answer(client, question, asker):
    client.force_login(asker)
    page = client.get(url(question)).content.decode()
    assert '<h1 class="govuk-panel__title">Question sent</h1>' in page
    assert "Testshire County Council will answer it" in page


def test_it_says_a_held_question_is_checked_first_without_saying_whose_name_it_found(client, question, asker):
    question.status = "held"
    question.held_because = "It may contain the name of someone who works at another supplier"
    question.save()
    client.force_login(asker)
    page = client.get(url(question)).content.decode()
    assert "A moderator will check your question before Testshire County Council sees it" in page
    assert "another supplier" not in page


def test_a_colleague_at_the_same_supplier_may_see_it(client, question):
    colleague = UserFactory()
    question.supplier.members.add(colleague)
    client.force_login(colleague)
    assert client.get(url(question)).status_code == 200


def test_someone_at_another_supplier_finds_nothing(client, question):
    client.force_login(SupplierFactory().members.get())
    assert client.get(url(question)).status_code == 404


def test_it_refuses_a_post(client, question, asker):
    client.force_login(asker)
    assert client.post(url(question)).status_code == 405
