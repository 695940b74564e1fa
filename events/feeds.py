"""The Atom feed of upcoming events, for the same filters as the lists. It carries what the
public event pages show: never who submitted an event or who booked on it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from events import queries
from events.forms import FilterForm
from events.models import Event
from events.workflow import EventStatus


class EventsFeed(Feed):
    feed_type = Atom1Feed
    title = "Local Digital events"
    subtitle = "Upcoming events for people working on digital in local government, latest changes first."
    author_name = "Local Digital"

    def get_object(self, request, *args, **kwargs):
        self.query = request.GET.urlencode()
        return FilterForm(request.GET or None).filters()

    def link(self) -> str:
        return reverse("events:list") + (f"?{self.query}" if self.query else "")

    def feed_guid(self) -> str:
        return f"tag:{_authority()},2018-08-01:events"

    def items(self, filters: queries.Filters) -> list[Event]:
        return queries.for_atom(filters)

    def item_title(self, item: Event) -> str:
        return f"Cancelled: {item.title}" if item.status == EventStatus.CANCELLED else item.title

    def item_description(self, item: Event) -> str:
        queries.with_times([item])
        return f"{item.when}. {item.place}. {item.summary}"

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Event) -> str:
        # The event's UID never changes, so readers never see an entry twice.
        return f"tag:{_authority()},2018-08-01:event:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event):
        return item.published_at or item.updated_at

    def item_updateddate(self, item: Event):
        return item.updated_at

    def item_categories(self, item: Event) -> list[str]:
        return [item.get_event_type_display(), *(topic.name for topic in item.topics.all())]


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
