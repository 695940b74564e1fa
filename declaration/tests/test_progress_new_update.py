import pytest
from django.urls import reverse

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from declaration.models import ProjectStatus, ProjectUpdate
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.views.progress import new_update

pytestmark = pytest.mark.django_db

ANSWERS = {
    "status": "in_progress",
    "what_happened": "We published bin collection days as open data.",
    "lessons_learnt": "Ask the crews first.",
}


@pytest.fixture
def project():
    return DeclarationProjectFactory(signature=SignatureFactory(signed=True), title="Open waste data")


@pytest.fixture
def colleague(project):
    """An approved member of the organisation that signed, who is not its lead."""
    return MembershipFactory(organisation=project.signature.organisation).user


def url(project) -> str:
    return reverse("declaration:progress_new", args=[project.pk])


def test_it_needs_someone_signed_in(client, project):
    assert new_update.access_rule == "signed_in"
    response = client.get(url(project))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


def test_it_shows_the_form_to_a_member_of_the_organisation(client, project, colleague):
    client.force_login(colleague)

    response = client.get(url(project))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Post an update on Open waste data" in content
    assert "Where does the project stand?" in content


def test_it_publishes_an_update_from_a_member_with_an_audit_event(client, project, colleague):
    client.force_login(colleague)

    response = client.post(url(project), ANSWERS)

    assert response.status_code == 302
    assert response.url == project.signature.organisation.get_absolute_url() + "#declaration"
    update = ProjectUpdate.objects.get(project=project)
    assert (update.status, update.author) == (ProjectStatus.IN_PROGRESS, colleague)
    assert update.what_happened == ANSWERS["what_happened"]
    assert update.lessons_learnt == "Ask the crews first."
    event = AuditEvent.objects.get(action="declaration.project_updated")
    assert event.actor == colleague
    assert event.changes["status"] == ["not_started", "in_progress"]
    page = client.get(response.url).content.decode()
    assert "Your update on ‘Open waste data’ is published" in page


def test_it_lets_the_lead_post_without_a_membership(client, project):
    client.force_login(project.signature.lead)

    assert client.post(url(project), ANSWERS).status_code == 302
    assert ProjectUpdate.objects.filter(project=project, author=project.signature.lead).exists()


def test_it_does_not_find_another_organisations_project(client, project):
    outsider = MembershipFactory().user
    client.force_login(outsider)

    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), ANSWERS).status_code == 404
    assert not ProjectUpdate.objects.exists()


@pytest.mark.parametrize("trait", ["pending", "rejected", "revoked"])
def test_it_does_not_find_the_project_for_a_membership_not_approved(client, project, trait):
    membership = MembershipFactory(organisation=project.signature.organisation, **{trait: True})
    client.force_login(membership.user)

    assert client.post(url(project), ANSWERS).status_code == 404


def test_it_does_not_find_a_project_of_a_declaration_not_yet_signed(client):
    project = DeclarationProjectFactory(signature=SignatureFactory(awaiting_signature=True))
    client.force_login(project.signature.lead)

    assert client.get(url(project)).status_code == 404


def test_it_refuses_other_methods(client, project, colleague):
    client.force_login(colleague)

    assert client.delete(url(project)).status_code == 405


def test_it_shows_errors_for_an_empty_form(client, project, colleague):
    client.force_login(colleague)

    response = client.post(url(project), {})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert '<a href="#id_status_0">Select where the project stands</a>' in content
    assert '<a href="#id_what_happened">Enter what has happened since the last update</a>' in content
    assert not ProjectUpdate.objects.exists()


def test_it_refuses_html(client, project, colleague):
    client.force_login(colleague)

    response = client.post(url(project), {**ANSWERS, "what_happened": 'Done <script>alert("x")</script>'})

    assert "What has happened must be plain text. Remove anything between &lt; and &gt;" in response.content.decode()
    assert not ProjectUpdate.objects.exists()


def test_it_accepts_a_less_than_sign_in_plain_text(client, project, colleague):
    client.force_login(colleague)

    client.post(url(project), {**ANSWERS, "what_happened": "Calls took <5 minutes"})

    assert ProjectUpdate.objects.get().what_happened == "Calls took <5 minutes"


def test_it_refuses_an_update_that_is_too_long(client, project, colleague):
    client.force_login(colleague)

    response = client.post(url(project), {**ANSWERS, "lessons_learnt": "x" * 5001})

    assert "Say what you have learnt in 5,000 characters or fewer" in response.content.decode()
    assert not ProjectUpdate.objects.exists()


def test_it_refuses_an_unknown_status(client, project, colleague):
    client.force_login(colleague)

    response = client.post(url(project), {**ANSWERS, "status": "finished"})

    assert "Select where the project stands" in response.content.decode()
    assert not ProjectUpdate.objects.exists()


def test_staff_without_a_membership_do_not_find_it(sign_in_verified, project, moderator):
    client = sign_in_verified(moderator)

    assert client.get(url(project)).status_code == 404
