"""The Django admin, for programme admins only, behind the same two-step staff sign-in as
every staff page: there is no separate admin login form."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp.admin import OTPAdminSite

from accounts.models import Membership, SignInLink, User
from core import audit

# OTPAdminSite refuses any session that has not been verified with a second factor.
admin.site.__class__ = OTPAdminSite


def admin_login(request, extra_context=None):
    """Send people to the staff sign-in, which brings them back here once verified."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    if admin.site.has_permission(request):
        return redirect(next_url)
    user = request.user
    if user.is_authenticated and user.signs_in_with_password and user.is_verified():
        # Fully signed in, but not a programme admin: sending them to sign in again would loop.
        raise PermissionDenied
    return redirect(f"{reverse('accounts:staff_sign_in')}?{urlencode({'next': next_url})}")


admin.site.login = admin_login
admin.site.site_header = "Local Digital administration"
admin.site.site_title = "Local Digital admin"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    # No password field: staff passwords are set with `manage.py create_staff_user`.
    fields = ["email", "full_name", "role", "is_active", "date_joined", "last_login"]
    readonly_fields = ["date_joined", "last_login"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        changes = {name: (form.initial.get(name), getattr(obj, name)) for name in form.changed_data}
        if changes:
            action = "account.changed_by_admin" if change else "account.created_by_admin"
            audit.record(obj, action, by=request.user, changes=changes)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "status", "granted_by_domain", "created_at", "decided_at"]
    list_filter = ["status", "granted_by_domain"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "organisation"]
    # Status changes go through the moderation pages, which check the workflow and audit them.
    readonly_fields = ["status", "granted_by_domain", "created_at", "decided_at", "decided_by", "reason"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignInLink)
class SignInLinkAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "expires_at", "used_at"]
    search_fields = ["email"]
    fields = ["email", "created_at", "expires_at", "used_at", "next_url"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Access comes from roles, not Django's groups and permissions.
admin.site.unregister(Group)
