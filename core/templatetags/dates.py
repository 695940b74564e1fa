"""Times in templates the way the service writes them: {% load dates %}{{ moment|in_words }}."""

from django import template

from core.dates import moment_in_words

register = template.Library()


@register.filter
def in_words(moment) -> str:
    return moment_in_words(moment) if moment else ""
