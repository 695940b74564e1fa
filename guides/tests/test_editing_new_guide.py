import pytest
from django.test import Client

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from events.models import Topic
from guides import services
from guides.models import Guide, GuideLink, PublicName
from guides.tests.factories import GuideFactory
from guides.views.editing import new_guide
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/guides/new"


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire Council")


@pytest.fixture
def editor(council):
    return MembershipFactory(organisation=council).user


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def form_data(**changes) -> dict:
    data = {
        "title": "Paying research participants",
        "category": "how_tos",
        "body": "## Vouchers\n\nOffer a £20 voucher for an hour.",
        "summary": "Started the guide",
    }
    return data | changes


def errors(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert not Guide.objects.exists()
    return page


def test_it_sends_someone_not_signed_in_to_sign_in(client):
    assert new_guide.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_the_form_states_the_licence_and_whose_name_is_shown(signed_in):
    page = signed_in.get(URL).content.decode()
    assert "Write a new guide" in page
    assert "Open Government Licence v3.0 and Creative Commons Attribution 4.0" in page
    assert "Your organisation is shown with your changes, never your name" in page
    assert 'name="based_on"' not in page
    # Someone who works for one organisation is not asked which.
    assert 'name="organisation"' not in page


def test_a_link_to_a_missing_guide_fills_in_its_title(signed_in):
    page = signed_in.get(URL, {"title": "Recruiting  carers"}).content.decode()
    assert 'value="Recruiting carers"' in page


def test_a_link_to_a_guide_written_since_goes_to_it(signed_in):
    GuideFactory(title="Recruiting carers", slug="recruiting-carers")
    assert signed_in.get(URL, {"title": "recruiting carers"}).url == "/guides/recruiting-carers"


def test_a_member_publishes_a_guide(signed_in, editor, council):
    PublicName.objects.create(user=editor, name="Robin")
    GuideFactory(title="Booking a room")
    topic = Topic.objects.order_by("pk").first()

    response = signed_in.post(URL, form_data(body="Book it first: [[Booking a room]].", topics=[str(topic.pk)]))

    guide = Guide.objects.get(title="Paying research participants")
    assert response.status_code == 302 and response.url == "/guides/paying-research-participants"
    revision = guide.current_revision
    assert (revision.number, revision.summary, revision.author_organisation) == (1, "Started the guide", council)
    assert revision.author_display_name == "Robin"
    assert list(guide.topics.all()) == [topic]
    assert list(GuideLink.objects.filter(from_guide=guide).values_list("to_guide__title", flat=True)) == [
        "Booking a room"
    ]
    assert AuditEvent.objects.filter(action="guides.guide_created").exists()


def test_someone_working_for_several_organisations_chooses_which_they_write_for(signed_in, editor):
    other = MembershipFactory(user=editor, organisation=OrganisationFactory(name="Another Council")).organisation

    assert 'name="organisation"' in signed_in.get(URL).content.decode()
    page = errors(signed_in.post(URL, form_data()))
    assert "Select the organisation you are writing for" in page

    signed_in.post(URL, form_data(organisation=str(other.pk)))
    assert Guide.objects.get().current_revision.author_organisation == other


def test_it_refuses_an_organisation_they_do_not_work_for(signed_in, editor):
    MembershipFactory(user=editor)
    stranger = OrganisationFactory()
    page = errors(signed_in.post(URL, form_data(organisation=str(stranger.pk))))
    assert "Select an organisation from the list" in page


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"title": ""}, "Enter the guide’s title", "title"),
        ({"title": "A" * 151}, "The title must be 150 characters or fewer", "title"),
        ({"body": ""}, "Enter the guide’s text", "body"),
        ({"body": "a" * 100_001}, "The guide’s text must be 100,000 characters or fewer", "body"),
        ({"summary": ""}, "Enter a summary of your changes", "summary"),
        ({"summary": "a" * 201}, "The summary must be 200 characters or fewer", "summary"),
        ({"category": ""}, "Select the guide’s category", "category_0"),
        ({"title": "The [[best]] guide"}, "The title must not contain square brackets", "title"),
    ],
)
def test_it_shows_what_to_fix_and_saves_nothing(signed_in, changes, message, field):
    page = errors(signed_in.post(URL, form_data(**changes)))
    assert message in page
    assert f'href="#id_{field}"' in page


def test_it_refuses_a_title_another_guide_has(signed_in):
    GuideFactory(title="Paying research participants")
    response = signed_in.post(URL, form_data(title="paying research PARTICIPANTS"))
    page = response.content.decode()
    assert "There is already a guide called “Paying research participants”. Choose a different title" in page
    assert 'href="#id_title"' in page
    assert Guide.objects.count() == 1


def test_a_supplier_account_is_refused(client, editor):
    SupplierFactory(members=[editor])
    client.force_login(editor)

    response = client.post(URL, form_data())

    assert response.status_code == 403
    assert "supplier accounts cannot edit them" in response.content.decode()
    assert not Guide.objects.exists()


def test_someone_without_an_organisation_is_told_how_to_join_one(client):
    client.force_login(MembershipFactory(pending=True).user)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Go to your account to join your organisation" in response.content.decode()
    assert client.post(URL, form_data()).status_code == 403
    assert not Guide.objects.exists()


def test_a_blocked_member_is_refused(signed_in, editor, moderator):
    services.block(editor, by=moderator, reason="Vandalism")
    response = signed_in.post(URL, form_data())
    assert response.status_code == 403
    assert "stopped you from editing" in response.content.decode()
    assert not Guide.objects.exists()


def test_the_form_is_protected_against_cross_site_posts(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, form_data()).status_code == 403
    assert not Guide.objects.exists()


def test_it_limits_how_often_one_person_saves(signed_in, settings):
    settings.GUIDE_EDIT_RATE = "1/h"
    assert signed_in.post(URL, form_data()).status_code == 302
    assert signed_in.post(URL, form_data(title="Another guide")).status_code == 429
    assert Guide.objects.count() == 1
