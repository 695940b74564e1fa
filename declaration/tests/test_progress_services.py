import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from declaration import progress
from declaration.models import ProjectStatus, ProjectUpdate
from declaration.tests.factories import DeclarationProjectFactory, ProjectUpdateFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_it_records_the_status_before_and_after(member):
    project = DeclarationProjectFactory(signature=SignatureFactory(signed=True))
    MembershipFactory(user=member, organisation=project.signature.organisation)
    ProjectUpdateFactory(project=project)

    update = progress.post_update(project, by=member, status=ProjectStatus.DONE, what_happened="  Finished.  ")

    assert update.what_happened == "Finished."
    event = AuditEvent.objects.filter(action="declaration.project_updated").get()
    assert event.changes["status"] == ["in_progress", "done"]
    assert event.changes["project"] == [None, project.title]


def test_it_refuses_someone_outside_the_organisation(member):
    project = DeclarationProjectFactory(signature=SignatureFactory(signed=True))

    with pytest.raises(TransitionRefused):
        progress.post_update(project, by=member, status=ProjectStatus.DONE, what_happened="Finished.")

    assert not ProjectUpdate.objects.exists()
    assert not AuditEvent.objects.filter(action="declaration.project_updated").exists()


def test_it_refuses_a_withdrawn_declaration():
    project = DeclarationProjectFactory(signature=SignatureFactory(status="withdrawn"))

    with pytest.raises(TransitionRefused):
        progress.post_update(project, by=project.signature.lead, status=ProjectStatus.DONE, what_happened="Finished.")


def test_it_refuses_an_unknown_status():
    project = DeclarationProjectFactory(signature=SignatureFactory(signed=True))

    with pytest.raises(TransitionRefused) as refusal:
        progress.post_update(project, by=project.signature.lead, status="finished", what_happened="Finished.")

    assert refusal.value.field == "status"
