import pytest

from core.models import AuditEvent
from declaration.models import DeclarationProject
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(client):
    project = DeclarationProjectFactory(title="Open waste data")
    client.force_login(project.signature.lead)
    return project


def url(project) -> str:
    return f"/declaration/sign/{project.signature.reference}/project/{project.pk}/remove"


def test_it_sends_someone_signed_out_to_sign_in(client):
    project = DeclarationProjectFactory()
    response = client.post(url(project))
    assert response.url.startswith("/sign-in?next=")
    assert DeclarationProject.objects.exists()


def test_it_does_not_find_another_persons_declaration(client, member):
    project = DeclarationProjectFactory()
    client.force_login(member)
    assert client.post(url(project)).status_code == 404
    assert DeclarationProject.objects.exists()


def test_it_removes_the_project_and_asks_for_another(client, project):
    response = client.post(url(project))
    assert response.url == f"/declaration/sign/{project.signature.reference}/project"
    assert not DeclarationProject.objects.exists()
    assert AuditEvent.objects.filter(action="declaration.project_removed").exists()


def test_it_goes_back_to_the_answers_while_another_project_remains(client, project):
    DeclarationProjectFactory(signature=project.signature)
    response = client.post(url(project))
    assert response.url == f"/declaration/sign/{project.signature.reference}/check"
    assert DeclarationProject.objects.count() == 1


def test_it_keeps_the_projects_of_a_submitted_declaration(client):
    project = DeclarationProjectFactory(signature=SignatureFactory(submitted=True))
    client.force_login(project.signature.lead)
    response = client.post(url(project))
    assert response.url == f"/declaration/sign/{project.signature.reference}/submitted"
    assert DeclarationProject.objects.exists()


def test_it_refuses_get(client, project):
    assert client.get(url(project)).status_code == 405
    assert DeclarationProject.objects.exists()
