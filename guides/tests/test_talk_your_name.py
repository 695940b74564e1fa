import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from guides.models import PublicName
from guides.tests.factories import CommentFactory, RevisionFactory
from guides.views.talk import your_name
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/guides/your-name"


@pytest.fixture
def person():
    organisation = OrganisationFactory(name="Testshire County Council")
    return MembershipFactory(organisation=organisation, user__full_name="Priya Shah").user


def test_it_is_for_signed_in_people(client):
    assert your_name.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_it_explains_that_without_a_name_only_the_organisation_is_shown(client, person):
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert "Without one, only your organisation is shown." in page
    assert "(Testshire County Council)" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_it_sets_the_name_shown_with_edits_and_messages(client, person):
    revision = RevisionFactory(author=person)
    comment = CommentFactory(author=person)
    client.force_login(person)
    response = client.post(URL, {"name": "  Priya  "})

    assert response.status_code == 302 and response.url == URL
    assert PublicName.objects.get(user=person).name == "Priya"
    revision.refresh_from_db()
    comment.refresh_from_db()
    assert revision.author_display_name == comment.author_display_name == "Priya"
    page = client.get(URL).content.decode()
    assert "Your edits and messages now show your public name, Priya, and your organisation" in page
    assert 'value="Priya"' in page


def test_clearing_it_leaves_only_the_organisation_everywhere(client, person):
    client.force_login(person)
    client.post(URL, {"name": "Priya"})
    revision = RevisionFactory(author=person, author_display_name="Priya")
    response = client.post(URL, {"name": ""})

    assert not PublicName.objects.exists()
    revision.refresh_from_db()
    assert revision.author_display_name == ""
    assert "now show only your organisation" in client.get(response.url).content.decode()
    event = AuditEvent.objects.filter(action="guides.public_name_changed").order_by("pk").last()
    assert event.changes == {"public_name": ["Priya", ""]}


def test_it_refuses_an_email_address(client, person):
    client.force_login(person)
    page = client.post(URL, {"name": "priya@testshire.example.gov.uk"}).content.decode()
    assert '<a href="#id_name">Enter a name, not an email address</a>' in page
    assert not PublicName.objects.exists()


def test_it_refuses_a_name_over_the_limit(client, person):
    client.force_login(person)
    page = client.post(URL, {"name": "P" * 101}).content.decode()
    assert "Your public name must be 100 characters or fewer" in page
    assert not PublicName.objects.exists()


def test_it_changes_only_the_signed_in_persons_name(client, person):
    other = MembershipFactory().user
    PublicName.objects.create(user=other, name="Jo")
    others_revision = RevisionFactory(author=other, author_display_name="Jo")
    client.force_login(person)
    client.post(URL, {"name": "Priya"})
    others_revision.refresh_from_db()
    assert others_revision.author_display_name == "Jo"
    assert PublicName.objects.get(user=other).name == "Jo"


def test_it_refuses_other_methods(client, person):
    client.force_login(person)
    assert client.put(URL).status_code == 405
