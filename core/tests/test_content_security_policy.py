import base64
import hashlib
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.DOTALL)


def sha256_source(script: str) -> str:
    digest = hashlib.sha256(script.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def test_it_allows_the_base_templates_inline_script_by_its_hash(client):
    # Recomputed from the template itself: editing the script without its hash in
    # CONTENT_SECURITY_POLICY fails here, rather than in a browser that silently refuses it.
    template = (settings.BASE_DIR / "templates" / "base.html").read_text()
    [script] = inline_scripts(template)

    policy = client.get("/").headers["Content-Security-Policy"]

    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src == ["'self'", sha256_source(script)]


def test_it_allows_no_inline_script_it_does_not_name(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "'unsafe-inline'" not in policy
    assert "'nonce-" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_sends_the_same_policy_and_page_to_every_anonymous_visitor(client):
    first = client.get("/")
    second = client.get("/")

    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]
    assert first.content == second.content


def test_it_puts_the_inline_script_in_the_page_as_the_template_writes_it(client):
    # The browser hashes the script as served; it must be the text the hash was taken from.
    template = (settings.BASE_DIR / "templates" / "base.html").read_text()

    page = client.get("/").content.decode()

    assert "nonce=" not in page
    assert inline_scripts(page) == inline_scripts(template)
