import pytest
from django.core.files.base import ContentFile

from projects.tests.factories import OutputFactory, ProjectFactory
from projects.views.outputs import download

pytestmark = pytest.mark.django_db

HOSTILE_CSV = b"name,note\r\nAlex,<script>alert(1)</script>\r\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def output():
    output = OutputFactory.build(
        project=ProjectFactory(),
        created_by=None,
        link="",
        file_type="csv",
        file_size=len(HOSTILE_CSV),
        file_name="Bin rounds “2019”.csv",
    )
    output.file.save("0123456789abcdef.csv", ContentFile(HOSTILE_CSV))
    return output


def url(output):
    return f"/projects/{output.project.slug}/outputs/{output.pk}/download"


def test_anyone_may_download_a_file(client, output):
    assert download.access_rule == "public"
    assert client.get(url(output)).status_code == 200


def test_the_file_is_always_an_attachment_of_the_type_its_content_showed(client, output):
    response = client.get(url(output))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert "Bin%20rounds%20%E2%80%9C2019%E2%80%9D.csv" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == HOSTILE_CSV


def test_an_output_with_only_a_link_has_nothing_to_download(client):
    output = OutputFactory()
    assert client.get(url(output)).status_code == 404


def test_the_file_is_found_only_under_its_own_project(client, output):
    other = ProjectFactory()
    assert client.get(f"/projects/{other.slug}/outputs/{output.pk}/download").status_code == 404


def test_a_file_missing_from_storage_is_not_found(client, output, media):
    for path in media.rglob("*.csv"):
        path.unlink()
    assert client.get(url(output)).status_code == 404


def test_it_only_answers_reads(client, output):
    assert client.post(url(output)).status_code == 405
