"""Reading the emails the service sends. The live server runs in the test's process, so what
it sends lands in the outbox pytest-django's `mailoutbox` fixture set up."""

import re
import time

from django.core import mail


def wait_for_email(
    mailoutbox: list[mail.EmailMessage], to: str, subject: str | None = None, timeout: float = 5
) -> mail.EmailMessage:
    """The last email sent to `to` (with `subject`, if given). Wait a moment in case it
    goes after the response."""
    deadline = time.monotonic() + timeout
    while not (
        sent := [
            message for message in mailoutbox if to in message.to and (subject is None or message.subject == subject)
        ]
    ):
        seen = [(m.to, m.subject) for m in mailoutbox]
        assert time.monotonic() < deadline, f"No email to {to} with subject {subject!r}; sent: {seen}"
        time.sleep(0.1)
    return sent[-1]


def link_in(email: mail.EmailMessage, path: str) -> str:
    """The path (from the site's address on) of the one link in `email` under `path`, for
    the browser to open on the test's server."""
    links = re.findall(rf"https?://[^/\s]+({re.escape(path)}[A-Za-z0-9_-]+)", email.body)
    assert len(links) == 1, f"Expected one link under {path}, found {links} in:\n{email.body}"
    return links[0]
