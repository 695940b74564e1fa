import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declaration.models import DeclarationProject, Principle, ProjectPrinciple, Signature
from declaration.queries import DIRECTORY_PAGE_SIZE
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.views.directory import signatory_list
from declaration.workflow import SignatureStatus
from organisations.models import Nation, OrganisationType
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("declaration:signatories")
LONDON = ZoneInfo("Europe/London")


def signed(name: str, when=datetime.datetime(2024, 5, 1, 12, tzinfo=LONDON), **organisation) -> Signature:
    return SignatureFactory(signed=True, signed_at=when, organisation=OrganisationFactory(name=name, **organisation))


def names(response) -> list[str]:
    return [signature.organisation.name for signature in response.context["page"].object_list]


def test_it_is_public(client):
    signed("Leeds City Council")

    response = client.get(URL)

    assert signatory_list.access_rule == "public"
    assert response.status_code == 200
    assert "Leeds City Council" in response.content.decode()


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_lists_only_signed_organisations(client):
    signed("Leeds City Council")
    SignatureFactory(submitted=True, organisation=OrganisationFactory(name="Submitted Council"))
    SignatureFactory(awaiting_signature=True, organisation=OrganisationFactory(name="Waiting Council"))
    SignatureFactory(organisation=OrganisationFactory(name="Draft Council"))

    assert names(client.get(URL)) == ["Leeds City Council"]


def test_it_leaves_withdrawn_signatories_out_of_the_list_and_the_counts(client):
    signed("Leeds City Council", organisation_type=OrganisationType.METROPOLITAN_DISTRICT)
    withdrawn = signed("Withdrawn Council", organisation_type=OrganisationType.DISTRICT, region="Withdrawnshire")
    Signature.objects.filter(pk=withdrawn.pk).update(status=SignatureStatus.WITHDRAWN)

    response = client.get(URL)

    content = response.content.decode()
    assert names(response) == ["Leeds City Council"]
    assert "1 signatory" in content
    assert response.context["by_type"] == [("Metropolitan district", 1)]
    assert response.context["by_region"] == [("South East", 1)]
    assert "Withdrawn Council" not in content


def test_it_counts_by_type_and_region(client):
    signed("Essex", organisation_type=OrganisationType.COUNTY, region="East of England")
    signed("Suffolk", organisation_type=OrganisationType.COUNTY, region="East of England")
    signed("Camden", organisation_type=OrganisationType.LONDON_BOROUGH, region="London")

    response = client.get(URL)

    assert "3 signatories" in response.content.decode()
    assert response.context["by_type"] == [("County council", 2), ("London borough", 1)]
    assert response.context["by_region"] == [("East of England", 2), ("London", 1)]


def test_it_lists_the_newest_signature_first(client):
    signed("Older", when=datetime.datetime(2020, 1, 1, 12, tzinfo=LONDON))
    signed("Newer", when=datetime.datetime(2025, 1, 1, 12, tzinfo=LONDON))

    assert names(client.get(URL)) == ["Newer", "Older"]


def test_it_sorts_by_name_and_oldest_first(client):
    signed("b Council", when=datetime.datetime(2020, 1, 1, 12, tzinfo=LONDON))
    signed("A Council", when=datetime.datetime(2025, 1, 1, 12, tzinfo=LONDON))
    signed("C Council", when=datetime.datetime(2019, 1, 1, 12, tzinfo=LONDON))

    assert names(client.get(URL, {"sort": "name"})) == ["A Council", "b Council", "C Council"]
    assert names(client.get(URL, {"sort": "oldest"})) == ["C Council", "b Council", "A Council"]
    # An order it does not know gives the default, newest first.
    assert names(client.get(URL, {"sort": "shoe-size"})) == ["A Council", "b Council", "C Council"]


def test_it_keeps_the_filters_in_the_sort_links(client):
    signed("Leeds City Council")

    response = client.get(URL, {"q": "leeds", "nation": "england", "page": "1"})

    links = {link["value"]: link["href"] for link in response.context["sort_links"]}
    assert links["name"] == "?q=leeds&nation=england&sort=name"
    assert 'href="?q=leeds&amp;nation=england&amp;sort=name"' in response.content.decode()


def test_it_searches_names_whatever_the_case(client):
    signed("London Borough of Camden")
    signed("Leeds City Council")

    assert names(client.get(URL, {"q": "CAMDEN"})) == ["London Borough of Camden"]


def test_it_filters_by_type_nation_and_region(client):
    signed("Aberdeen", nation=Nation.SCOTLAND, region="Scotland", organisation_type=OrganisationType.UNITARY)
    signed("Essex", nation=Nation.ENGLAND, region="East of England", organisation_type=OrganisationType.COUNTY)
    signed("Leeds", nation=Nation.ENGLAND, region="Yorkshire", organisation_type=OrganisationType.METROPOLITAN_DISTRICT)

    assert names(client.get(URL, {"type": ["county", "unitary"], "sort": "name"})) == ["Aberdeen", "Essex"]
    assert names(client.get(URL, {"nation": "scotland"})) == ["Aberdeen"]
    assert names(client.get(URL, {"nation": "england", "region": "Yorkshire"})) == ["Leeds"]


def test_it_filters_by_the_principles_of_their_projects(client):
    open_culture = signed("Open Council")
    DeclarationProjectFactory(signature=open_culture, principles=[Principle.OPEN_CULTURE, Principle.USER_NEEDS])
    DeclarationProjectFactory(signature=open_culture, principles=[Principle.OPEN_CULTURE])
    plumbing = signed("Plumbing Council")
    DeclarationProjectFactory(signature=plumbing, principles=[Principle.FIX_THE_PLUMBING])

    # Once, though two of its projects match.
    assert names(client.get(URL, {"principle": "5"})) == ["Open Council"]
    assert names(client.get(URL, {"principle": "2"})) == ["Plumbing Council"]


def test_it_filters_by_the_year_signed(client):
    signed("Founding Council", when=datetime.datetime(2018, 7, 4, 12, tzinfo=LONDON))
    signed("Later Council", when=datetime.datetime(2023, 3, 1, 12, tzinfo=LONDON))

    assert names(client.get(URL, {"year": "2018"})) == ["Founding Council"]


def test_it_marks_co_publishers_and_organisations_that_no_longer_exist(client):
    founding = signed("Founding Council", co_publisher=True, ended=True)
    Signature.objects.filter(pk=founding.pk).update(is_founding=True)
    signed("Leeds City Council")

    content = client.get(URL).content.decode()

    assert content.count('<strong class="govuk-tag govuk-tag--blue">Co-publisher</strong>') == 1
    assert content.count('<strong class="govuk-tag govuk-tag--grey">No longer exists</strong>') == 1


@pytest.mark.parametrize(
    ("params", "href", "message"),
    [
        ({"type": "parish"}, "#id_type_0", "Select types of organisation from the list"),
        ({"nation": "mars"}, "#id_nation_0", "Select nations from the list"),
        ({"region": "Atlantis"}, "#id_region", "Select a region from the list"),
        ({"principle": "9"}, "#id_principle", "Select a principle from the list"),
        ({"principle": "one"}, "#id_principle", "Select a principle from the list"),
        ({"year": "1999"}, "#id_year", "Select a year from the list"),
        ({"year": "last"}, "#id_year", "Select a year from the list"),
        ({"q": "x" * 101}, "#id_q", "Search for a name of 100 characters or fewer"),
    ],
)
def test_it_shows_a_field_error_for_a_bad_filter_value(client, params, href, message):
    signed("Leeds City Council")

    response = client.get(URL, params)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert f'<a href="{href}">{message}</a>' in content
    assert 'class="govuk-error-message"' in content
    # The page still lists signatories, leaving out the filter in error.
    assert names(response) == ["Leeds City Council"]


def test_it_pages_at_a_fixed_size(client):
    for number in range(DIRECTORY_PAGE_SIZE + 3):
        signed(f"Council {number}")

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == DIRECTORY_PAGE_SIZE
    assert len(second.context["page"].object_list) == 3
    assert "govuk-pagination" in first.content.decode()


def test_it_draws_the_chart_with_a_table_of_its_data(client):
    signed("Founding Council", when=datetime.datetime(2018, 7, 4, 12, tzinfo=LONDON))
    signed("Later Council", when=datetime.datetime(2019, 2, 1, 12, tzinfo=LONDON))

    response = client.get(URL)

    content = response.content.decode()
    assert 'role="img"' in content
    assert '<title id="signatories-chart-title">Signatories over time</title>' in content
    assert "Show the data as a table" in content
    quarters = response.context["quarters"]
    assert (quarters[0].label, quarters[0].total) == ("July to September 2018", 1)
    assert (quarters[2].label, quarters[2].signed, quarters[2].total) == ("January to March 2019", 1, 2)
    assert ' style="' not in content.split('<svg class="app-chart"')[1].split("</svg>")[0]


def make_signatories(count: int) -> None:
    organisations = OrganisationFactory.create_batch(count)
    Signature.objects.bulk_create(
        Signature(
            organisation=organisation,
            reference=f"LDD-Q{number:05d}",
            status=SignatureStatus.SIGNED,
            signed_at=datetime.datetime(2018 + number % 8, 1 + number % 12, 1, 12, tzinfo=LONDON),
        )
        for number, organisation in enumerate(organisations)
    )
    projects = DeclarationProject.objects.bulk_create(
        DeclarationProject(signature=signature, title="Open data", description="-", expected_completion="2027-01-01")
        for signature in Signature.objects.all()
    )
    ProjectPrinciple.objects.bulk_create(ProjectPrinciple(project=project, principle=1) for project in projects)


def queries_for(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"principle": "1", "sort": "name", "nation": "england"}])
def test_it_runs_as_many_queries_for_1000_signatories_as_for_2(client, params):
    make_signatories(2)
    few = queries_for(client, params)
    Signature.objects.all().delete()

    make_signatories(1000)
    many = queries_for(client, params)

    assert many == few
