from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in", views.sign_in, name="sign_in"),
    # Before the link pattern, which would otherwise take "check-your-email" as a token.
    path("sign-in/check-your-email", views.check_email, name="check_email"),
    path("sign-in/<str:token>", views.sign_in_link, name="sign_in_link"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("account", views.account, name="account"),
    path("account/organisations/join", views.join_organisation, name="join_organisation"),
    path("staff/sign-in", views.staff_sign_in, name="staff_sign_in"),
    path("staff/verify", views.staff_verify, name="staff_verify"),
    path("staff/set-up-authenticator", views.staff_set_up_authenticator, name="staff_set_up_authenticator"),
    path("manage/memberships", views.manage_memberships, name="manage_memberships"),
    path("manage/memberships/<int:pk>/approve", views.approve_membership, name="approve_membership"),
    path("manage/memberships/<int:pk>/reject", views.reject_membership, name="reject_membership"),
]
