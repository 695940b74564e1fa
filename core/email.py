"""Every email the service sends goes through `send_email`, rendered from a template pair:
`templates/email/<name>.subject.txt` and `templates/email/<name>.txt`.

Plain text only: GOV.UK Notify formats it, and plain text reads well in every mail client.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def render_email(template: str, context: dict) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, "service_name": settings.SERVICE_NAME, **context}
    subject = " ".join(render_to_string(f"email/{template}.subject.txt", context).split())
    body = render_to_string(f"email/{template}.txt", context).strip() + "\n"
    return subject, body


def send_email(to: str, template: str, context: dict, *, reference: str = "") -> None:
    subject, body = render_email(template, context)
    message = EmailMessage(subject=subject, body=body, to=[to])
    if reference:
        # The Notify backend passes this on as the message's reference.
        message.extra_headers["X-Reference"] = reference
    message.send()
    logger.info("Sent %s email", template)
