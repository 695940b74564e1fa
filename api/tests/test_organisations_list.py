import pytest

from declaration.tests.factories import SignatureFactory
from organisations.models import Nation, OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [organisation["name"] for organisation in response.json()["results"]]


def test_it_lists_organisations_in_name_order_with_their_identifiers(client):
    OrganisationFactory(name="Wigan Council")
    camden = OrganisationFactory(
        name="London Borough of Camden",
        slug="camden",
        org_id="GB-LAE-CMD",
        gss_code="E09000007",
        register_code="CMD",
        organisation_type=OrganisationType.LONDON_BOROUGH,
        region="London",
    )
    SignatureFactory(organisation=camden, signed=True)

    response = client.get("/api/v1/organisations")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["next"] is None and body["previous"] is None
    assert names(response) == ["London Borough of Camden", "Wigan Council"]
    first = body["results"][0]
    assert first["id"] == "camden"
    assert first["org_id"] == "GB-LAE-CMD"
    assert first["gss_code"] == "E09000007"
    assert first["type"] == "london_borough"
    assert first["type_label"] == "London borough"
    assert first["signatory"] == "http://testserver/api/v1/signatories/camden"
    assert first["url"] == "http://testserver/organisations/camden"
    assert body["results"][1]["signatory"] is None
    assert body["results"][1]["org_id"] is None  # blank identifiers read as null


def test_it_filters_as_the_organisations_page_does(client):
    OrganisationFactory(name="Cardiff Council", nation=Nation.WALES, region="Wales")
    OrganisationFactory(name="Kent County Council", organisation_type=OrganisationType.COUNTY)
    OrganisationFactory(name="Old Shire", ended=True)

    assert names(client.get("/api/v1/organisations?nation=wales")) == ["Cardiff Council"]
    assert names(client.get("/api/v1/organisations?type=county")) == ["Kent County Council"]
    assert names(client.get("/api/v1/organisations?q=kent")) == ["Kent County Council"]
    assert names(client.get("/api/v1/organisations?region=Wales")) == ["Cardiff Council"]
    assert "Old Shire" not in names(client.get("/api/v1/organisations"))
    assert "Old Shire" in names(client.get("/api/v1/organisations?include_ended=true"))


def test_it_pages_with_links_to_follow(client):
    for number in range(5):
        OrganisationFactory(name=f"Council {number}")

    first = client.get("/api/v1/organisations?page_size=2&type=unitary").json()
    second = client.get(first["next"].removeprefix("http://testserver")).json()
    last = client.get("/api/v1/organisations?page_size=2&type=unitary&page=3").json()

    assert first["count"] == 5
    assert first["next"] == "http://testserver/api/v1/organisations?page_size=2&type=unitary&page=2"
    assert [o["name"] for o in second["results"]] == ["Council 2", "Council 3"]
    assert second["previous"] == "http://testserver/api/v1/organisations?page_size=2&type=unitary&page=1"
    assert last["next"] is None and [o["name"] for o in last["results"]] == ["Council 4"]


def test_it_answers_404_past_the_last_page(client):
    OrganisationFactory()

    response = client.get("/api/v1/organisations?page=7")

    assert response.status_code == 404
    assert response.json()["message"] == "There is no page 7: the last page is 1"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page_size=201", "page_size"),
        ("type=castle", "type"),
        ("q=" + "x" * 101, "q"),
        ("q=%00", "q"),
        ("include_ended=perhaps", "include_ended"),
    ],
)
def test_it_explains_a_bad_parameter(client, query, parameter):
    response = client.get(f"/api/v1/organisations?{query}")

    assert response.status_code == 422
    body = response.json()
    assert body["message"] == f"Check the parameters: {parameter}"
    assert [error["parameter"] for error in body["errors"]] == [parameter]


def test_it_runs_the_same_queries_however_many_organisations(client, django_assert_max_num_queries):

    def queries_for_a_page(count):
        OrganisationFactory.create_batch(count)
        with django_assert_max_num_queries(20) as captured:
            assert client.get("/api/v1/organisations?page_size=200").status_code == 200
        return len(captured)

    assert queries_for_a_page(3) == queries_for_a_page(60)
