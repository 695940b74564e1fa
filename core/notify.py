"""A Django email backend that sends through GOV.UK Notify.

Notify sends from templates it holds; the service keeps its wording in its own templates, so
one Notify template with ((subject)) and ((body)) placeholders carries every message.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY)

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=recipient,
                        template_id=settings.NOTIFY_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body},
                        reference=message.extra_headers.get("X-Reference") or None,
                    )
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent
