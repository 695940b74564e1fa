import pytest

from accounts.tests.factories import UserFactory
from tender.tests.factories import NeedFactory, QuestionFactory, SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/manage/tender/questions"


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    assert client.get(URL).url.startswith("/staff/sign-in?next=")


def test_it_is_only_for_staff(client, member):
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_an_assessor_may_not_see_it(sign_in_verified, assessor):
    assert sign_in_verified(assessor).get(URL).status_code == 403


def test_it_lists_held_questions_with_why_and_who_asked(sign_in_verified, moderator):
    need = NeedFactory(title="Residents cannot see bin days", organisation__name="Testshire County Council")
    held = QuestionFactory(
        need=need, supplier=SupplierFactory(name="Civic Code Ltd"), text="Call me on 07700 900123", held=True
    )
    QuestionFactory(need=need, text="A question waiting for the council")

    page = sign_in_verified(moderator).get(URL).content.decode()

    assert "Call me on 07700 900123" in page
    assert "It may contain an email address" in page
    assert "Civic Code Ltd" in page
    assert f'action="/manage/tender/questions/{held.pk}/release"' in page
    assert f'href="/manage/tender/questions/{held.pk}/turn-down"' in page
    assert "A question waiting for the council" not in page


def test_it_says_when_none_are_held(sign_in_verified, moderator):
    assert "No questions are held." in sign_in_verified(moderator).get(URL).content.decode()


def test_it_reads_a_bounded_number_of_queries_however_many_are_held(
    sign_in_verified, programme_admin, django_assert_max_num_queries
):
    client = sign_in_verified(programme_admin)
    for _ in range(30):
        QuestionFactory(held=True, supplier=SupplierFactory(members=[UserFactory()]))
    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert page.count("/release") == 25


def test_it_refuses_a_post(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
