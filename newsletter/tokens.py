"""Tokens for links in emails, and the hashes we keep instead of tokens and erased addresses.

A token is 256 random bits. Only its SHA-256 hash is stored, so a copy of the database
cannot be used to confirm, change or end anyone's subscription."""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    """The hash a suppression record keeps of an address."""
    return hash_token(normalise_email(email))
