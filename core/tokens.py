"""Tokens for links sent by email (sign-in, confirmation, signing, preferences).

A token is 256 random bits. Only its SHA-256 hash is stored, so a copy of the database cannot
be used to act as anyone. Each app decides how long its links last and whether they are
single-use; all refuse an unusable link the same way.
"""

import hashlib
import secrets


class LinkRefused(Exception):
    """A link that cannot be used. `reason` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
