"""Saving a revision as the guide's current one, the way the editing service leaves a guide,
for the tests of the public pages."""

import datetime

from django.db.models import Max
from django.utils import timezone

from guides.models import Guide, Revision
from guides.tests.factories import RevisionFactory


def revise(guide: Guide, *, hidden: bool = False, **fields) -> Revision:
    """The guide's next revision; unless hidden, it becomes the current one."""
    number = (guide.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    revision = RevisionFactory(guide=guide, number=number, is_hidden=hidden, **fields)
    if not hidden:
        guide.current_revision = revision
        guide.save(update_fields=["current_revision"])
    return revision


def saved_days_ago(revision: Revision, days: int) -> Revision:
    saved_at = timezone.now() - datetime.timedelta(days=days)
    Revision.objects.filter(pk=revision.pk).update(created_at=saved_at)
    revision.created_at = saved_at
    return revision
