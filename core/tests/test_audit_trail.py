import pytest

from accounts.tests.factories import UserFactory
from core import audit
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(moderator):
    organisation = OrganisationFactory(name="Testshire Council")
    audit.record(organisation, "organisation.updated", by=moderator, changes={"region": ("London", "South East")})
    return organisation


def url(organisation):
    return f"/manage/audit/organisations/organisation/{organisation.pk}"


def test_it_shows_staff_what_happened_to_an_object(client, moderator, sign_in_verified, organisation):
    sign_in_verified(moderator)

    response = client.get(url(organisation))

    content = response.content.decode()
    assert response.status_code == 200
    assert "organisation.updated" in content
    assert moderator.email in content
    assert "London" in content and "South East" in content


def test_staff_find_it_from_the_organisation_page(client, moderator, sign_in_verified, organisation):
    sign_in_verified(moderator)
    assert url(organisation) in client.get(organisation.get_absolute_url()).content.decode()


def test_the_public_organisation_page_does_not_link_to_it(client, organisation):
    assert url(organisation) not in client.get(organisation.get_absolute_url()).content.decode()


def test_it_refuses_a_public_sector_user(client, organisation):
    client.force_login(UserFactory())
    assert client.get(url(organisation)).status_code == 403


def test_it_sends_anonymous_people_to_the_staff_sign_in(client, organisation):
    assert client.get(url(organisation)).url.startswith("/staff/sign-in")


@pytest.mark.parametrize(
    "path",
    [
        "nowhere/thing/1",
        "organisations/organisation/999999",
        "organisations/organisation/x",
        "core/outboundemail/not-a-uuid",
        "core/outboundemail/%00",
        "sessions/session/%00abc",
    ],
)
def test_it_gives_404_for_an_unknown_object(client, moderator, sign_in_verified, path):
    sign_in_verified(moderator)
    assert client.get(f"/manage/audit/{path}").status_code == 404
