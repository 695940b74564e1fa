from datetime import timedelta

from core import outbox
from core.schedule import every
from core.tasks import deliver_email


@every(timedelta(minutes=1))
def send_due_emails():
    """Retries whose backoff has passed, and messages whose task was lost."""
    outbox.deliver_due()


@every(timedelta(minutes=5))
def recover_stuck_emails():
    """Messages a worker was sending when it died."""
    for message_id in outbox.recover_stuck():
        deliver_email.enqueue(str(message_id))
