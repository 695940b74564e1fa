import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from accounts.models import Membership
from accounts.workflow import MembershipStatus
from core import audit
from core.models import AuditEvent
from guides import demo
from guides.markdown import WIKI_LINK
from guides.models import Category, Comment, Guide, GuideLink, PublicName, Revision, Watch
from organisations.tests.factories import OrganisationFactory
from projects.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(settings):
    """The councils whose members write the demo's guides, as the register holds them."""
    settings.DEBUG = True
    # The demo's staff have passwords; hashing them properly would only slow these tests down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    codes = {edit.council for guide in demo.GUIDES for edit in guide.edits}
    codes |= {guide.hidden.council for guide in demo.GUIDES if guide.hidden}
    codes |= {code for guide in demo.GUIDES for code, _ in guide.talk}
    return [OrganisationFactory(register_code=code) for code in sorted(codes)]


def load() -> str:
    output = StringIO()
    call_command("load_demo_data", stdout=output)
    return output.getvalue()


def counts() -> tuple:
    return (
        Guide.objects.count(),
        Revision.objects.count(),
        GuideLink.objects.count(),
        Comment.objects.count(),
        Watch.objects.count(),
        PublicName.objects.count(),
        AuditEvent.objects.filter(action__startswith="guides.").count(),
    )


def works_at(user, organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, status=MembershipStatus.APPROVED).exists()


def test_it_adds_nothing_when_run_again(councils):
    first = load()
    loaded = counts()

    second = load()

    assert "Demo guides: 20 added, with 61 revisions, " in first
    assert counts() == loaded
    assert loaded[0] == 20
    assert "Demo guides: 0 added, with 0 revisions, 0 links between guides, 0 talk messages and 0 watchers" in second


def test_it_writes_twenty_guides_in_every_category_each_saved_two_to_five_times(councils):
    load()

    guides = list(Guide.objects.prefetch_related("topics", "revisions").select_related("current_revision"))
    assert len(guides) == 20
    assert {guide.category for guide in guides} == set(Category)
    for guide in guides:
        revisions = sorted(guide.revisions.all(), key=lambda revision: revision.number)
        visible = [revision for revision in revisions if not revision.is_hidden]
        assert 2 <= len(revisions) <= 5, guide
        assert [revision.number for revision in revisions] == list(range(1, len(revisions) + 1))
        assert guide.current_revision == visible[-1]
        assert guide.topics.all()
        assert all(revision.summary and revision.title == guide.title for revision in revisions)
        assert all(works_at(revision.author, revision.author_organisation) for revision in revisions)
        assert [r.created_at for r in revisions] == sorted({r.created_at for r in revisions})
        assert all(later.based_on == earlier for earlier, later in zip(revisions, revisions[1:], strict=False))
        assert guide.updated_at == revisions[-1].created_at
        saves = audit.events_for(guide).filter(action__in=["guides.guide_created", "guides.guide_edited"])
        assert [event.actor for event in saves.order_by("pk")] == [revision.author for revision in revisions]
        guide.full_clean()
    councils_writing = Revision.objects.order_by().values("author_organisation").distinct().count()
    assert councils_writing == len(councils)
    several_councils = Guide.objects.annotate(councils=Count("revisions__author_organisation", distinct=True))
    assert several_councils.filter(councils__gte=2).count() >= 15


def test_it_links_guides_as_their_text_does(councils):
    load()

    titles = set(Guide.objects.values_list("title", flat=True))
    for guide in Guide.objects.select_related("current_revision").prefetch_related("links_out__to_guide"):
        named = set(re.findall(WIKI_LINK, guide.current_revision.body))
        assert named <= titles, guide
        assert {link.to_guide.title for link in guide.links_out.all()} == named - {guide.title}
    assert GuideLink.objects.count() >= 20
    assert Guide.objects.filter(links_in__isnull=False).distinct().count() >= 15


def test_it_hides_one_revision_of_the_page_it_protects(councils):
    load()

    hidden = Revision.objects.select_related("guide__current_revision").get(is_hidden=True)
    guide = hidden.guide
    assert Guide.objects.get(is_protected=True) == guide
    assert hidden.hidden_reason
    assert guide.current_revision.number > hidden.number
    assert "07700" in hidden.body
    assert not Revision.objects.filter(is_hidden=False, body__contains="07700").exists()
    assert audit.events_for(hidden).get().action == "guides.revision_hidden"
    protected = audit.events_for(guide).get(action="guides.guide_protected")
    assert protected.reason == demo.GUIDES[8].protected_because
    assert protected.actor.role == "moderator"
    assert search("07700").paginator.count == 0
    assert search(guide.title).object_list[0].item == guide


def test_it_adds_talk_messages_watchers_and_public_names_chosen_by_members(councils):
    load()

    messages = Comment.objects.select_related("author", "author_organisation")
    assert messages.count() >= 10
    assert all(works_at(message.author, message.author_organisation) for message in messages)
    assert messages.order_by().values("guide").distinct().count() >= 8
    watches = Watch.objects.select_related("user")
    assert 3 <= watches.count() <= 6
    assert len({watch.unsubscribe_token_hash for watch in watches}) == watches.count()
    names = {name.user_id: name.name for name in PublicName.objects.select_related("user")}
    assert len(names) == 3
    assert all(name.name != name.user.full_name for name in PublicName.objects.select_related("user"))
    signed = Revision.objects.exclude(author_display_name="")
    assert signed.exists()
    assert all(revision.author_display_name == names[revision.author_id] for revision in signed)
    assert not Revision.objects.filter(author_display_name="", author__in=names).exists()
    assert not Comment.objects.filter(~Q(author_display_name=""), ~Q(author__in=names)).exists()
