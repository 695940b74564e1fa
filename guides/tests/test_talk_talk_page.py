import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from guides import watching
from guides.tests.factories import CommentFactory, GuideFactory
from guides.views.talk import talk_page
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


URL = "/guides/running-a-user-research-session/talk"


def test_anyone_may_read_it(client, guide):
    assert talk_page.access_rule == "public"
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Talk about this guide" in page
    assert "No one has written here yet." in page
    assert "Sign in</a> to write a message" in page
    assert 'id="add-message"' not in page


def test_it_shows_messages_oldest_first_with_the_organisation_and_public_name_only(client, guide):
    organisation = OrganisationFactory(name="Testshire County Council")
    first = CommentFactory(
        guide=guide,
        body="Should we say how to pay participants?",
        author=UserFactory(full_name="Priya Shah", email="priya@testshire.example.gov.uk"),
        author_organisation=organisation,
    )
    CommentFactory(
        guide=guide,
        body="Yes: vouchers work best.",
        author=UserFactory(full_name="Samira Jones", email="sam@testshire.example.gov.uk"),
        author_organisation=organisation,
        author_display_name="Sam",
    )
    page = client.get(URL).content.decode()

    assert page.index("Should we say how to pay participants?") < page.index("Yes: vouchers work best.")
    assert f'id="message-{first.pk}"' in page
    assert "<strong>Testshire County Council</strong>" in page
    assert "<strong>Sam, Testshire County Council</strong>" in page
    for personal in ("Priya Shah", "Samira Jones", "priya@testshire", "sam@testshire"):
        assert personal not in page


def test_hidden_messages_are_not_shown(client, guide):
    CommentFactory(guide=guide, body="Buy my consultancy", is_hidden=True)
    CommentFactory(guide=guide, body="A useful question")
    page = client.get(URL).content.decode()
    assert "Buy my consultancy" not in page
    assert "A useful question" in page


def test_it_shows_the_form_to_people_who_may_edit(client, guide):
    person = MembershipFactory().user
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert 'action="/guides/running-a-user-research-session/talk/messages"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert ">Watch this guide</button>" in page


def test_it_explains_why_others_cannot_write(client, guide):
    client.force_login(UserFactory())
    page = client.get(URL).content.decode()
    assert 'id="add-message"' not in page
    assert "Join your organisation on this service to edit guides." in page


def test_a_protected_guides_talk_page_stays_open_for_suggestions(client, guide):
    guide.is_protected = True
    guide.save()
    client.force_login(MembershipFactory().user)
    assert 'id="add-message"' in client.get(URL).content.decode()


def test_it_offers_to_stop_watching_to_a_watcher(client, guide):
    person = UserFactory()
    watching.watch(guide, by=person)
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert ">Stop watching</button>" in page
    assert 'name="from" value="talk"' in page


def test_it_runs_the_same_queries_however_many_messages(client, guide, django_assert_max_num_queries):
    client.force_login(MembershipFactory().user)
    CommentFactory.create_batch(2, guide=guide, author_organisation=OrganisationFactory())
    with django_assert_max_num_queries(14) as few:
        client.get(URL)
    CommentFactory.create_batch(40, guide=guide, author_organisation=OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_it_pages_long_conversations(client, guide):
    CommentFactory.create_batch(50, guide=guide, body="Earlier")
    CommentFactory(guide=guide, body="The newest message")
    assert "The newest message" not in client.get(URL).content.decode()
    assert "The newest message" in client.get(URL + "?page=2").content.decode()


def test_it_does_not_find_a_guide_that_does_not_exist(client):
    assert client.get("/guides/no-such-guide/talk").status_code == 404


def test_it_does_not_find_a_guide_whose_every_revision_is_hidden(client):
    guide = GuideFactory(slug="withdrawn")
    guide.current_revision.is_hidden = True
    guide.current_revision.save()
    guide.current_revision = None
    guide.save()
    assert client.get("/guides/withdrawn/talk").status_code == 404


def test_it_refuses_a_post(client, guide):
    assert client.post(URL).status_code == 405


def test_it_links_moderators_to_hiding_each_message(client, guide, sign_in_verified, moderator):
    comment = CommentFactory(guide=guide)
    hide = f'href="/manage/guides/running-a-user-research-session/talk/{comment.pk}/hide"'
    assert hide not in client.get(URL).content.decode()
    assert hide in sign_in_verified(moderator).get(URL).content.decode()
