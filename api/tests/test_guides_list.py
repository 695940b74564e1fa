import pytest
from django.utils.timezone import localtime

from accounts.tests.factories import UserFactory
from events.models import Topic
from guides.models import Category, Guide, Revision
from guides.tests.factories import GuideFactory, RevisionFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/guides"


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [guide["id"] for guide in response.json()["results"]]


@pytest.fixture
def uprns():
    """A guide two councils wrote, whose newest revision staff hid: it gave a named officer's
    mobile number."""
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden", org_id="GB-LAE-CMD")
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds")
    guide = GuideFactory(
        title="Using UPRNs", slug="using-uprns", category=Category.DATA_STANDARDS, body="Start with the address."
    )
    guide.topics.set(Topic.objects.filter(slug__in=["open-data", "data-and-analytics"]))
    Revision.objects.filter(pk=guide.current_revision_id).update(
        author=UserFactory(full_name="Wilhelmina Addressbook", email="wilhelmina@camden.example.gov.uk"),
        author_organisation=camden,
        author_display_name="Mina from Camden",
        summary="Started the guide",
    )
    second = RevisionFactory(
        guide=guide,
        number=2,
        body="Join records on the **UPRN**. See [[Publishing open data on bin collections]].",
        summary="Added how to join records",
        author=UserFactory(full_name="Bartholomew Gazetteer", email="bart@leeds.example.gov.uk"),
        author_organisation=leeds,
    )
    RevisionFactory(
        guide=guide,
        number=3,
        body="Ring Jo Bloggs on 07700 900123 for the gazetteer.",
        summary="Added Jo Bloggs's mobile",
        author=UserFactory(full_name="Ignatius Overshare", email="ignatius@leeds.example.gov.uk"),
        author_organisation=leeds,
        is_hidden=True,
        hidden_reason="A named officer's mobile number",
    )
    guide.current_revision = second
    guide.save(update_fields=["current_revision"])
    return guide


def test_it_lists_guides_with_something_to_show_in_title_order(client, uprns):
    GuideFactory(title="Writing weeknotes", slug="writing-weeknotes")
    GuideFactory(title="Agile governance for councillors", slug="agile-governance")
    all_hidden = GuideFactory(title="Buying with the Digital Marketplace", slug="digital-marketplace")
    Revision.objects.filter(pk=all_hidden.current_revision_id).update(is_hidden=True)
    Guide.objects.create(title="Not yet written", slug="not-yet-written", category=Category.HOW_TOS)

    assert ids(client.get(URL)) == ["agile-governance", "using-uprns", "writing-weeknotes"]


def test_it_shows_the_current_text_and_the_visible_history_by_organisation_only(client, uprns):
    response = client.get(URL)

    [record] = response.json()["results"]
    assert record["id"] == "using-uprns"
    assert record["title"] == "Using UPRNs"
    assert (record["category"], record["category_label"]) == ("data_standards", "Data standards")
    assert [topic["slug"] for topic in record["topics"]] == ["data-and-analytics", "open-data"]
    assert record["text"] == "Join records on the **UPRN**. See [[Publishing open data on bin collections]]."
    assert record["revision"] == 2
    assert record["url"] == "http://testserver" + uprns.get_absolute_url()
    first, started = record["revisions"][1], Revision.objects.get(guide=uprns, number=1)
    assert record["updated_at"] == localtime(Revision.objects.get(guide=uprns, number=2).created_at).isoformat()
    assert [revision["number"] for revision in record["revisions"]] == [2, 1]
    summaries = [revision["summary"] for revision in record["revisions"]]
    assert summaries == ["Added how to join records", "Started the guide"]
    assert first["organisation"] == {
        "id": "camden",
        "name": "London Borough of Camden",
        "org_id": "GB-LAE-CMD",
        "url": "http://testserver/api/v1/organisations/camden",
    }
    assert first["created_at"] == localtime(started.created_at).isoformat()
    assert [revision["public_name"] for revision in record["revisions"]] == [None, "Mina from Camden"]
    content = response.content.decode()
    for private in ["Wilhelmina", "Addressbook", "Bartholomew", "Gazetteer", "Ignatius", "Overshare", "@"]:
        assert private not in content
    assert "07700" not in content and "Jo Bloggs" not in content and "officer" not in content


def test_it_filters_by_category_topic_and_title(client, uprns):
    weeknotes = GuideFactory(title="Writing weeknotes", slug="writing-weeknotes", category=Category.HOW_TOS)
    weeknotes.topics.set(Topic.objects.filter(slug="agile-delivery"))
    GuideFactory(title="Cyber incident playbook", slug="cyber-playbook", category=Category.CYBER)

    assert ids(client.get(URL, {"category": "data_standards"})) == ["using-uprns"]
    assert ids(client.get(f"{URL}?category=cyber&category=how_tos")) == ["cyber-playbook", "writing-weeknotes"]
    assert ids(client.get(URL, {"topic": "agile-delivery"})) == ["writing-weeknotes"]
    assert ids(client.get(URL, {"topic": "open-data"})) == ["using-uprns"]
    assert ids(client.get(URL, {"q": "  uprn "})) == ["using-uprns"]
    assert ids(client.get(URL, {"q": "Mobile"})) == []


@pytest.mark.parametrize("query", ["category=recipes", "topic=no%20spaces", "q=bins%00", f"q={'x' * 101}"])
def test_it_refuses_a_bad_filter(client, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == query.split("=")[0]


def test_it_runs_the_same_queries_however_many_guides(client, django_assert_max_num_queries):
    topics = list(Topic.objects.all()[:2])

    def queries_for_a_page(count):
        for _ in range(count):
            guide = GuideFactory(category=Category.PROCUREMENT)
            guide.topics.set(topics)
            guide.current_revision = RevisionFactory(guide=guide, author_organisation=OrganisationFactory())
            guide.save(update_fields=["current_revision"])
            RevisionFactory(guide=guide, is_hidden=True)
        with django_assert_max_num_queries(6) as captured:
            assert client.get(URL, {"page_size": 200}).status_code == 200
        return len(captured)

    assert queries_for_a_page(3) == queries_for_a_page(30)
