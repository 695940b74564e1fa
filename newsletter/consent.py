"""The consent a subscriber gives, word for word.

The subscribe page shows `CONSENT.wording` next to its button, and confirming a subscription
stores that wording and its version with the time. To change the wording, give it a new
version: people who agreed to earlier wording keep the record of what they agreed to.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Consent:
    version: str
    wording: str


CONSENT = Consent(
    version="2025-1",
    wording=(
        "By subscribing, you agree that Local Digital may email you updates about the topics you chose. "
        "We use your email address only to send these updates. "
        "Every email has a link to unsubscribe at once or to delete your data."
    ),
)
