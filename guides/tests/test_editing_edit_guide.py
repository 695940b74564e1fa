import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import MembershipFactory
from core.models import OutboundEmail
from guides import services, watching
from guides.models import Revision
from guides.tests.factories import GuideFactory
from guides.views.editing import edit_guide
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/guides/user-research/edit"


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="user-research", body="## Before\n\nBook a room.")


@pytest.fixture
def editor():
    return MembershipFactory(organisation=OrganisationFactory(name="Testshire Council")).user


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def form_data(guide, **changes) -> dict:
    data = {
        "title": guide.title,
        "category": guide.category,
        "body": "## Before\n\nBook a room and recruit five residents.",
        "summary": "Added how many people to recruit",
        "based_on": str(guide.current_revision_id),
    }
    return data | changes


def bodies(guide) -> list[str]:
    return list(Revision.objects.filter(guide=guide).order_by("number").values_list("body", flat=True))


def test_it_sends_someone_not_signed_in_to_sign_in(client, guide):
    assert edit_guide.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_the_form_starts_from_the_current_revision(signed_in, guide):
    page = signed_in.get(URL).content.decode()

    assert f'<input type="hidden" name="based_on" value="{guide.current_revision_id}"' in page
    assert "## Before\n\nBook a room.</textarea>" in page
    assert 'value="Running a user research session"' in page
    assert "Open Government Licence v3.0 and Creative Commons Attribution 4.0" in page


def test_a_member_saves_a_new_revision(signed_in, guide):
    first = guide.current_revision

    response = signed_in.post(URL, form_data(guide))

    assert response.status_code == 302 and response.url == "/guides/user-research"
    guide.refresh_from_db()
    revision = guide.current_revision
    assert (revision.number, revision.based_on, revision.author_organisation.name) == (2, first, "Testshire Council")
    assert bodies(guide) == ["## Before\n\nBook a room.", "## Before\n\nBook a room and recruit five residents."]
    assert "Your changes are published" in signed_in.get(response.url).content.decode()


def test_people_watching_the_guide_are_emailed(signed_in, guide):
    watcher = MembershipFactory().user
    watching.watch(guide, by=watcher)

    signed_in.post(URL, form_data(guide))

    assert OutboundEmail.objects.filter(template="guide_changed", to=watcher.email).count() == 1


def test_a_second_edit_from_the_same_revision_goes_to_the_merge_page_and_saves_nothing(client, signed_in, guide):
    started_from = form_data(guide)["based_on"]
    colleague = Client()
    colleague.force_login(MembershipFactory().user)
    assert colleague.post(URL, form_data(guide, body="Their text", summary="Their change")).status_code == 302
    guide.refresh_from_db()
    theirs = guide.current_revision

    response = signed_in.post(URL, form_data(guide, body="My text", based_on=started_from))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone changed this guide since you started" in page
    assert "Nothing has been saved yet" in page
    assert re.search(r'id="their-text"[^>]*>Their text</textarea>', page)
    assert re.search(r'name="body"[^>]*>\s*My text</textarea>', page)
    assert re.search(r'<label class="govuk-label[^"]*" for="id_body">\s*Your text\s*</label>', page)
    assert f'<input type="hidden" name="based_on" value="{theirs.pk}"' in page
    assert "Revision 2: “Their change”" in page
    assert "<title>Error:" not in page
    assert bodies(guide) == ["## Before\n\nBook a room.", "Their text"]

    # Publishing from the merge page goes on top of their revision.
    response = signed_in.post(URL, form_data(guide, body="Their text and my text", based_on=str(theirs.pk)))
    assert response.status_code == 302
    assert bodies(guide)[-1] == "Their text and my text"
    assert Revision.objects.get(guide=guide, number=3).based_on == theirs


def test_it_shows_what_to_fix_and_saves_nothing(signed_in, guide):
    response = signed_in.post(URL, form_data(guide, summary="", body="a" * 100_001))

    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Enter a summary of your changes" in page
    assert "The guide’s text must be 100,000 characters or fewer" in page
    assert bodies(guide) == ["## Before\n\nBook a room."]


def test_a_save_that_changes_nothing_is_refused(signed_in, guide):
    page = signed_in.post(URL, form_data(guide, body="## Before\r\n\r\nBook a room.")).content.decode()
    assert "You have not changed the guide. Make a change before you save it" in page
    assert len(bodies(guide)) == 1


def test_a_protected_guide_is_edited_only_by_staff(signed_in, guide, moderator, sign_in_verified):
    services.protect(guide, by=moderator)

    response = signed_in.post(URL, form_data(guide))
    assert response.status_code == 403
    assert "only the Local Digital team can change it" in response.content.decode()
    assert len(bodies(guide)) == 1

    staff = sign_in_verified(moderator)
    assert staff.post(URL, form_data(guide)).status_code == 302
    assert len(bodies(guide)) == 2


def test_a_blocked_member_is_refused(signed_in, editor, guide, moderator):
    services.block(editor, by=moderator, reason="Vandalism")
    assert signed_in.get(URL).status_code == 403
    assert signed_in.post(URL, form_data(guide)).status_code == 403
    assert len(bodies(guide)) == 1


def test_a_supplier_account_is_refused(client, guide):
    supplier = MembershipFactory().user
    SupplierFactory(members=[supplier])
    client.force_login(supplier)
    assert client.post(URL, form_data(guide)).status_code == 403
    assert len(bodies(guide)) == 1


def test_an_unknown_guide_is_not_found(signed_in):
    assert signed_in.get("/guides/no-such-guide/edit").status_code == 404


def test_the_form_is_protected_against_cross_site_posts(editor, guide):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, form_data(guide)).status_code == 403
    assert len(bodies(guide)) == 1


def test_it_limits_how_often_one_person_saves(signed_in, guide, settings):
    settings.GUIDE_EDIT_RATE = "1/h"
    assert signed_in.post(URL, form_data(guide)).status_code == 302
    guide.refresh_from_db()
    assert signed_in.post(URL, form_data(guide, body="Again")).status_code == 429
    assert len(bodies(guide)) == 2


def test_the_merge_page_costs_the_same_however_many_changes_it_lists(signed_in):
    def queries_for_merge_page(edits_since: int) -> int:
        guide = GuideFactory()
        started_from = str(guide.current_revision_id)
        for number in range(edits_since):
            change = services.GuideText(guide.title, f"Their text {number}", f"Change {number}", guide.category)
            services.save_revision(guide, by=MembershipFactory().user, text=change, based_on=guide.current_revision_id)
            guide.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            response = signed_in.post(f"/guides/{guide.slug}/edit", form_data(guide, based_on=started_from))
        assert response.status_code == 409
        assert response.content.decode().count("<li>Revision ") == edits_since
        return len(queries)

    queries_for_merge_page(1)  # the first post of a session also starts its rate-limit count
    assert queries_for_merge_page(2) == queries_for_merge_page(12)
