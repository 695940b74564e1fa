import datetime
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.tests.factories import UserFactory
from guides.models import Category, Revision
from guides.tests.factories import GuideFactory
from organisations.tests.factories import OrganisationFactory
from projects.models import Licence, OutputType
from projects.tests.factories import OutputFactory, ProjectFactory, UpdateFactory
from projects.views.catalogue import reuse

pytestmark = pytest.mark.django_db

URL = reverse("projects:reuse")


@pytest.fixture
def repairs():
    """A project with a weeknote by a named person and a licensed code output."""
    project = ProjectFactory(
        title="Housing repairs",
        slug="housing-repairs",
        summary="Tenants report repairs online.",
        contact_email="repairs-team@camden.example.gov.uk",
        lead_organisation=OrganisationFactory(name="Camden Council"),
    )
    UpdateFactory(
        project=project,
        title="What tenants told us about repairs",
        body="Tenants want to **book** repairs.",
        author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@camden.example.gov.uk"),
    )
    OutputFactory(
        project=project,
        title="Repairs booking code",
        description="A service to book repairs.",
        output_type=OutputType.CODE,
        link="https://repairs.camden.example.gov.uk",
        repository_url="https://github.com/camden/repairs",
        licence=Licence.MIT,
        created_by=UserFactory(full_name="Ottoline Marchbanks", email="ottoline@camden.example.gov.uk"),
    )
    return project


def test_it_is_public(client):
    assert reuse.access_rule == "public"
    assert client.get(URL).status_code == 200


def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_it_explains_what_to_search_for_before_a_search(client, repairs):
    response = client.get(URL)

    content = response.content.decode()
    assert "Before you build something" in content
    assert "Housing repairs" not in content
    assert response.context["page"] is None


def test_it_shows_each_result_with_its_project_contact_and_what_can_be_reused(client, repairs):
    response = client.get(URL, {"q": "repairs"})

    content = response.content.decode()
    assert "3 results" in content
    assert [result.kind for result in response.context["page"]].count("update") == 1
    assert "What tenants told us about repairs" in content
    assert "Weeknote" in content
    assert 'href="mailto:repairs-team@camden.example.gov.uk"' in content
    assert "Camden Council" in content
    assert f'href="{repairs.get_absolute_url()}"' in content
    assert f'href="{repairs.get_absolute_url()}#updates"' in content
    assert 'href="https://repairs.camden.example.gov.uk"' in content
    assert "Repairs booking code (code repository, MIT)" in content
    assert re.search(r"Licence:</dt> <dd[^>]*>MIT</dd>", content)
    assert 'href="https://github.com/camden/repairs"' in content


def test_it_puts_the_project_with_the_exact_title_first(client, repairs):
    ProjectFactory(title="Repairs", summary="Repairs and repairs.", problem="Repairs.")

    response = client.get(URL, {"q": "Housing repairs"})

    assert response.context["page"].object_list[0].item == repairs


def test_it_names_nobody(client, repairs):
    content = client.get(URL, {"q": "repairs"}).content.decode()

    for private in ["Zebedee", "Quillfeather", "zebedee@", "Ottoline", "Marchbanks", "ottoline@"]:
        assert private not in content


def test_it_shows_a_guide_as_a_guide_with_its_category_and_when_it_last_changed(client, repairs):
    guide = GuideFactory(
        title="Booking repairs online",
        category=Category.SERVICE_PATTERNS,
        body="Let tenants **book** repairs. See [[Running user research with residents]].",
    )
    Revision.objects.filter(pk=guide.current_revision_id).update(
        created_at=datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC)
    )

    content = client.get(URL, {"q": "booking repairs"}).content.decode()

    result = re.search(r"<li[^>]*>\s*<span class=\"govuk-caption-m\">Guide</span>(.*?)</li>", content, re.S)
    assert result is not None
    assert f'href="{guide.get_absolute_url()}">Booking repairs online</a>' in result[1]
    assert "Let tenants book repairs. See Running user research with residents." in result[1]
    assert re.search(r"Category:</dt> <dd[^>]*>Service patterns</dd>", result[1])
    assert "9 March 2026" in result[1]
    assert "Contact:" not in result[1] and "mailto:" not in result[1]


def test_it_points_to_the_lead_organisation_when_the_team_has_no_address(client):
    project = ProjectFactory(title="Parking permits", contact_email="")

    content = client.get(URL, {"q": "parking"}).content.decode()

    assert "no team address published" in content
    assert f'href="{project.lead_organisation.get_absolute_url()}"' in content


def test_it_filters_by_type_of_output_and_licence(client, repairs):
    OutputFactory(project=repairs, title="Repairs discovery report", description="Repairs.")

    code = client.get(URL, {"q": "repairs", "type": OutputType.CODE})
    ogl = client.get(URL, {"q": "repairs", "licence": Licence.OGL})
    every_code_output = client.get(URL, {"type": OutputType.CODE})

    assert [result.item.title for result in code.context["page"]] == ["Repairs booking code"]
    assert "Nothing matches your search" in ogl.content.decode()
    assert [result.item.title for result in every_code_output.context["page"]] == ["Repairs booking code"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "Search for 200 characters or fewer"),
        ({"q": "repairs", "type": "spaceship"}, "Select a type of output from the list"),
        ({"q": "repairs", "licence": "WTFPL"}, "Select a licence from the list"),
    ],
)
def test_it_shows_an_error_for_input_it_cannot_search_with(client, repairs, params, message):
    response = client.get(URL, params)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert message in content
    assert response.context["page"] is None


def test_it_pages_results(client):
    for number in range(25):
        ProjectFactory(title=f"Repairs project {number}")

    response = client.get(URL, {"q": "repairs", "page": "2"})

    assert len(response.context["page"].object_list) == 5
    assert 'aria-label="Pages of results"' in response.content.decode()


def test_it_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(30):
        project = ProjectFactory(title=f"Repairs project {number}")
        UpdateFactory(project=project, title=f"Repairs weeknote {number}")
        OutputFactory(project=project, title=f"Repairs report {number}")

    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "repairs"})

    assert len(response.context["page"].object_list) == 20


class TestAnyText(TestCase):
    """Whatever anyone types into the box, the page answers."""

    @classmethod
    def setUpTestData(cls):
        OutputFactory(title='Bins "and" -OR* NEAR(x)', description="council's e-mail: ^ * + ( )")

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(q=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=220))
    def test_it_never_fails_whatever_is_typed(self, q):
        response = self.client.get(URL, {"q": q})

        assert response.status_code == 200


def test_it_links_an_uploaded_output_to_its_download(client):
    output = OutputFactory(title="Repairs research findings", link="", file="outputs/2026/01/findings.pdf")

    content = client.get(URL, {"q": "findings"}).content.decode()

    assert f'href="{reverse("projects:download_output", args=[output.project.slug, output.pk])}"' in content
