import factory

from accounts.tests.factories import UserFactory
from guides.models import Category, Comment, Guide, Revision


class GuideFactory(factory.django.DjangoModelFactory):
    """A guide with one revision, its current one; pass `body=` for its text."""

    class Meta:
        model = Guide
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Running a user research session {n}")
    slug = factory.Sequence(lambda n: f"running-a-user-research-session-{n}")
    category = Category.HOW_TOS

    @factory.post_generation
    def body(guide, create, extracted, **kwargs):
        if create:
            revision = RevisionFactory(
                guide=guide, number=1, title=guide.title, body=extracted or "## Before\n\nBook a room."
            )
            guide.current_revision = revision
            guide.save(update_fields=["current_revision"])


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    guide = factory.SubFactory(GuideFactory)
    number = factory.Sequence(lambda n: n + 2)
    title = factory.LazyAttribute(lambda revision: revision.guide.title)
    body = "## Before\n\nBook a room and recruit five residents."
    summary = "Added how many people to recruit"
    author = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    guide = factory.SubFactory(GuideFactory)
    body = "Should we add how to pay participants?"
    author = factory.SubFactory(UserFactory)
