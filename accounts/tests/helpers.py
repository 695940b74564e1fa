import re

from django.core import mail
from django_otp.oath import totp


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def link_from_outbox() -> str:
    """The sign-in link (path only) in the last email sent."""
    match = re.search(r"http://testserver(/sign-in/[A-Za-z0-9_-]+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)
