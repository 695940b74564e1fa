from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from events.models import Topic
from organisations.tests.factories import OrganisationFactory
from projects import services
from projects.models import Output, OutputType, PhaseName, Update
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.uploads import check_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def project():
    project = ProjectFactory()
    project.partner_organisations.add(OrganisationFactory(name="Partnershire District Council"))
    ProjectPhaseFactory(project=project)
    return project


def member_of(organisation, **membership):
    return MembershipFactory(organisation=organisation, **membership).user


def link_output(**fields) -> services.OutputDetails:
    return services.OutputDetails(
        **{
            "phase": PhaseName.DISCOVERY,
            "output_type": OutputType.DISCOVERY_REPORT,
            "title": "Discovery report",
            "description": "What we learnt.",
            "link": "https://www.example.gov.uk/report",
            **fields,
        }
    )


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def test_members_of_the_lead_and_of_a_partner_can_post(project):
    for organisation in (project.lead_organisation, project.partner_organisations.get()):
        services.post_update(project, by=member_of(organisation), kind="weeknote", title="Week 1", body="Hello")

    assert Update.objects.filter(project=project).count() == 2
    assert AuditEvent.objects.filter(action="projects.update_posted").count() == 2


@pytest.mark.parametrize("membership", ["pending", "rejected", "revoked"])
def test_someone_whose_membership_is_not_approved_cannot_post(project, membership):
    person = member_of(project.lead_organisation, **{membership: True})

    with pytest.raises(TransitionRefused, match="Only members of the project’s lead or partner organisations"):
        services.post_update(project, by=person, kind="weeknote", title="Week 1", body="Hello")

    assert not Update.objects.exists()


def test_a_member_of_another_organisation_cannot_add_an_output_or_change_details(project):
    outsider = member_of(OrganisationFactory())

    with pytest.raises(TransitionRefused):
        services.add_output(project, by=outsider, details=link_output())
    with pytest.raises(TransitionRefused):
        details = services.ProjectDetails("New summary", "New problem", "team@example.gov.uk")
        services.change_details(project, by=outsider, details=details)

    assert not Output.objects.exists()
    project.refresh_from_db()
    assert project.summary != "New summary"


def test_an_output_comes_from_a_phase_the_project_has_been_through(project):
    with pytest.raises(TransitionRefused) as refusal:
        services.add_output(project, by=member_of(project.lead_organisation), details=link_output(phase="beta"))
    assert refusal.value.field == "phase"


def test_code_needs_its_repository_and_an_open_source_licence(project):
    member = member_of(project.lead_organisation)
    with pytest.raises(TransitionRefused) as refusal:
        services.add_output(project, by=member, details=link_output(output_type=OutputType.CODE))
    assert refusal.value.field == "repository_url"
    with pytest.raises(TransitionRefused) as refusal:
        details = link_output(
            output_type=OutputType.CODE, repository_url="https://github.com/example-council/x", licence="CC-BY-4.0"
        )
        services.add_output(project, by=member, details=details)
    assert refusal.value.field == "licence"


def test_a_file_is_stored_under_a_random_name(project, media):
    upload = check_upload(SimpleUploadedFile("../Our discovery report.pdf", PDF))

    output = services.add_output(
        project, by=member_of(project.lead_organisation), details=link_output(link=""), upload=upload
    )

    assert (output.file_type, output.file_size, output.file_name) == ("pdf", len(PDF), "Our discovery report.pdf")
    assert "discovery" not in output.file.name
    assert output.file.name.startswith("outputs/") and output.file.name.endswith(".pdf")
    assert stored_files(media)[0].read_bytes() == PDF


def test_nothing_is_kept_when_the_output_cannot_be_saved(project, media, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(services.audit, "record", refuse)
    upload = check_upload(SimpleUploadedFile("report.pdf", PDF))

    with pytest.raises(RuntimeError):
        services.add_output(
            project, by=member_of(project.lead_organisation), details=link_output(link=""), upload=upload
        )

    assert not Output.objects.exists()
    assert stored_files(media) == []


def test_changing_details_records_what_changed_without_the_long_text(project):
    member = member_of(project.lead_organisation)
    topic = Topic.objects.get(slug="open-data")

    services.change_details(
        project,
        by=member,
        details=services.ProjectDetails(
            summary=" A new summary ",
            problem="A new problem",
            contact_email="Repairs-Team@Example.gov.uk",
            topics=[topic],
        ),
    )

    project.refresh_from_db()
    assert (project.summary, project.contact_email) == ("A new summary", "repairs-team@example.gov.uk")
    assert list(project.topics.all()) == [topic]
    event = AuditEvent.objects.get(action="projects.details_changed")
    assert event.changes["problem"] == ["", ""]
    assert event.changes["topics"] == [[], [topic.pk]]


def test_saving_unchanged_details_records_nothing(project):
    details = services.ProjectDetails(project.summary, project.problem, project.contact_email)
    services.change_details(project, by=member_of(project.lead_organisation), details=details)
    assert not AuditEvent.objects.filter(action="projects.details_changed").exists()


def test_staff_are_not_on_the_team(project):
    with pytest.raises(TransitionRefused):
        services.post_update(project, by=UserFactory(moderator=True), kind="weeknote", title="Week 1", body="Hi")
