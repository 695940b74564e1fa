"""The authenticator app on a staff member's phone, for journeys through the staff sign-in."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# Long enough for the next 30-second code to come round, and for a throttle after one
# wrong code to lift.
LONGEST_WAIT_SECONDS = 2 * TOTPDevice._meta.get_field("step").default + 5


class AuthenticatorApp:
    """Shows a 6-digit code for the current 30-second step, as the apps the service tells
    staff to install do (RFC 6238 with its defaults: SHA-1, 30 seconds, 6 digits)."""

    step = 30
    digits = 6

    def __init__(self, key: bytes) -> None:
        self.key = key

    @classmethod
    def from_setup_key(cls, setup_key: str) -> AuthenticatorApp:
        """Add an account by typing the setup key the service shows under its QR code."""
        compact = "".join(setup_key.split()).upper()
        return cls(base64.b32decode(compact + "=" * (-len(compact) % 8)))

    def _totp(self, at: float, drift: int = 0) -> TOTP:
        totp = TOTP(self.key, step=self.step, digits=self.digits, drift=drift)
        totp.time = at
        return totp

    def _format(self, totp: TOTP) -> str:
        return f"{totp.token():0{self.digits}d}"

    def code(self) -> str:
        return self._format(self._totp(time.time()))

    def wrong_code(self) -> str:
        """A code of the right shape that no nearby 30-second step shows, so the service
        refuses it whatever tolerance it allows for a phone's clock."""
        now = time.time()
        nearby = {self._format(self._totp(now, drift)) for drift in range(-3, 4)}
        return next(code for code in (f"{n}" * self.digits for n in range(10)) if code not in nearby)

    def code_the_service_takes(self, device: TOTPDevice) -> str:
        """The code to type once `device` will take one, waiting as a person would.

        django-otp refuses a second code from a 30-second step it has already accepted one
        from (someone may have watched it being typed), and refuses every code for a moment
        after a wrong one. A person in either case waits for the app's next code, and so does
        this, for at most a minute: the journey stays the same whenever in the step it runs."""
        deadline = time.monotonic() + LONGEST_WAIT_SECONDS
        while True:
            device.refresh_from_db()
            totp = self._totp(time.time())
            if device.verify_is_allowed()[0] and totp.t() > device.last_t:
                return self._format(totp)
            assert time.monotonic() < deadline, f"{device} still refuses codes (last step {device.last_t})"
            time.sleep(0.25)
