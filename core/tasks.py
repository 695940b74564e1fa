from django_tasks import task

from core import outbox


@task()
def deliver_email(message_id: str) -> str | None:
    return outbox.deliver(message_id)
