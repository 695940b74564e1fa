from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in", views.sign_in, name="sign_in"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("account", views.account, name="account"),
    path("staff/sign-in", views.staff_sign_in, name="staff_sign_in"),
    path("staff/verify", views.staff_verify, name="staff_verify"),
    path("manage/memberships", views.manage_memberships, name="manage_memberships"),
]
