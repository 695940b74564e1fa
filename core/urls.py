from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about", views.about, name="about"),
    path("about/roadmap", views.roadmap, name="roadmap"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("cookies", views.cookies, name="cookies"),
    path("healthcheck", views.healthcheck, name="healthcheck"),
    path("manage/emails", views.outbox_list, name="outbox"),
    path("manage/emails/<uuid:pk>/retry", views.retry_email, name="retry_email"),
    path("manage/audit/<str:app_label>/<str:model_name>/<str:pk>", views.audit_trail, name="audit_trail"),
]
