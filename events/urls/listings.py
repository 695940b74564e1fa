from django.urls import path

from events.views import listings

urlpatterns = [
    path("events", listings.event_list, name="list"),
    path("events/past", listings.past_list, name="past"),
    path("events/<int:year>/<int:month>", listings.month, name="month"),
    path("events/<int:pk>", listings.detail, name="detail"),
    path("events/<int:pk>.ics", listings.event_ics, name="detail_ics"),
    path("events.ics", listings.feed_ics, name="feed_ics"),
    path("events.atom", listings.feed_atom, name="feed_atom"),
]
