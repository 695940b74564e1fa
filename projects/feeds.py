"""Atom feeds of the funded projects' updates: every project's, and one project's. They carry
what the team published and never who wrote it."""

import html
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

from core.markdown import render_markdown
from projects import catalogue
from projects.models import Project, Update

SUMMARY_WORDS = 80


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Updates from Local Digital Fund projects"
    subtitle = "Weeknotes and show and tells from the teams of funded projects, newest first."
    author_name = "Local Digital"

    def link(self) -> str:
        return reverse("projects:list")

    def feed_guid(self) -> str:
        return f"tag:{_authority()},2026:project-updates"

    def items(self):
        return catalogue.latest_updates()

    def item_title(self, item: Update) -> str:
        return f"{item.project.title}: {item.title}"

    def item_description(self, item: Update) -> str:
        # Atom's summary is declared HTML, so the plain text is escaped to be read as text.
        text = html.unescape(strip_tags(render_markdown(item.body)))
        return escape(Truncator(" ".join(text.split())).words(SUMMARY_WORDS))

    def item_link(self, item: Update) -> str:
        # Updates have no page of their own: the project's page lists them.
        return f"{item.project.get_absolute_url()}#updates"

    def item_guid(self, item: Update) -> str:
        return f"tag:{_authority()},2026:project-update:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Update):
        return item.published_at

    def item_updateddate(self, item: Update):
        return item.published_at


class ProjectUpdatesFeed(UpdatesFeed):
    def get_object(self, request, slug: str) -> Project:
        return catalogue.project(slug)

    def title(self, project: Project) -> str:
        return f"Updates from {project.title}"

    def subtitle(self, project: Project) -> str:
        return f"Weeknotes and show and tells from the team of {project.title}, newest first."

    def link(self, project: Project) -> str:
        return project.get_absolute_url()

    def feed_guid(self, project: Project) -> str:
        return f"tag:{_authority()},2026:project:{project.pk}:updates"

    def items(self, project: Project):
        return catalogue.latest_updates(project)

    def item_title(self, item: Update) -> str:
        return item.title


def _authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
