import re

from django.core import mail

LINK_PATHS = {
    "confirm": r"/newsletter/confirm/[A-Za-z0-9_-]+",
    "preferences": r"/newsletter/preferences/[A-Za-z0-9_-]+",
    "unsubscribe": r"/newsletter/unsubscribe/[A-Za-z0-9_-]+",
}


def link_in(message, kind: str) -> str:
    """The path of the `kind` link ("confirm", "preferences" or "unsubscribe") in an email."""
    match = re.search(rf"http://testserver({LINK_PATHS[kind]})", message.body)
    assert match, message.body
    return match.group(1)


def last_link(kind: str) -> str:
    return link_in(mail.outbox[-1], kind)


def messages_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]
