from django.urls import path

from events.views import submit

urlpatterns = [
    path("events/submit", submit.submit_event, name="submit"),
    path("events/yours", submit.your_events, name="yours"),
    path("events/<int:pk>/submitted", submit.submitted, name="submitted"),
    path("events/<int:pk>/change", submit.change_event, name="change"),
    path("events/<int:pk>/cancel", submit.cancel_event, name="cancel"),
]
