import datetime

import pytest
from django.utils import timezone

from events.models import Topic
from organisations.tests.factories import OrganisationFactory
from tender.tests.factories import NeedFactory, NeedJoinFactory, QuestionFactory, SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/tender/needs"


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [need["id"] for need in response.json()["results"]]


def test_it_lists_published_needs_taking_questions_first(client):
    NeedFactory(slug="closed-for-questions", questions_closed=True)
    NeedFactory(slug="open-now")
    NeedFactory(slug="closed", closed=True)
    NeedFactory(slug="draft", draft=True)
    NeedFactory(slug="waiting", submitted=True)
    NeedFactory(slug="rejected", status="rejected")

    assert ids(client.get(URL)) == ["open-now", "closed", "closed-for-questions"]


def test_it_shows_a_need_as_its_page_does_without_the_author(client):
    camden = OrganisationFactory(name="London Borough of Camden", slug="camden")
    need = NeedFactory(slug="bins", organisation=camden, budget_from=20_000, budget_to=60_000)
    NeedJoinFactory(need=need, organisation=OrganisationFactory(name="Leeds City Council", slug="leeds"))

    [record] = client.get(URL).json()["results"]

    assert record["organisation"]["id"] == "camden"
    assert record["problem"] == need.problem
    assert (record["budget_from"], record["budget_to"]) == (20_000, 60_000)
    assert record["taking_questions"] is True
    assert record["status"] == "open"
    assert [organisation["id"] for organisation in record["joined_by"]] == ["leeds"]
    assert record["url"] == "http://testserver/tender/needs/bins"
    assert need.author.full_name not in str(record)
    assert "author" not in record


def test_it_publishes_answers_in_the_anonymised_wording_only(client):
    need = NeedFactory()
    supplier = SupplierFactory(name="Quiet Code Ltd")
    QuestionFactory(need=need, supplier=supplier, answered=True, text="Quiet Code Ltd asks: is the data open?")
    QuestionFactory(need=need, supplier=supplier, text="Still waiting for an answer")
    QuestionFactory(need=need, supplier=supplier, held=True, text="Held for a moderator")

    [record] = client.get(URL).json()["results"]

    assert [answer["question"] for answer in record["answers"]] == ["Are collection rounds held as data already?"]
    assert "Quiet Code" not in str(record)
    assert "waiting" not in str(record) and "Held" not in str(record)


def test_it_filters_as_the_tender_page_does(client):
    topic = Topic.objects.order_by("pk").last()
    leeds = OrganisationFactory(slug="leeds", region="Yorkshire and The Humber")
    NeedFactory(slug="leeds-need", organisation=leeds, topics=[topic])
    soon = timezone.localdate() + datetime.timedelta(days=3)
    NeedFactory(slug="closing-soon", questions_close_on=soon)

    assert ids(client.get(URL, {"topic": topic.slug})) == ["leeds-need"]
    assert ids(client.get(URL, {"organisation": "leeds"})) == ["leeds-need"]
    assert ids(client.get(URL, {"region": "Yorkshire and The Humber"})) == ["leeds-need"]
    assert ids(client.get(URL, {"closes_before": soon.isoformat()})) == ["closing-soon"]


@pytest.mark.parametrize("query", ["closes_before=0", "closes_after=tomorrow", "organisation=no%20spaces"])
def test_it_refuses_a_bad_filter(client, query):
    assert client.get(f"{URL}?{query}").status_code == 422


def test_it_runs_the_same_queries_however_many_needs(client, django_assert_max_num_queries):
    def queries_for_a_page(count):
        for _ in range(count):
            need = NeedFactory()
            NeedJoinFactory(need=need)
            QuestionFactory(need=need, answered=True)
        with django_assert_max_num_queries(10) as captured:
            assert client.get(URL, {"page_size": 200}).status_code == 200
        return len(captured)

    assert queries_for_a_page(2) == queries_for_a_page(20)
