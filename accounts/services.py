"""Every business action on accounts and memberships. Views, admin and commands call these;
nothing else writes a membership's status, marks a sign-in link used or confirms a device."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, SignInLink, User
from accounts.workflow import TRANSITIONS, MembershipStatus
from core import audit
from core.email import send_email
from core.tokens import LinkRefused, hash_token, new_token
from core.workflow import TransitionRefused
from organisations.models import Organisation

logger = logging.getLogger(__name__)

DECISION_EMAILS = {
    "approve": "membership_approved",
    "reject": "membership_rejected",
    "revoke": "membership_revoked",
}


class MembershipRequestRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CodeRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


SUPPLIER_ACCOUNT = (
    "You act for a supplier on this service, so you cannot join a public sector organisation. "
    "Sign in with another email address to act for your organisation"
)
WRONG_CODE = "The code is not correct. Enter the latest 6-digit code from your authenticator app"
TOO_MANY_CODES = "You have entered too many wrong codes. Wait a few minutes, then try again"


def normalise_email(email: str) -> str:
    return User.objects.normalize_email(email)


# Sign-in by email link -------------------------------------------------------------------


def request_sign_in_link(email: str, next_url: str = "") -> None:
    """Email `email` a single-use sign-in link, or, for programme staff and assessors, a note
    to use the staff sign-in. The caller shows the same page either way."""
    email = normalise_email(email)
    user = User.objects.filter(email=email).first()
    if user is not None and not user.is_active:
        return
    if user is not None and user.signs_in_with_password:
        _send_quietly(email, "staff_sign_in_reminder", {"link": settings.SITE_URL + reverse("accounts:staff_sign_in")})
        return
    token = new_token()
    minutes = settings.SIGN_IN_LINK_MAX_AGE_MINUTES
    # One transaction: a worker killed mid-request leaves no link that was never emailed,
    # and one commit costs less than two.
    with transaction.atomic():
        SignInLink.objects.create(
            email=email,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(minutes=minutes),
            next_url=next_url if len(next_url) <= 500 else "",
        )
        link = settings.SITE_URL + reverse("accounts:sign_in_link", args=[token])
        _send_quietly(email, "sign_in_link", {"link": link, "minutes": minutes})


def check_sign_in_link(token: str) -> SignInLink:
    """The link for `token` if it can still be used; otherwise raise LinkRefused."""
    link = SignInLink.objects.filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkRefused("invalid")
    _refuse_if_spent(link, timezone.now())
    return link


def use_sign_in_link(token: str) -> tuple[User, str]:
    """Spend the link and return the person it signs in (created on first use) and where
    they were going."""
    link = check_sign_in_link(token)
    now = timezone.now()
    with transaction.atomic():
        # A conditional update rather than a read-then-write: of two submits of one link,
        # exactly one changes the row, so a link can never sign in twice.
        claimed = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
        if claimed != 1:
            link.refresh_from_db()
            _refuse_if_spent(link, now)
            raise LinkRefused("used")
        user, created = _user_for(link.email)
        if user.signs_in_with_password or not user.is_active:
            raise LinkRefused("invalid")
        if created:
            audit.record(user, "account.created", by=user)
        audit.record(user, "account.signed_in", by=user)
        grant_memberships_by_domain(user)
    return user, link.next_url


def _refuse_if_spent(link: SignInLink, now) -> None:
    if link.used_at is not None:
        raise LinkRefused("used")
    if link.expires_at <= now:
        raise LinkRefused("expired")


def _user_for(email: str) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    try:
        with transaction.atomic():
            # The link proved the address, so the account starts verified and passwordless.
            return User.objects.create_user(email), True
    except IntegrityError:
        # Two links for a new address used at the same moment: the other one created it.
        return User.objects.get(email=email), False


def change_name(user: User, full_name: str) -> User:
    before = user.full_name
    user.full_name = full_name.strip()
    if user.full_name != before:
        with transaction.atomic():
            user.save(update_fields=["full_name"])
            audit.record(user, "account.name_changed", by=user, changes={"full_name": (before, user.full_name)})
    return user


# Memberships -----------------------------------------------------------------------------


def _email_domain(user: User) -> str:
    return user.email.rpartition("@")[2].lower()


def grant_memberships_by_domain(user: User) -> list[Membership]:
    """Make `user` an approved member of every current organisation that owns their email
    domain, unless they already have a membership there (a moderator's decision stands)."""
    domain = _email_domain(user)
    # A supplier's people never join a public-sector organisation, whatever their address.
    if not domain or user.is_supplier_account:
        return []
    organisations = (
        Organisation.objects.current().filter(domains__domain__iexact=domain).exclude(memberships__user=user).distinct()
    )
    granted = []
    for organisation in organisations:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    user=user,
                    organisation=organisation,
                    status=MembershipStatus.APPROVED,
                    granted_by_domain=True,
                    decided_at=timezone.now(),
                )
                audit.record(
                    membership, "membership.granted_by_domain", changes={"status": (None, MembershipStatus.APPROVED)}
                )
        except IntegrityError:
            continue
        granted.append(membership)
    return granted


def request_membership(user: User, organisation: Organisation) -> Membership:
    """Ask to join `organisation`: approved at once if the user's email domain is one of its
    domains, otherwise waiting for a moderator."""
    if not Organisation.objects.current().filter(pk=organisation.pk).exists():
        raise MembershipRequestRefused(f"{organisation} no longer exists. Choose a current organisation")
    if user.is_supplier_account:
        raise MembershipRequestRefused(SUPPLIER_ACCOUNT)
    by_domain = organisation.domains.filter(domain__iexact=_email_domain(user)).exists()
    status = MembershipStatus.APPROVED if by_domain else MembershipStatus.PENDING
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                organisation=organisation,
                status=status,
                granted_by_domain=by_domain,
                decided_at=timezone.now() if by_domain else None,
            )
            audit.record(membership, "membership.requested", by=user, changes={"status": (None, status)})
            if by_domain:
                audit.record(membership, "membership.granted_by_domain", changes={"status": (None, status)})
    except IntegrityError:
        raise MembershipRequestRefused(f"You have already asked to join {organisation}") from None
    return membership


def approve(membership: Membership, *, by: User) -> Membership:
    return _apply(membership, "approve", by=by)


def reject(membership: Membership, *, by: User, reason: str) -> Membership:
    return _apply(membership, "reject", by=by, reason=reason)


def revoke(membership: Membership, *, by: User, reason: str) -> Membership:
    return _apply(membership, "revoke", by=by, reason=reason)


def _apply(membership: Membership, action: str, *, by: User, reason: str = "") -> Membership:
    step = TRANSITIONS[action]
    reason = reason.strip()
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        step.check(locked.status, by, reason)  # raises TransitionRefused
        if action == "approve" and locked.user.is_supplier_account:
            raise TransitionRefused(f"{locked.user.email} acts for a supplier, so cannot join {locked.organisation}")
        before = locked.status
        locked.status = step.target
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.reason = reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "reason"])
        audit.record(locked, step.audit_code, by=by, changes={"status": (before, locked.status)}, reason=reason)
        # In the decision's transaction, like every email: written to the outbox with the
        # change, so a crash just after the commit cannot lose it.
        send_decision_email(locked.pk, action)
    return locked


def send_decision_email(membership_id: int, action: str) -> None:
    membership = Membership.objects.select_related("user", "organisation").filter(pk=membership_id).first()
    if membership is None:
        return
    context = {
        "organisation": membership.organisation,
        "reason": membership.reason,
        "account_url": settings.SITE_URL + reverse("accounts:account"),
        "feedback_email": settings.FEEDBACK_EMAIL,
    }
    _send_quietly(membership.user.email, DECISION_EMAILS[action], context)


def _send_quietly(to: str, template: str, context: dict) -> None:
    # A failed email is logged, never shown: the page someone sees must not depend on it.
    # The savepoint keeps the caller's transaction usable if writing to the outbox fails.
    try:
        with transaction.atomic():
            send_email(to, template, context)
    except Exception:
        logger.exception("Could not send %s email", template)


# Programme staff: password and authenticator app ------------------------------------------


def authenticate_staff(email: str, password: str) -> User | None:
    """The staff member with this email and password, or None. People without a role have
    no password and always get None."""
    user = authenticate(None, username=normalise_email(email), password=password)
    if user is None or not user.signs_in_with_password:
        return None
    return user


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def verify_staff_code(user: User, code: str) -> TOTPDevice:
    """The confirmed device that accepts `code`; raises CodeRefused otherwise."""
    throttled = False
    with transaction.atomic():
        accepted = None
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update():
            if not device.verify_is_allowed()[0]:
                throttled = True
            elif device.verify_token(code):
                accepted = device
                break
        if accepted is not None:
            audit.record(user, "account.staff_signed_in", by=user)
    if accepted is None:
        raise CodeRefused(TOO_MANY_CODES if throttled else WRONG_CODE)
    return accepted


def start_authenticator_set_up(user: User) -> TOTPDevice:
    """The unconfirmed device the set-up page shows: the same one until it is confirmed, so
    reloading the page does not change the key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_authenticator(user: User, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm `device` with a code from the app, proving it was set up correctly."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if locked.confirmed:
            raise CodeRefused("This authenticator app is already set up. Sign in again")
        allowed = locked.verify_is_allowed()[0]
        accepted = allowed and locked.verify_token(code)
        if accepted:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            audit.record(user, "account.second_factor_added", by=user)
            audit.record(user, "account.staff_signed_in", by=user)
    if not accepted:
        # Outside the transaction, so the failure count the device just saved is kept.
        raise CodeRefused(WRONG_CODE if allowed else TOO_MANY_CODES)
    return locked


def save_staff_user(email: str, *, password: str, name: str = "", role: str = "") -> tuple[User, bool]:
    """Create a staff user, or update an existing one's name, role and password. Raises
    ValueError for a new user without a role and ValidationError for a weak password."""
    email = normalise_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        created = user is None
        if created:
            if not role:
                raise ValueError("A new staff user needs a role")
            user = User(email=email)
        before = {"full_name": user.full_name, "role": user.role}
        user.full_name = name or user.full_name
        user.role = role or user.role
        validate_password(password, user)
        user.set_password(password)
        user.save()
        action = "account.staff_user_created" if created else "account.staff_user_updated"
        audit.record(user, action, changes=audit.changed_fields(before, user, ["full_name", "role"]))
    return user, created
