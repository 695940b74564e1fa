from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def run(**options) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_organisations", stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_it_reports_what_it_created():
    stdout, stderr = run()

    assert "Local authorities: 470 created, 0 updated, 0 unchanged." in stdout
    assert "Co-publishers: 18 created, 27 updated, 0 unchanged." in stdout
    assert Organisation.objects.count() == 470 + 18


def test_it_reports_a_second_run_as_all_unchanged():
    run()

    stdout, _ = run()

    assert "Local authorities: 0 created, 0 updated, 470 unchanged." in stdout
    assert "Co-publishers: 0 created, 0 updated, 45 unchanged." in stdout


def test_it_shows_progress_on_stderr():
    _, stderr = run()

    assert "Councils: 100%" in stderr
    assert "Co-publishers: 100%" in stderr


def test_it_is_silent_at_verbosity_0():
    assert run(verbosity=0) == ("", "")
    assert Organisation.objects.count() == 470 + 18
