"""Every email the service sends goes through `send_email`, rendered from a template pair:
`templates/email/<name>.subject.txt` and `templates/email/<name>.txt`.

The message is written to the outbox in the caller's transaction and a background task sends
it (core/outbox.py), so a change that rolls back sends nothing and a provider outage loses
nothing. Plain text only: GOV.UK Notify formats it, and it reads well in every mail client.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

from core import outbox
from core.models import OutboundEmail
from core.tasks import deliver_email


def render_email(template: str, context: dict) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, "service_name": settings.SERVICE_NAME, **context}
    subject = " ".join(render_to_string(f"email/{template}.subject.txt", context, using="email").split())
    body = render_to_string(f"email/{template}.txt", context, using="email").strip() + "\n"
    return subject, body


def sends_attachments() -> bool:
    """Whether the email channel delivers attachments. GOV.UK Notify does not (core/notify.py),
    so there a file is neither built nor kept in the outbox: the email links to it instead."""
    return getattr(import_string(settings.EMAIL_BACKEND), "sends_attachments", True)


def send_email(
    to: str,
    template: str,
    context: dict,
    *,
    unsubscribe_url: str = "",
    dedupe_key: str = "",
    attachments: list[outbox.Attachment] | None = None,
) -> OutboundEmail | None:
    """Queue an email. `unsubscribe_url` adds RFC 8058 one-click unsubscribe headers;
    `dedupe_key` makes the call a no-op (returning None) if that key was used before;
    `attachments` are (filename, content, mimetype) triples. GOV.UK Notify sends no
    attachments (core/notify.py), so the body must carry a link to anything attached."""
    subject, body = render_email(template, context)
    if attachments and not sends_attachments():
        attachments = None
    message = outbox.write(
        to,
        template,
        subject,
        body,
        unsubscribe_url=unsubscribe_url,
        dedupe_key=dedupe_key,
        attachments=attachments,
    )
    if message is not None:
        # With the database queue the task row joins the caller's transaction too.
        deliver_email.enqueue(str(message.pk))
    return message
