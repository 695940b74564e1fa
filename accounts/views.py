from base64 import b32encode
from functools import wraps
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login

from accounts import queries, services
from accounts.forms import (
    CodeForm,
    JoinOrganisationForm,
    NameForm,
    RejectForm,
    SignInForm,
    SignInLinkForm,
    StaffSignInForm,
)
from accounts.workflow import MembershipStatus
from core.forms import DecisionForm
from core.pagination import pagination
from core.permissions import public, signed_in, staff_required
from core.ratelimits import limit_posts, posted_email
from core.workflow import TransitionRefused

CHECK_EMAIL_SESSION_KEY = "accounts_sign_in_email"
LINK_REFUSED_STATUS = {"invalid": 400, "expired": 410, "used": 410}


# Helpers ----------------------------------------------------------------------------------


def _safe_next(request, url: str, default: str) -> str:
    hosts = {request.get_host()}
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts=hosts, require_https=request.is_secure())
    # No address of ours has a NUL in it, and PostgreSQL cannot store one with a sign-in link.
    return url if url and allowed and "\x00" not in url else default


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _staff_home(user) -> str:
    return reverse("accounts:manage_memberships" if user.is_programme_staff else "accounts:account")


def _second_step(user, next_url: str) -> str:
    name = "accounts:staff_verify" if services.has_authenticator(user) else "accounts:staff_set_up_authenticator"
    return _with_next(reverse(name), next_url)


def _password_accepted(view):
    """The second step of staff sign-in: the person gave a staff password on this session
    and has not yet given a code."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user, next_url = request.user, request.GET.get("next", "")
        if not (user.is_authenticated and user.signs_in_with_password):
            return redirect(_with_next(reverse("accounts:staff_sign_in"), next_url))
        if user.is_verified():
            return redirect(_safe_next(request, next_url, _staff_home(user)))
        return view(request, *args, **kwargs)

    return wrapper


def _second_factor_if_staff(view):
    """Staff and assessors reach even their own account page only with their second factor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.signs_in_with_password and not user.is_verified():
            return redirect(_with_next(reverse("accounts:staff_verify"), request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper


# Sign-in by email link --------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
@limit_posts("accounts.sign_in.ip", "ip", "SIGN_IN_RATE_PER_IP")
@limit_posts("accounts.sign_in.email", posted_email, "SIGN_IN_RATE_PER_EMAIL")
def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        next_url = _safe_next(request, request.GET.get("next", ""), "")
        services.request_sign_in_link(form.cleaned_data["email"], next_url)
        request.session[CHECK_EMAIL_SESSION_KEY] = services.normalise_email(form.cleaned_data["email"])
        return redirect("accounts:check_email")
    return render(request, "accounts/sign_in.html", {"form": form})


@public
@require_safe
def check_email(request):
    email = request.session.get(CHECK_EMAIL_SESSION_KEY)
    if not email:
        return redirect("accounts:sign_in")
    context = {"email": email, "minutes": settings.SIGN_IN_LINK_MAX_AGE_MINUTES}
    return render(request, "accounts/check_email.html", context)


@public
@require_http_methods(["GET", "POST"])
def sign_in_link(request, token):
    # GET only shows a button: mail scanners follow links, and must not spend the link.
    try:
        if request.method == "GET":
            services.check_sign_in_link(token)
            return render(request, "accounts/sign_in_link.html", {"form": SignInLinkForm()})
        user, next_url = services.use_sign_in_link(token)
    except services.LinkRefused as refusal:
        status = LINK_REFUSED_STATUS[refusal.reason]
        return render(request, "accounts/sign_in_link_refused.html", {"reason": refusal.reason}, status=status)
    login(request, user)
    request.session.pop(CHECK_EMAIL_SESSION_KEY, None)
    return redirect(_safe_next(request, next_url, reverse("accounts:account")))


@public
@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:home")


# Your account and organisations -----------------------------------------------------------


@signed_in
@_second_factor_if_staff
@require_http_methods(["GET", "POST"])
def account(request):
    form = NameForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        services.change_name(request.user, form.cleaned_data["full_name"])
        messages.success(request, "Your name has been saved")
        return redirect("accounts:account")
    context = {"form": form, "memberships": queries.memberships_of(request.user)}
    return render(request, "accounts/account.html", context)


@signed_in
@_second_factor_if_staff
@require_http_methods(["GET", "POST"])
def join_organisation(request):
    form = JoinOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.request_membership(request.user, form.cleaned_data["organisation"])
        except services.MembershipRequestRefused as refusal:
            form.add_error("organisation", refusal.message)
        else:
            if membership.status == MembershipStatus.APPROVED:
                messages.success(request, f"You are now a member of {membership.organisation}")
            else:
                messages.success(request, f"You have asked to join {membership.organisation}")
            return redirect("accounts:account")
    return render(request, "accounts/join_organisation.html", {"form": form})


# Moderation -------------------------------------------------------------------------------


def _render_pending(request, form):
    page = queries.pending_memberships(request.GET.get("page"))
    context = {"page": page, "form": form, "pagination": pagination(page, request.GET)}
    return render(request, "accounts/manage_memberships.html", context)


@staff_required("moderator")
@require_safe
def manage_memberships(request):
    return _render_pending(request, DecisionForm())


@staff_required("moderator")
@require_POST
def approve_membership(request, pk):
    membership = queries.membership_for_moderation(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.approve(membership, by=request.user)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, f"You approved {membership.user.email}’s request to join {membership.organisation}"
            )
            return redirect("accounts:manage_memberships")
    return _render_pending(request, form)


@staff_required("moderator")
@require_http_methods(["GET", "POST"])
def reject_membership(request, pk):
    membership = queries.membership_for_moderation(pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject(membership, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request, f"You rejected {membership.user.email}’s request to join {membership.organisation}"
            )
            return redirect("accounts:manage_memberships")
    return render(request, "accounts/reject_membership.html", {"form": form, "membership": membership})


# Programme staff: password, then a code from an authenticator app -------------------------


@public
@require_http_methods(["GET", "POST"])
@limit_posts("accounts.staff_sign_in.ip", "ip", "SIGN_IN_RATE_PER_IP")
@limit_posts("accounts.staff_sign_in.email", posted_email, "SIGN_IN_RATE_PER_EMAIL")
def staff_sign_in(request):
    next_url = request.GET.get("next", "")
    if request.user.is_authenticated and request.user.signs_in_with_password:
        return redirect(_second_step(request.user, next_url))
    form = StaffSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.authenticate_staff(form.cleaned_data["email"], form.cleaned_data["password"])
        if user is None:
            form.add_error("email", "Enter a correct email address and password")
        else:
            login(request, user)
            return redirect(_second_step(user, next_url))
    return render(request, "accounts/staff_sign_in.html", {"form": form})


@public
@_password_accepted
@require_http_methods(["GET", "POST"])
@limit_posts("accounts.staff_code", "user_or_ip", "STAFF_CODE_RATE")
def staff_verify(request):
    next_url = request.GET.get("next", "")
    if not services.has_authenticator(request.user):
        return redirect(_second_step(request.user, next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_staff_code(request.user, form.cleaned_data["code"])
        except services.CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            return _finish_staff_sign_in(request, device, next_url)
    return render(request, "accounts/staff_verify.html", {"form": form})


@public
@_password_accepted
@require_http_methods(["GET", "POST"])
@limit_posts("accounts.staff_code", "user_or_ip", "STAFF_CODE_RATE")
def staff_set_up_authenticator(request):
    next_url = request.GET.get("next", "")
    if services.has_authenticator(request.user):
        return redirect(_second_step(request.user, next_url))
    device = services.start_authenticator_set_up(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.confirm_authenticator(request.user, device, form.cleaned_data["code"])
        except services.CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            return _finish_staff_sign_in(request, device, next_url)
    context = {"form": form, "qr_code": _qr_code(device.config_url), "secret": _readable_secret(device.bin_key)}
    return render(request, "accounts/staff_set_up_authenticator.html", context)


def _finish_staff_sign_in(request, device, next_url: str):
    # A new session key now the session is trusted for staff pages.
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_safe_next(request, next_url, _staff_home(request.user)))


def _qr_code(url: str) -> str:
    """A data: URI of an SVG QR code (the content security policy allows data: images)."""
    return segno.make(url, micro=False, error="m").svg_data_uri(scale=5, dark="#0b0c0c")


def _readable_secret(key: bytes) -> str:
    secret = b32encode(key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
