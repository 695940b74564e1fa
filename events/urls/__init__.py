"""The events hub's URLs, one module per journey: finding events and their feeds (listings),
members submitting and editing events (submit), moderators' review and staff's programme
events (manage), and booking places at programme events (booking)."""

from events.urls import booking, listings, manage, submit

app_name = "events"

urlpatterns = [
    *listings.urlpatterns,
    *submit.urlpatterns,
    *manage.urlpatterns,
    *booking.urlpatterns,
]
