import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Topic
from fund.tests.factories import FundedProjectFactory
from organisations.tests.factories import OrganisationFactory
from projects import services
from projects.models import Licence, OutputType, PhaseName
from projects.tests.factories import OutputFactory, ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/projects/outputs"
REPORT = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [output["title"] for output in response.json()["results"]]


def file_output(**fields):
    fields.setdefault("created_by", UserFactory())
    output = OutputFactory.build(link="", file_type="pdf", file_size=len(REPORT), file_name="Report.pdf", **fields)
    output.file.save("0123456789abcdef.pdf", ContentFile(REPORT))
    return output


def test_it_lists_outputs_newest_first_with_what_the_project_page_shows(client):
    project = ProjectFactory(slug="housing-repairs", title="Housing repairs")
    uploader = UserFactory(full_name="Uma Uploaderson", email="uma.uploaderson@camden.gov.uk")
    code = OutputFactory(
        project=project,
        phase=PhaseName.ALPHA,
        output_type=OutputType.CODE,
        title="Repairs API",
        description="Takes repair reports from any form.",
        link="https://www.example.gov.uk/repairs-api",
        repository_url="https://github.com/example/repairs-api",
        licence=Licence.MIT,
        created_by=uploader,
    )
    report = file_output(project=project, title="Discovery report", created_by=uploader)

    response = client.get(URL)

    assert titles(response) == ["Discovery report", "Repairs API"]
    assert response.json()["results"][0] == {
        "id": report.pk,
        "project": {
            "id": "housing-repairs",
            "title": "Housing repairs",
            "url": "http://testserver/api/v1/projects/housing-repairs",
        },
        "phase": "discovery",
        "type": "discovery_report",
        "type_label": "Discovery report",
        "title": "Discovery report",
        "description": "What we learnt about how tenants report repairs.",
        "link": None,
        "repository_url": None,
        "licence": None,
        "licence_label": None,
        "file": {
            "url": f"http://testserver/projects/housing-repairs/outputs/{report.pk}/download",
            "type": "pdf",
            "media_type": "application/pdf",
            "size": len(REPORT),
        },
        "created_at": timezone.localtime(report.created_at).isoformat(),
        "url": "http://testserver/projects/housing-repairs#outputs",
    }
    linked = response.json()["results"][1]
    assert linked["id"] == code.pk
    assert linked["phase"] == "alpha"
    assert (linked["type"], linked["type_label"]) == ("code", "Code repository")
    assert linked["link"] == "https://www.example.gov.uk/repairs-api"
    assert linked["repository_url"] == "https://github.com/example/repairs-api"
    assert (linked["licence"], linked["licence_label"]) == ("MIT", "MIT")
    assert linked["file"] is None
    text = response.content.decode()
    assert "Uploaderson" not in text and "@" not in text
    # The file it points to is the one the project page offers.
    download = client.get(f"/projects/housing-repairs/outputs/{report.pk}/download")
    assert download.status_code == 200 and b"".join(download.streaming_content) == REPORT


def test_it_filters_as_the_reuse_page_does(client):
    camden = OrganisationFactory(slug="camden")
    housing = Topic.objects.create(slug="housing-test", name="Housing (test)")
    repairs = ProjectFactory(slug="repairs", lead_organisation=camden)
    repairs.topics.add(housing)
    bins = ProjectFactory(slug="bins")
    bins.partner_organisations.add(camden)
    parking = ProjectFactory(slug="parking")
    OutputFactory(project=repairs, title="Repairs report", licence=Licence.OGL)
    OutputFactory(
        project=bins,
        title="Bins code",
        phase=PhaseName.BETA,
        output_type=OutputType.CODE,
        repository_url="https://github.com/example/bins",
        licence=Licence.MIT,
    )
    OutputFactory(project=parking, title="Parking prototype", phase=PhaseName.ALPHA, output_type=OutputType.PROTOTYPE)

    assert titles(client.get(URL, {"type": "code"})) == ["Bins code"]
    assert titles(client.get(URL, {"type": ["code", "prototype"]})) == ["Parking prototype", "Bins code"]
    assert titles(client.get(URL, {"phase": "alpha"})) == ["Parking prototype"]
    assert titles(client.get(URL, {"licence": "OGL-UK-3.0"})) == ["Repairs report"]
    assert titles(client.get(URL, {"licence": ["OGL-UK-3.0", "MIT"]})) == ["Bins code", "Repairs report"]
    assert titles(client.get(URL, {"topic": "housing-test"})) == ["Repairs report"]
    assert titles(client.get(URL, {"organisation": "camden"})) == ["Bins code", "Repairs report"]
    assert titles(client.get(URL, {"organisation": "camden", "type": "code"})) == ["Bins code"]
    assert titles(client.get(URL, {"project": "parking"})) == ["Parking prototype"]
    assert titles(client.get(URL, {"project": "no-such-project"})) == []


def test_it_searches_as_the_reuse_search_reads_words(client):
    OutputFactory(title="Repairs report", description="What tenants told us about reporting repairs.")
    OutputFactory(title="Repairs prototype", description="A prototype for reporting damp.", link="https://e.org/p")
    OutputFactory(title="Bin rounds data", description="Collection days for every street.")
    ProjectFactory(title="Repairs at scale")  # a project is not an output

    assert titles(client.get(URL, {"q": "repairs"})) == ["Repairs prototype", "Repairs report"]
    assert titles(client.get(URL, {"q": "repairs -prototype"})) == ["Repairs report"]
    assert titles(client.get(URL, {"q": "damp or collection"})) == ["Bin rounds data", "Repairs prototype"]
    assert titles(client.get(URL, {"q": '"tenants told"'})) == ["Repairs report"]
    assert titles(client.get(URL, {"q": "repairs", "type": "prototype"})) == []
    # Nothing but words no search reads finds nothing, as on the reuse page.
    assert titles(client.get(URL, {"q": "the"})) == []
    assert len(titles(client.get(URL, {"q": "   "}))) == 3


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("type", "poster"),
        ("phase", "pilot"),
        ("licence", "WTFPL"),
        ("topic", "not a slug"),
        ("organisation", "camden/leeds"),
        ("project", "a b"),
        ("q", "repairs\x00"),
        ("q", "x" * 101),
        ("page", "0"),
    ],
)
def test_it_refuses_a_bad_filter_naming_it(client, parameter, value):
    response = client.get(URL, {parameter: value})

    assert response.status_code == 422
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_it_is_never_hidden_by_a_project_called_outputs(client):
    grant = FundedProjectFactory(title="Outputs", bid__title="Outputs")
    project = services.start_project_for_grant(grant)
    OutputFactory(project=project, title="Repairs report")

    assert project.slug != "outputs"
    assert titles(client.get(URL)) == ["Repairs report"]


def test_it_runs_the_same_queries_however_many_outputs(client, django_assert_max_num_queries):

    def queries_for_a_page(count):
        for _ in range(count):
            file_output(project=ProjectFactory())
            OutputFactory()
        # A count and the outputs with their projects.
        with django_assert_max_num_queries(2) as captured:
            assert client.get(URL, {"page_size": 200, "q": "report"}).status_code == 200
        return len(captured)

    assert queries_for_a_page(3) == queries_for_a_page(30)


def test_it_carries_no_personal_data(client, open_data):
    response = client.get(URL)

    assert titles(response) == [open_data.objects["output"].title]
    text = response.content.decode()
    for private in open_data.names | open_data.emails:
        assert private not in text
