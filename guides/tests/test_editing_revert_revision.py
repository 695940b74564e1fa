import pytest
from django.test import Client

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from guides import services
from guides.models import Revision
from guides.services import GuideText
from guides.tests.factories import GuideFactory
from guides.views.editing import revert_revision
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/guides/user-research/revisions/1/revert"


@pytest.fixture
def editor():
    return MembershipFactory(organisation=OrganisationFactory(name="Testshire Council")).user


@pytest.fixture
def guide(editor):
    guide = GuideFactory(title="Running a user research session", slug="user-research", body="Book a room.")
    vandalised = GuideText(guide.title, "Buy our product", "Improved", guide.category)
    services.save_revision(guide, by=MembershipFactory().user, text=vandalised, based_on=guide.current_revision_id)
    guide.refresh_from_db()
    return guide


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def numbers_and_bodies(guide):
    return list(Revision.objects.filter(guide=guide).order_by("number").values_list("number", "body"))


def test_it_sends_someone_not_signed_in_to_sign_in(client, guide):
    assert revert_revision.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_it_asks_to_confirm(signed_in, guide):
    page = signed_in.get(URL).content.decode()
    assert "Revert to revision 1" in page
    assert f'<input type="hidden" name="based_on" value="{guide.current_revision_id}"' in page
    assert "the current text, revision 2, stays in the guide’s history" in page


def test_a_member_reverts_to_an_earlier_revision(signed_in, guide, editor):
    response = signed_in.post(URL, {"based_on": str(guide.current_revision_id)})

    assert response.status_code == 302 and response.url == "/guides/user-research"
    guide.refresh_from_db()
    revision = guide.current_revision
    assert (revision.number, revision.body, revision.summary) == (3, "Book a room.", "Reverted to revision 1")
    assert (revision.reverts.number, revision.author, revision.author_organisation.name) == (
        1,
        editor,
        "Testshire Council",
    )
    assert AuditEvent.objects.filter(action="guides.guide_reverted").exists()
    assert "The guide is back to the text of revision 1" in signed_in.get(response.url).content.decode()


def test_it_asks_again_when_the_guide_changed_since_the_page_was_opened(signed_in, guide):
    seen = str(guide.current_revision_id)
    services.save_revision(
        guide,
        by=MembershipFactory().user,
        text=GuideText(guide.title, "Newer text", "Newer", guide.category),
        based_on=guide.current_revision_id,
    )
    guide.refresh_from_db()

    page = signed_in.post(URL, {"based_on": seen}).content.decode()

    assert "Someone changed this guide since you opened this page" in page
    assert f'<input type="hidden" name="based_on" value="{guide.current_revision_id}"' in page
    assert len(numbers_and_bodies(guide)) == 3


def test_the_current_revision_has_nothing_to_revert(signed_in, guide):
    page = signed_in.get("/guides/user-research/revisions/2/revert").content.decode()
    assert "The guide already shows this revision" in page
    assert "<form" not in page.split('id="already-current"')[1].split("</main>")[0]


def test_a_hidden_or_missing_revision_is_not_found(signed_in, guide, moderator):
    services.hide_revision(guide.revisions.get(number=1), by=moderator, reason="Personal data")

    assert signed_in.get(URL).status_code == 404
    assert signed_in.post(URL, {"based_on": str(guide.current_revision_id)}).status_code == 404
    assert signed_in.get("/guides/user-research/revisions/9/revert").status_code == 404
    assert len(numbers_and_bodies(guide)) == 2


def test_a_protected_guide_is_reverted_only_by_staff(signed_in, guide, moderator):
    services.protect(guide, by=moderator)
    assert signed_in.post(URL, {"based_on": str(guide.current_revision_id)}).status_code == 403
    assert len(numbers_and_bodies(guide)) == 2


def test_it_refuses_other_methods(signed_in, guide):
    assert signed_in.put(URL).status_code == 405


def test_the_form_is_protected_against_cross_site_posts(editor, guide):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, {"based_on": str(guide.current_revision_id)}).status_code == 403
    assert len(numbers_and_bodies(guide)) == 2
