"""A Django email backend that sends through GOV.UK Notify.

Notify sends from templates it holds; the service keeps its wording in its own templates, so
one Notify template with ((subject)) and ((body)) placeholders carries every message. Each
message's outbox id goes to Notify as its reference, which is how `was_delivered` can tell
whether a message interrupted mid-send already reached Notify.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from core.outbox import PermanentFailure

# Notify's answers that no retry can change: a malformed request or address, a bad key.
PERMANENT_STATUSES = {400, 403}


class NotifyEmailBackend(BaseEmailBackend):
    # See _send: callers need not build files nobody will receive (core.email.sends_attachments).
    sends_attachments = False

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                try:
                    self._send(message, recipient)
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent

    def _send(self, message, recipient) -> None:
        # message.attachments are left out on purpose: Notify attaches files only through a
        # template's own placeholders, not through our one generic template. Every email
        # with an attachment carries a link to the same file instead (see core.email).
        unsubscribe = message.extra_headers.get("List-Unsubscribe", "").strip("<>")
        try:
            self.client.send_email_notification(
                email_address=recipient,
                template_id=settings.NOTIFY_TEMPLATE_ID,
                personalisation={"subject": message.subject, "body": message.body},
                reference=message.extra_headers.get("X-Reference") or None,
                one_click_unsubscribe_url=unsubscribe or None,
            )
        except HTTPError as error:
            if error.status_code in PERMANENT_STATUSES:
                raise PermanentFailure(f"GOV.UK Notify refused the message: {error}") from error
            raise

    def was_delivered(self, reference: str) -> bool:
        """Whether Notify already holds a message with this reference."""
        answer = self.client.get_all_notifications(template_type="email", reference=reference)
        return bool(answer.get("notifications"))
