import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory
from projects.models import Output, PhaseName
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.views.outputs import new_output

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def project():
    project = ProjectFactory(title="Shared repairs", current_phase=PhaseName.ALPHA)
    ProjectPhaseFactory(project=project, phase=PhaseName.DISCOVERY, status="complete")
    ProjectPhaseFactory(project=project, phase=PhaseName.ALPHA)
    return project


@pytest.fixture
def signed_in(client, project):
    client.force_login(MembershipFactory(organisation=project.lead_organisation).user)
    return client


def url(project):
    return f"/projects/{project.slug}/outputs/new"


def form_data(**fields):
    return {
        "output_type": "discovery_report",
        "phase": "discovery",
        "title": "Housing repairs discovery report",
        "description": "What we learnt from 48 tenants.",
        "link": "",
        "repository_url": "",
        "licence": "OGL-UK-3.0",
        **fields,
    }


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()]


def errors(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert not Output.objects.exists()
    return page


def test_it_needs_someone_signed_in(client, project):
    assert new_output.access_rule == "signed_in"
    assert client.get(url(project)).url.startswith("/sign-in?next=")


def test_the_form_offers_the_phases_the_project_has_been_through_starting_with_the_current_one(signed_in, project):
    page = signed_in.get(url(project)).content.decode()
    assert 'value="discovery"' in page
    assert re.search(r'value="alpha"[^>]* checked>', page)
    assert 'aria-describedby="id_file-hint"' in page
    assert 'value="beta"' not in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".csv,.docx,.odt,.pdf,.png"' in page


def test_a_member_publishes_an_output_with_a_link(signed_in, project):
    response = signed_in.post(url(project), form_data(link="https://www.example.gov.uk/repairs-discovery"))

    assert response.url == f"/projects/{project.slug}"
    output = Output.objects.get()
    assert (output.phase, output.link, output.file.name) == (
        "discovery",
        "https://www.example.gov.uk/repairs-discovery",
        "",
    )
    assert AuditEvent.objects.filter(action="projects.output_added").exists()
    page = signed_in.get(response.url).content.decode()
    assert "Your output is published on the project’s page" in page
    assert "Housing repairs discovery report" in page


def test_a_member_publishes_an_output_with_a_file_stored_under_a_random_name(signed_in, project, media):
    upload = SimpleUploadedFile("Repairs discovery report.pdf", PDF, content_type="application/pdf")

    response = signed_in.post(url(project), form_data(file=upload))

    assert response.status_code == 302
    output = Output.objects.get()
    assert (output.file_type, output.file_size, output.file_name) == ("pdf", len(PDF), "Repairs discovery report.pdf")
    (stored,) = stored_files(media)
    assert stored.read_bytes() == PDF
    assert "Repairs" not in str(stored)
    page = signed_in.get(response.url).content.decode()
    assert f"/projects/{project.slug}/outputs/{output.pk}/download" in page


def test_a_file_renamed_to_pdf_that_is_not_a_pdf_is_refused(signed_in, project, media):
    disguised = SimpleUploadedFile(
        "report.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )

    page = errors(signed_in.post(url(project), form_data(file=disguised)))

    assert "The selected file is not a real PDF file. Upload a PDF, ODT, DOCX, CSV or PNG file" in page
    assert 'href="#id_file"' in page
    assert stored_files(media) == []


def test_an_oversized_upload_is_refused_with_a_clear_error_and_nothing_saved(signed_in, project, media, settings):
    settings.OUTPUT_MAX_UPLOAD_MB = 1
    too_big = SimpleUploadedFile("report.pdf", PDF + b"0" * (1024 * 1024), content_type="application/pdf")

    page = errors(signed_in.post(url(project), form_data(file=too_big)))

    assert "The selected file must be smaller than 1MB" in page
    assert 'href="#id_file"' in page
    assert "govuk-file-upload--error" in page
    # The other answers are kept, so only the file needs choosing again.
    assert 'value="Housing repairs discovery report"' in page
    assert stored_files(media) == []


def test_a_file_of_another_kind_is_refused(signed_in, project):
    page = errors(signed_in.post(url(project), form_data(file=SimpleUploadedFile("slides.pptx", b"PK\x03\x04"))))
    assert "The selected file must be a PDF, ODT, DOCX, CSV or PNG" in page


def test_it_needs_a_link_or_a_file(signed_in, project):
    page = errors(signed_in.post(url(project), form_data()))
    assert "Enter a link to the output or upload a file" in page


def test_it_refuses_both_a_link_and_a_file(signed_in, project, media):
    upload = SimpleUploadedFile("report.pdf", PDF)

    page = errors(signed_in.post(url(project), form_data(link="https://www.example.gov.uk/report", file=upload)))

    assert "Enter a link or upload a file, not both" in page
    assert stored_files(media) == []


def test_code_needs_its_repository_and_licence(signed_in, project):
    fields = form_data(output_type="code", link="https://www.example.gov.uk/repairs", licence="")

    page = errors(signed_in.post(url(project), fields))

    assert "Enter the address of the code’s repository" in page
    assert "Select the open-source licence the code is published under" in page


def test_code_is_published_with_its_repository_and_licence(signed_in, project):
    fields = form_data(
        output_type="code",
        phase="alpha",
        link="https://www.example.gov.uk/repairs",
        repository_url="https://github.com/example-council/repairs",
        licence="MIT",
    )
    assert signed_in.post(url(project), fields).status_code == 302
    output = Output.objects.get()
    assert (output.repository_url, output.licence, output.phase) == (
        "https://github.com/example-council/repairs",
        "MIT",
        "alpha",
    )


def test_a_phase_the_project_has_not_reached_is_refused(signed_in, project):
    page = errors(signed_in.post(url(project), form_data(phase="beta", link="https://www.example.gov.uk/x")))
    assert "Select a phase from the list" in page


def test_a_member_of_another_organisation_cannot_post(client, project, media):
    client.force_login(MembershipFactory(organisation=OrganisationFactory()).user)

    assert client.get(url(project)).status_code == 404
    response = client.post(url(project), form_data(file=SimpleUploadedFile("report.pdf", PDF)))

    assert response.status_code == 404
    assert not Output.objects.exists()
    assert stored_files(media) == []


def test_the_form_is_protected_against_cross_site_posts(project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(MembershipFactory(organisation=project.lead_organisation).user)

    response = client.post(url(project), form_data(link="https://www.example.gov.uk/report"))

    assert response.status_code == 403
    assert not Output.objects.exists()


def test_it_limits_how_often_one_person_posts(signed_in, project, settings):
    settings.PROJECT_POST_RATE = "1/h"
    assert signed_in.post(url(project), form_data(link="https://www.example.gov.uk/1")).status_code == 302
    assert signed_in.post(url(project), form_data(link="https://www.example.gov.uk/2")).status_code == 429
    assert Output.objects.count() == 1
