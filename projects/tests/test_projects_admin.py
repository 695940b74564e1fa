import pytest

from projects.tests.factories import OutputFactory, ProjectFactory, ProjectPhaseFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def test_programme_admins_can_look_up_projects_but_not_change_them(programme_admin, sign_in_verified):
    client = sign_in_verified(programme_admin)
    project = ProjectFactory(title="Shared repairs")
    ProjectPhaseFactory(project=project, decision_note="Paid for by the partners")
    UpdateFactory(project=project, title="Weeknote 1")
    OutputFactory(project=project, title="Discovery findings")

    assert "Shared repairs" in client.get("/admin/projects/project/").content.decode()
    page = client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert "Paid for by the partners" in page
    assert 'type="submit"' not in page.split('id="content"')[1]
    assert "Weeknote 1" in client.get("/admin/projects/update/").content.decode()
    assert "Discovery findings" in client.get("/admin/projects/output/").content.decode()
    assert client.get("/admin/projects/project/add/").status_code == 403


def test_moderators_have_no_admin(moderator, sign_in_verified):
    assert sign_in_verified(moderator).get("/admin/projects/project/").status_code in (302, 403)
