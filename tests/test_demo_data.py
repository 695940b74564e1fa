import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from declaration.models import Signature
from declaration.workflow import SignatureStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CODES = ["CMD", "HCK", "LDS", "ESS", "SKP", "NKE", "MAN", "BST", "CRF", "GLG", "KEN", "CON", "BNH"]


@pytest.fixture
def organisations():
    return [OrganisationFactory(register_code=code) for code in CODES]


def test_it_loads_people_staff_and_declarations_at_every_stage(settings, organisations):
    settings.DEBUG = True

    call_command("load_demo_data")

    assert User.objects.filter(role="").count() >= 7
    assert set(User.objects.exclude(role="").values_list("role", flat=True)) == {
        "programme_admin",
        "moderator",
        "assessor",
        "fund_approver",
    }
    statuses = set(Signature.objects.values_list("status", flat=True))
    assert {SignatureStatus.SIGNED, SignatureStatus.SUBMITTED, SignatureStatus.WITHDRAWN} <= statuses
    emails = User.objects.values_list("email", flat=True)
    assert all(email.rsplit("@", 1)[1] in {"example.com", "example.org", "example.net"} for email in emails)


def test_running_it_again_adds_nothing(settings, organisations):
    settings.DEBUG = True
    call_command("load_demo_data")
    counts = (User.objects.count(), Signature.objects.count())

    call_command("load_demo_data")

    assert (User.objects.count(), Signature.objects.count()) == counts


def test_it_refuses_to_run_in_production(settings, organisations):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_data")
    assert not User.objects.exists()
