"""Access rules shared by every app. Each view states its rule with one of these decorators."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def public(view):
    """Anyone may see this view, signed in or not."""
    view.access_rule = "public"
    return view


def _staff_check(view, allowed_roles, rule, *, programme_staff_only=True):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url="accounts:staff_sign_in")
        allowed = user.is_programme_staff if programme_staff_only else user.signs_in_with_password
        # Someone acting for a supplier holds no staff or assessing right, even with a role.
        if not allowed or user.is_supplier_account:
            raise PermissionDenied
        # Staff pages need the second factor on this session, not only a password.
        if not user.is_verified():
            return redirect("accounts:staff_verify")
        if allowed_roles and not user.has_role(*allowed_roles):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.access_rule = rule
    return wrapper


def staff_required(*roles):
    """Programme staff signed in with their second factor; optionally only the given roles."""

    def decorator(view):
        return _staff_check(view, roles, "staff")

    return decorator


def role_required(*roles):
    """Someone with one of `roles` (assessors and fund approvers are not programme staff),
    signed in with their password and second factor."""

    def decorator(view):
        return _staff_check(view, roles, "staff", programme_staff_only=False)

    return decorator


def signed_in(view):
    """Any signed-in user."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Staff who have given their password but not yet their code are not signed in.
        if getattr(user, "signs_in_with_password", False) and not user.is_verified():
            return redirect("accounts:staff_verify")
        return view(request, *args, **kwargs)

    wrapper.access_rule = "signed_in"
    return wrapper
