from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.permissions import public, signed_in, staff_required


@public
def sign_in(request):
    return render(request, "accounts/sign_in.html")


@public
@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:home")


@signed_in
def account(request):
    return render(request, "accounts/account.html")


@public
def staff_sign_in(request):
    return render(request, "accounts/staff_sign_in.html")


@public
def staff_verify(request):
    return render(request, "accounts/staff_verify.html")


@staff_required()
def manage_memberships(request):
    return render(request, "accounts/manage_memberships.html")
