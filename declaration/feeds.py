"""The Atom feed of organisations that have signed the declaration. It carries organisations
and dates only: never the name or email address of anyone who signed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from declaration import queries
from declaration.models import Signature


class SignatoriesFeed(Feed):
    feed_type = Atom1Feed
    title = "Signatories of the Local Digital Declaration"
    subtitle = "Organisations that have signed the Local Digital Declaration, newest first."
    author_name = "Local Digital"

    def link(self) -> str:
        return reverse("declaration:signatories")

    def feed_guid(self) -> str:
        return f"tag:{_authority()},2018-07-04:signatories"

    def items(self):
        return queries.newest_signatories()

    def item_title(self, item: Signature) -> str:
        return item.organisation.name

    def item_description(self, item: Signature) -> str:
        day = timezone.localtime(item.signed_at).strftime("%-d %B %Y")
        founding = " as one of its co-publishers" if item.is_founding else ""
        return f"{item.organisation.name} signed the Local Digital Declaration{founding} on {day}."

    def item_link(self, item: Signature) -> str:
        return item.organisation.get_absolute_url()

    def item_guid(self, item: Signature) -> str:
        # The signature's reference never changes, so readers never see an entry twice.
        return f"tag:{_authority()},2018-07-04:signature:{item.reference}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Signature):
        return item.signed_at

    def item_updateddate(self, item: Signature):
        return item.signed_at


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
