from django.urls import path

from events.views import manage

urlpatterns = [
    path("manage/events", manage.queue, name="manage_queue"),
    path("manage/events/new", manage.new_programme_event, name="manage_new"),
    path("manage/events/<int:pk>", manage.event_detail, name="manage_event"),
    path("manage/events/<int:pk>/publish", manage.publish, name="manage_publish"),
    path("manage/events/<int:pk>/reject", manage.reject, name="manage_reject"),
    path("manage/events/<int:pk>/cancel", manage.cancel, name="manage_cancel"),
    path("manage/events/<int:pk>/edit", manage.edit_programme_event, name="manage_edit"),
]
