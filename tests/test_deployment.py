"""The production configuration, checked the way a deployment would start it."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789abcdefghij",
    "ALLOWED_HOSTS": "localdigital.example",
    "EMAIL_CHANNEL": "notify",
    "NOTIFY_API_KEY": "test-key",
    "NOTIFY_TEMPLATE_ID": "00000000-0000-0000-0000-000000000000",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, env):
    # Only what a deployment would have: none of the development or test-run variables.
    ignored = {*PRODUCTION, "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_it_passes_the_deployment_checks_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_refuses_notify_without_its_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "NOTIFY_API_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "NOTIFY_API_KEY" in result.stderr


def test_it_collects_static_files_with_hashed_names(tmp_path):
    result = manage("collectstatic", "--no-input", env={**PRODUCTION, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "govuk/govuk-frontend.min.css" in manifest
    # The compiled CSS now names the hashed fonts, so browsers can cache them for ever.
    css_name = next((tmp_path / "govuk").glob("govuk-frontend.min.*.css"))
    assert re.search(r"url\(\"?assets/fonts/bold-b542beb274-v2\.[0-9a-f]{12}\.woff2", css_name.read_text())
