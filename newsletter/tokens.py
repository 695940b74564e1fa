"""The hash a suppression record keeps instead of an erased address. Link tokens are
core.tokens'."""

from core.tokens import hash_token


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    """The hash a suppression record keeps of an address."""
    return hash_token(normalise_email(email))
