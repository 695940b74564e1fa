import pytest

from core.models import AuditEvent
from projects.tests.factories import ProjectFactory
from projects.views.projects import stop
from projects.workflow import ProjectStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory()


def url(project):
    return f"/manage/projects/{project.slug}/stop"


def test_it_is_for_programme_staff(client, member, project):
    assert stop.access_rule == "staff"
    client.force_login(member)
    assert client.post(url(project), {"reason": "No"}).status_code == 403
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_staff_stop_a_project_and_its_page_says_why(client, sign_in_verified, moderator, project):
    staff = sign_in_verified(moderator)

    response = staff.post(url(project), {"reason": "The partners bought an existing product."})

    assert response.url == f"/manage/projects/{project.slug}"
    project.refresh_from_db()
    assert (project.status, project.status_reason) == (
        ProjectStatus.STOPPED,
        "The partners bought an existing product.",
    )
    assert AuditEvent.objects.get(action="projects.stopped").actor == moderator
    public_page = client.get(f"/projects/{project.slug}").content.decode()
    assert "This project has stopped. The partners bought an existing product." in public_page


def test_it_needs_a_reason(sign_in_verified, moderator, project):
    page = sign_in_verified(moderator).post(url(project), {"reason": ""}).content.decode()

    assert "<title>Error: " in page
    assert '<a href="#id_reason">Enter why the project is stopping</a>' in page
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_a_completed_project_cannot_be_stopped(sign_in_verified, moderator):
    project = ProjectFactory(status=ProjectStatus.COMPLETED)
    client = sign_in_verified(moderator)

    assert "so it cannot be stopped" in client.get(url(project)).content.decode()
    page = client.post(url(project), {"reason": "Changed our minds"}).content.decode()
    assert "This project cannot be stopped because it is completed" in page
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
