from datetime import timedelta

from core import outbox
from core.schedule import every


@every(timedelta(minutes=1))
def send_due_emails():
    """Retries whose backoff has passed, and messages whose task was lost."""
    outbox.deliver_due()


@every(timedelta(minutes=5))
def recover_stuck_emails():
    outbox.recover_stuck()
