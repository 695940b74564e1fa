import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/tender/your-needs/questions"


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


@pytest.fixture
def officer(council):
    user = UserFactory()
    MembershipFactory(user=user, organisation=council)
    return user


@pytest.fixture
def need(council):
    return NeedFactory(organisation=council, title="Residents cannot see bin days")


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_it_lists_the_questions_waiting_for_the_organisations_answer(client, officer, need):
    waiting = QuestionFactory(need=need, text="Do you hold the rounds as data?")
    QuestionFactory(need=need, text="An answered one", answered=True)
    QuestionFactory(need=need, text="A held one with 07700 900123", held=True)
    QuestionFactory(need=NeedFactory(), text="Another council’s question")
    client.force_login(officer)

    page = client.get(URL).content.decode()

    assert "Do you hold the rounds as data?" in page
    assert f'href="/tender/your-needs/questions/{waiting.pk}"' in page
    for hidden in ("An answered one", "A held one", "Another council’s question"):
        assert hidden not in page


def test_a_pending_member_sees_none(client, need):
    QuestionFactory(need=need, text="Do you hold the rounds as data?")
    waiting_to_join = MembershipFactory(organisation=need.organisation, pending=True).user
    client.force_login(waiting_to_join)
    page = client.get(URL).content.decode()
    assert "No questions are waiting for an answer." in page
    assert "Do you hold the rounds as data?" not in page


def test_it_never_names_the_person_who_asked(client, officer, need):
    asker = UserFactory(full_name="Priya Shah", email="priya@civiccode.example")
    QuestionFactory(need=need, supplier=SupplierFactory(members=[asker]), asked_by=asker)
    client.force_login(officer)
    page = client.get(URL).content.decode()
    assert "Priya" not in page and "priya@" not in page


def test_it_reads_a_bounded_number_of_queries_however_many_questions(
    client, officer, need, django_assert_max_num_queries
):
    supplier = SupplierFactory()
    for number in range(30):
        QuestionFactory(need=need if number % 2 else NeedFactory(organisation=need.organisation), supplier=supplier)
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        page = client.get(URL).content.decode()
    assert page.count("Answer<span") == 25


def test_it_refuses_a_post(client, officer):
    client.force_login(officer)
    assert client.post(URL).status_code == 405
