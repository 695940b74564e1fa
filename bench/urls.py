from django.urls import path

from bench import views
from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    path("bench/minimal", views.minimal),
    path("bench/insert", views.insert),
    *urlpatterns,
]
