"""A newsletter to 2,000 subscribers survives its worker being killed part-way.

This runs the real worker (`manage.py run_worker`) in another process against a database of
its own, sending through GOV.UK Notify's API as stood in for by tests/fake_notify.py. The
worker is killed with SIGKILL mid-send, as a crash or an impatient deploy would, then started
again; every subscriber must end with exactly one email.
"""

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from tests.fake_notify import API_KEY, TEMPLATE_ID, FakeNotify

ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 2000

SEED = f"""
from django.utils import timezone
from accounts.models import User
from newsletter import services
from newsletter.models import Subscriber, SubscriberTopic

now = timezone.now()
subscribers = Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}@example.com", status="confirmed", consent_wording="Yes", consent_version="1",
               consented_at=now)
    for n in range({SUBSCRIBERS})
)
SubscriberTopic.objects.bulk_create(SubscriberTopic(subscriber=s, topic="fund") for s in subscribers)
moderator = User.objects.create_user("moderator@example.com", role="moderator")
issue = services.create_issue(title="Fund round 2 opens", body="Applications open on Monday.", by=moderator)
services.start_sending(issue, topics=["fund"], by=moderator)
"""

REPORT = """
from core.models import OutboundEmail
from newsletter.models import Issue
issue = Issue.objects.get()
print(issue.status, OutboundEmail.objects.count(), OutboundEmail.objects.filter(status="sent").count())
"""


@pytest.fixture
def worker_database(tmp_path):
    """A database for the worker's world: a new PostgreSQL database when the suite runs on
    PostgreSQL, otherwise an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path}/worker.sqlite3"
        return
    config = dj_database_url.parse(url)
    name = f"worker_{uuid.uuid4().hex[:12]}"
    admin = dict(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], password=config["PASSWORD"])
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def environment(database_url, notify_url):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url,
        TASKS_BACKEND="database",
        EMAIL_CHANNEL="notify",
        NOTIFY_API_KEY=API_KEY,
        NOTIFY_TEMPLATE_ID=TEMPLATE_ID,
        NOTIFY_BASE_URL=notify_url,
        NEWSLETTER_BATCH_SIZE="50",
        # After the kill, the restarted worker picks up at once what the dead one held.
        OUTBOX_STUCK_AFTER_SECONDS="1",
        NEWSLETTER_STALLED_AFTER_MINUTES="0",
    )
    return env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_until(condition, *, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_every_subscriber_gets_the_newsletter_exactly_once_when_the_worker_is_killed_midway(worker_database):
    with FakeNotify() as notify:
        env = environment(worker_database, notify.url)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "shell", "-v", "0", "-c", SEED)

        worker = start_worker(env)
        try:
            assert wait_until(lambda: notify.count() >= SUBSCRIBERS // 4, seconds=180), "the worker sent nothing"
        finally:
            worker.kill()
            worker.wait()
        sent_before_restart = notify.count()
        assert sent_before_restart < SUBSCRIBERS, "the worker finished before it could be killed"

        time.sleep(1.5)  # past OUTBOX_STUCK_AFTER_SECONDS, so the message in hand counts as stuck
        worker = start_worker(env)
        try:
            assert wait_until(lambda: notify.count() >= SUBSCRIBERS, seconds=300), (
                f"only {notify.count()} of {SUBSCRIBERS} sent after the restart"
            )
            time.sleep(2)  # anything sent twice would arrive now
        finally:
            worker.terminate()
            worker.wait(timeout=30)

        received = Counter(notify.recipients())
        assert len(received) == SUBSCRIBERS
        assert set(received.values()) == {1}, [address for address, times in received.items() if times > 1][:5]
        assert manage(env, "shell", "-v", "0", "-c", REPORT).stdout.split() == [
            "sent",
            str(SUBSCRIBERS),
            str(SUBSCRIBERS),
        ]
