import pytest
from django.core.management import call_command

from declaration.models import ProjectStatus, ProjectUpdate
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_data_has_updates_on_the_signed_declarations_once(settings):
    settings.DEBUG = True
    for code in ["BST", "CRF", "GLG", "KEN", "CON", "BNH"]:
        OrganisationFactory(register_code=code)

    call_command("load_demo_data")
    call_command("load_demo_data")

    updates = ProjectUpdate.objects.order_by("project__signature__reference")
    assert [update.status for update in updates] == [ProjectStatus.DONE, ProjectStatus.IN_PROGRESS]
    assert updates[1].lessons_learnt
    assert all(update.author is not None for update in updates)
