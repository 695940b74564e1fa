from django.urls import path

from tender.views import manage

urlpatterns = [
    path("manage/tender", manage.dashboard, name="manage"),
    path("manage/tender/needs", manage.needs_queue, name="manage_needs"),
    path("manage/tender/needs/<int:pk>", manage.need_review, name="manage_need"),
    path("manage/tender/needs/<int:pk>/publish", manage.publish_need, name="manage_publish_need"),
    path("manage/tender/needs/<int:pk>/reject", manage.reject_need, name="manage_reject_need"),
]
