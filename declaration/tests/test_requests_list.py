import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from declaration.models import OrganisationRequest

pytestmark = pytest.mark.django_db

URL = "/manage/organisation-requests"


def make_request(**fields) -> OrganisationRequest:
    values = {"name": "Testshire Fire and Rescue", "organisation_type": "other_public_body", "nation": "england"}
    return OrganisationRequest.objects.create(requested_by=UserFactory(), **(values | fields))


def test_it_sends_anonymous_people_to_the_staff_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_but_a_moderator(request, sign_in_verified, person):
    client = sign_in_verified(request.getfixturevalue(person))
    assert client.get(URL).status_code == 403


def test_it_lists_the_requests_waiting_with_their_decisions(sign_in_verified, moderator):
    waiting = make_request(name="Waitshire Fire and Rescue", website="https://waitshire-fire.example")
    make_request(name="Addedshire Trust", status=OrganisationRequest.Status.ADDED)
    make_request(name="Declinedshire Ltd", status=OrganisationRequest.Status.DECLINED)

    page = sign_in_verified(moderator).get(URL).content.decode()

    assert "Waitshire Fire and Rescue" in page
    assert waiting.requested_by.email in page
    assert f'href="/manage/organisation-requests/{waiting.pk}/add"' in page
    assert f'href="/manage/organisation-requests/{waiting.pk}/decline"' in page
    assert "Addedshire Trust" not in page
    assert "Declinedshire Ltd" not in page


def test_it_says_when_none_are_waiting(sign_in_verified, moderator):
    assert "There are no requests waiting." in sign_in_verified(moderator).get(URL).content.decode()


def test_its_queries_do_not_grow_with_the_rows(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    for _ in range(2):
        make_request()
    with CaptureQueriesContext(connection) as two:
        client.get(URL)
    for _ in range(18):
        make_request()
    with CaptureQueriesContext(connection) as twenty:
        client.get(URL)
    assert len(twenty) == len(two)


def test_it_shows_a_page_at_a_time(sign_in_verified, moderator):
    for number in range(30):
        make_request(name=f"Request {number:02d}")
    client = sign_in_verified(moderator)
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert "Request 00" in first and "Request 29" not in first
    assert "Request 29" in second and "Request 00" not in second


def test_the_signatures_queue_links_to_it(sign_in_verified, moderator):
    assert f'href="{URL}"' in sign_in_verified(moderator).get("/manage/signatures").content.decode()


def test_it_accepts_only_get(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(URL).status_code == 405
