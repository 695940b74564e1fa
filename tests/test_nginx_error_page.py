"""The page nginx shows when no app server answers is the service's own error page."""

import re
from pathlib import Path

from django.template.loader import get_template
from django.test import override_settings

NGINX_PAGE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "service-unavailable.html"


def _squashed(html: str) -> str:
    without_comments = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", without_comments).strip()


@override_settings(STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}})
def test_it_is_the_rendered_server_error_page():
    rendered = get_template("core/errors/500.html").render()
    assert _squashed(NGINX_PAGE.read_text()) == _squashed(rendered)


def test_it_is_in_standards_mode():
    assert NGINX_PAGE.read_text().startswith("<!DOCTYPE html>\n")
