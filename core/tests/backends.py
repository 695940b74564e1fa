"""Email backends that behave like a provider having a bad day, for outbox tests."""

from core.outbox import PermanentFailure

DELIVERED: list = []


class FlakyBackend:
    """Refuses the next `failures` sends with a connection error, then delivers into
    DELIVERED. Set FlakyBackend.failures (and .permanent) before sending."""

    failures = 0
    permanent = False

    def __init__(self, fail_silently=False, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.permanent:
            raise PermanentFailure("The address is not valid")
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionError("The provider did not answer")
        DELIVERED.extend(messages)
        return len(messages)

    def was_delivered(self, reference):
        return any(message.extra_headers.get("X-Reference") == reference for message in DELIVERED)
