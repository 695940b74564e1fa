import pytest
from django.utils.html import escape

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from guides import services
from guides.models import Comment, EditingBlock, PublicName
from guides.tests.factories import CommentFactory, GuideFactory
from guides.views.talk import post_comment
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/guides/running-a-user-research-session/talk/messages"


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


@pytest.fixture
def writer():
    organisation = OrganisationFactory(name="Testshire County Council")
    return MembershipFactory(organisation=organisation, user__full_name="Priya Shah").user


def test_it_is_for_signed_in_people(client, guide):
    assert post_comment.access_rule == "signed_in"
    response = client.post(URL, {"body": "Hello"})
    assert response.status_code == 302 and response.url.startswith("/sign-in?next=")
    assert not Comment.objects.exists()


def test_it_posts_the_message_with_the_organisation_and_public_name(client, guide, writer):
    PublicName.objects.create(user=writer, name="Priya")
    client.force_login(writer)
    response = client.post(URL, {"body": "  Should we say how to pay participants?  "})

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/guides/running-a-user-research-session/talk?page=1#message-{comment.pk}"
    assert (comment.guide, comment.author, comment.body) == (guide, writer, "Should we say how to pay participants?")
    assert (comment.author_organisation.name, comment.author_display_name) == ("Testshire County Council", "Priya")
    assert AuditEvent.objects.get(action="guides.comment_posted").actor == writer
    page = client.get(response.url).content.decode()
    assert "Your message is on the talk page" in page
    assert "<strong>Priya, Testshire County Council</strong>" in page


def test_it_asks_for_a_message(client, guide, writer):
    client.force_login(writer)
    page = client.post(URL, {"body": "   "}).content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_body">Enter your message</a>' in page
    assert not Comment.objects.exists()


def test_it_refuses_a_message_over_the_limit(client, guide, writer):
    client.force_login(writer)
    page = client.post(URL, {"body": "x" * 5001}).content.decode()
    assert "Your message must be 5,000 characters or fewer" in page
    assert not Comment.objects.exists()


def test_a_blocked_person_cannot_post(client, guide, writer):
    EditingBlock.objects.create(user=writer, reason="Advertising")
    client.force_login(writer)
    page = client.post(URL, {"body": "Buy my consultancy"}).content.decode()
    assert escape(services.BLOCKED) in page
    assert not Comment.objects.exists()
    assert 'id="add-message"' not in client.get("/guides/running-a-user-research-session/talk").content.decode()


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        pytest.param(lambda: UserFactory(), services.NO_MEMBERSHIP, id="no organisation"),
        pytest.param(lambda: MembershipFactory(pending=True).user, services.NO_MEMBERSHIP, id="not approved"),
        pytest.param(
            lambda: SupplierFactory(members=[MembershipFactory().user]).members.get(), services.SUPPLIER, id="supplier"
        ),
    ],
)
def test_people_who_may_not_edit_guides_cannot_post(client, guide, who, refusal):
    client.force_login(who())
    page = client.post(URL, {"body": "Hello"}).content.decode()
    assert escape(refusal) in page
    assert not Comment.objects.exists()


def test_a_member_may_suggest_changes_to_a_protected_guide(client, guide, writer):
    guide.is_protected = True
    guide.save()
    client.force_login(writer)
    assert client.post(URL, {"body": "Please add the new bin days"}).status_code == 302
    assert Comment.objects.get().body == "Please add the new bin days"


def test_it_is_rate_limited(client, guide, writer, settings):
    settings.GUIDE_EDIT_RATE = "2/h"
    client.force_login(writer)
    for _ in range(2):
        assert client.post(URL, {"body": "Hello"}).status_code == 302
    assert client.post(URL, {"body": "Hello"}).status_code == 429
    assert Comment.objects.count() == 2


def test_it_does_not_find_a_guide_that_does_not_exist(client, writer):
    client.force_login(writer)
    assert client.post("/guides/no-such-guide/talk/messages", {"body": "Hello"}).status_code == 404


def test_it_refuses_a_get(client, guide, writer):
    client.force_login(writer)
    assert client.get(URL).status_code == 405


def test_a_refused_post_shows_the_talk_page_with_links_to_its_pages(client, guide, writer):
    CommentFactory.create_batch(51, guide=guide)
    client.force_login(writer)
    page = client.post(URL, {"body": ""}).content.decode()
    assert 'href="/guides/running-a-user-research-session/talk?page=2"' in page
