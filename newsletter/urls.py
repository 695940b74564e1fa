from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter", views.subscribe, name="subscribe"),
    path("newsletter/check-your-email", views.check_email, name="check_email"),
    path("newsletter/confirm/<str:token>", views.confirm, name="confirm"),
    path("newsletter/confirmed", views.confirmed, name="confirmed"),
    path("newsletter/unsubscribe/<str:token>", views.unsubscribe, name="unsubscribe"),
    path("newsletter/preferences/<str:token>", views.preferences, name="preferences"),
    path("newsletter/preferences/<str:token>/delete", views.delete_data, name="delete_data"),
    path("newsletter/data-deleted", views.data_deleted, name="data_deleted"),
    path("newsletter/archive", views.archive, name="archive"),
    path("newsletter/archive/<slug:slug>", views.archived_issue, name="archived_issue"),
    path("manage/newsletter", views.manage_issues, name="manage_issues"),
    path("manage/newsletter/new", views.new_issue, name="new_issue"),
    path("manage/newsletter/<int:pk>", views.issue, name="issue"),
    path("manage/newsletter/<int:pk>/edit", views.edit_issue, name="edit_issue"),
    path("manage/newsletter/<int:pk>/preview", views.preview_issue, name="preview_issue"),
    path("manage/newsletter/<int:pk>/test", views.send_test, name="send_test"),
    path("manage/newsletter/<int:pk>/send", views.choose_recipients, name="choose_recipients"),
    path("manage/newsletter/<int:pk>/send/confirm", views.confirm_send, name="confirm_send"),
    path("manage/newsletter/<int:pk>/pause", views.pause_sending, name="pause_sending"),
    path("manage/newsletter/<int:pk>/resume", views.resume_sending, name="resume_sending"),
]
