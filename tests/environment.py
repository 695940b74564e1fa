"""Loaded by pytest before Django (see `addopts` in pyproject.toml): a test run gets a
complete environment of its own unless the caller sets one. DATABASE_URL is left alone so
the same suite runs on SQLite and on PostgreSQL."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("EMAIL_CHANNEL", "locmem")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("SITE_URL", "http://testserver")
