"""The Atom feed of recent changes to the guides: one entry for each visible revision, newest
first. Who saved a change is given as the public sees it (organisation and chosen public name),
never by the account's name or email."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from guides import queries
from guides.models import Revision


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Recent changes to Local Digital guides"
    subtitle = "Every change to the guides councils write together, newest first."
    author_name = "Local Digital"

    def link(self) -> str:
        return reverse("guides:recent_changes")

    def feed_guid(self) -> str:
        return f"tag:{_authority()},2026:guides-recent-changes"

    def items(self) -> list[Revision]:
        return queries.latest_changes()

    def item_title(self, item: Revision) -> str:
        return f"{item.title}: {item.summary}"

    def item_description(self, item: Revision) -> str:
        # Atom's summary is declared HTML, so the plain text is escaped to be read as text.
        change = "created the guide" if item.number == 1 else "changed the guide"
        return escape(f"{item.public_author} {change} (revision {item.number}): {item.summary}")

    def item_link(self, item: Revision) -> str:
        # A change reads best as what it changed; the first revision has nothing before it.
        if item.previous_number is None:
            return reverse("guides:revision", args=[item.guide.slug, item.number])
        return f"{reverse('guides:compare', args=[item.guide.slug])}?from={item.previous_number}&to={item.number}"

    def item_guid(self, item: Revision) -> str:
        return f"tag:{_authority()},2026:guide-revision:{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item: Revision) -> str:
        return item.public_author

    def item_pubdate(self, item: Revision):
        return item.created_at

    def item_updateddate(self, item: Revision):
        return item.created_at


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
