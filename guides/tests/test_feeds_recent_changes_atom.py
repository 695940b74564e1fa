import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from guides.queries import FEED_SIZE
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise, saved_days_ago
from guides.views.reading import recent_changes_atom
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("guides:recent_changes_atom")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def entries(response) -> list[ET.Element]:
    return ET.fromstring(response.content).findall("atom:entry", ATOM)  # noqa: S314 - the service's own feed


def test_it_is_public(client):
    assert recent_changes_atom.access_rule == "public"
    assert URL == "/guides/recent-changes.atom"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_is_an_atom_feed_of_every_guides_changes_newest_first(client):
    research = GuideFactory(title="User research", slug="user-research")
    saved_days_ago(research.current_revision, 9)
    research.current_revision.summary = "First version"
    research.current_revision.save(update_fields=["summary"])
    change = revise(
        research,
        summary="Added how to pay participants",
        author_organisation=OrganisationFactory(name="Leeds City Council"),
        author_display_name="Sam K",
    )

    response = client.get(URL)

    assert response["Content-Type"].startswith("application/atom+xml")
    newest, first = entries(response)
    assert newest.find("atom:title", ATOM).text == "User research: Added how to pay participants"
    assert newest.find("atom:id", ATOM).text.endswith(f":guide-revision:{change.pk}")
    assert newest.find("atom:link", ATOM).get("href").endswith("/guides/user-research/compare?from=1&to=2")
    assert newest.find("atom:author/atom:name", ATOM).text == "Sam K, Leeds City Council"
    assert newest.find("atom:summary", ATOM).text == (
        "Sam K, Leeds City Council changed the guide (revision 2): Added how to pay participants"
    )
    assert first.find("atom:link", ATOM).get("href").endswith("/guides/user-research/revisions/1")
    assert "created the guide (revision 1): First version" in first.find("atom:summary", ATOM).text


def test_it_leaves_out_hidden_revisions(client):
    research = GuideFactory(title="User research", slug="user-research")
    revise(research, summary="Added spam links", hidden=True)
    visible = revise(research, summary="Removed the spam")

    found = entries(client.get(URL))

    assert [entry.find("atom:title", ATOM).text for entry in found] == [
        "User research: Removed the spam",
        f"User research: {research.revisions.get(number=1).summary}",
    ]
    assert found[0].find("atom:id", ATOM).text.endswith(f":guide-revision:{visible.pk}")
    assert found[0].find("atom:link", ATOM).get("href").endswith("/guides/user-research/compare?from=1&to=3")


def test_it_escapes_a_summary_as_text(client):
    revise(GuideFactory(title="User research"), summary="Tables & <b>bold</b> text")

    summary = entries(client.get(URL))[0].find("atom:summary", ATOM)

    assert summary.get("type") == "html"
    assert summary.text.endswith("Tables &amp; &lt;b&gt;bold&lt;/b&gt; text")


def test_it_never_names_an_authors_account(client):
    revise(
        GuideFactory(),
        author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"),
        author_organisation=OrganisationFactory(name="Bristol City Council"),
    )

    content = client.get(URL).content.decode()

    assert "Zebedee" not in content and "zebedee@" not in content
    assert "<author><name>Bristol City Council</name></author>" in content


def test_it_holds_a_bounded_number_of_entries_in_one_query(client, django_assert_max_num_queries):
    guide = GuideFactory()
    for _ in range(FEED_SIZE + 5):
        revise(guide, author_organisation=OrganisationFactory())

    with django_assert_max_num_queries(1):
        response = client.get(URL)

    assert len(entries(response)) == FEED_SIZE
