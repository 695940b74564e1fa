"""The Atom feed of needs, for the same filters as the list. It carries what the public need
pages show: the organisation, never who wrote the need."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from tender import needs
from tender.forms.needs import NeedFilterForm
from tender.models import Need
from tender.workflow import NeedStatus

SUMMARY_WORDS = 60


class NeedsFeed(Feed):
    feed_type = Atom1Feed
    title = "The Tender: needs from the public sector"
    subtitle = "Problems public-sector organisations want suppliers to help solve, newest first."
    author_name = "Local Digital"

    def get_object(self, request, *args, **kwargs):
        self.query = request.GET.urlencode()
        return NeedFilterForm(request.GET or None).filters()

    def link(self) -> str:
        return reverse("tender:needs") + (f"?{self.query}" if self.query else "")

    def feed_guid(self) -> str:
        return f"tag:{_authority()},2026-01-01:tender:needs"

    def items(self, filters: needs.Filters) -> list[Need]:
        return needs.for_atom(filters)

    def item_title(self, item: Need) -> str:
        return f"Closed: {item.title}" if item.status == NeedStatus.CLOSED else item.title

    def item_description(self, item: Need) -> str:
        closes = item.questions_close_on
        problem = Truncator(" ".join(item.problem.split())).words(SUMMARY_WORDS)
        return f"{item.organisation.name}. Questions close on {closes.day} {closes:%B %Y}. {problem}"

    def item_link(self, item: Need) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Need) -> str:
        # The primary key never changes, so readers never see an entry twice.
        return f"tag:{_authority()},2026-01-01:tender:need:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Need):
        return item.published_at

    def item_updateddate(self, item: Need):
        return item.updated_at

    def item_categories(self, item: Need) -> list[str]:
        return [topic.name for topic in item.topics.all()]


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
