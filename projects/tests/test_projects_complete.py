import pytest

from core.models import AuditEvent
from projects.tests.factories import ProjectFactory, ProjectPhaseFactory
from projects.views.projects import complete
from projects.workflow import PhaseStatus, ProjectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = ProjectFactory()
    ProjectPhaseFactory(project=project)
    return project


def url(project):
    return f"/manage/projects/{project.slug}/complete"


def test_it_is_for_programme_staff(client, member, project):
    assert complete.access_rule == "staff"
    client.force_login(member)
    assert client.post(url(project)).status_code == 403
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_it_only_accepts_a_post(sign_in_verified, moderator, project):
    assert sign_in_verified(moderator).get(url(project)).status_code == 405


def test_staff_mark_a_project_completed(sign_in_verified, moderator, project):
    client = sign_in_verified(moderator)

    response = client.post(url(project))

    assert response.url == f"/manage/projects/{project.slug}"
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.phases.get().status == PhaseStatus.COMPLETE
    assert AuditEvent.objects.get(action="projects.completed").actor == moderator
    assert "The project is marked completed" in client.get(response.url).content.decode()


def test_a_project_that_has_stopped_cannot_be_completed(sign_in_verified, moderator, project):
    project.status = ProjectStatus.STOPPED
    project.save()

    response = sign_in_verified(moderator).post(url(project))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "This project cannot be marked completed because it is stopped" in page
