import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Topic
from guides import watching
from guides.models import LICENCE_NAME, Category
from guides.tests.factories import GuideFactory
from guides.tests.revisions import revise, saved_days_ago
from guides.views.reading import guide
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def research():
    return GuideFactory(
        title="Running a user research session",
        slug="user-research",
        category=Category.HOW_TOS,
        body="## Before\n\nBook a room.",
    )


def test_it_is_public(client, research):
    assert guide.access_rule == "public"
    assert client.get("/guides/user-research").status_code == 200


def test_it_refuses_post(client, research):
    assert client.post("/guides/user-research").status_code == 405


def test_it_does_not_find_a_guide_that_does_not_exist(client):
    assert client.get("/guides/no-such-guide").status_code == 404


def test_it_shows_the_current_revision_rendered(client, research):
    revise(research, body="## Before\n\nBook a **quiet** room.\n\n<script>alert('x')</script>")

    content = client.get("/guides/user-research").content.decode()

    assert '<h1 class="govuk-heading-xl">Running a user research session</h1>' in content
    assert '<h2 class="govuk-heading-m">Before</h2>' in content
    assert "Book a <strong>quiet</strong> room." in content
    assert "<script>alert" not in content


def test_it_shows_the_category_topics_and_licence(client, research):
    research.topics.add(Topic.objects.get(slug="accessibility"), Topic.objects.get(slug="open-data"))

    content = client.get("/guides/user-research").content.decode()

    assert 'href="/guides/category/how-tos"' in content and "How-tos" in content
    assert content.index("Accessibility") < content.index("Open data")
    assert LICENCE_NAME in content


def test_it_says_when_it_last_changed_and_who_by_as_the_public_sees_them(client, research):
    latest = revise(
        research,
        summary="Added how to pay participants",
        author=UserFactory(full_name="Zebedee Quillfeather", email="zebedee@example.com"),
        author_organisation=OrganisationFactory(name="Bristol City Council"),
        author_display_name="Zeb Q",
    )
    saved_days_ago(latest, 2)

    content = client.get("/guides/user-research").content.decode()

    assert "by Zeb Q, Bristol City Council" in content
    assert timezone.localtime(latest.created_at).strftime("%-d %B %Y") in content
    assert "Added how to pay participants" in content
    assert "Zebedee" not in content and "zebedee@" not in content


def test_it_shows_only_the_organisation_of_an_author_without_a_public_name(client, research):
    revise(research, author_organisation=OrganisationFactory(name="Bristol City Council"), author_display_name="")

    assert "by Bristol City Council<" in client.get("/guides/user-research").content.decode()


def test_it_links_to_editing_its_history_and_talk_page(client, research):
    content = client.get("/guides/user-research").content.decode()

    for name in ("guides:edit", "guides:history", "guides:talk"):
        assert f'href="{reverse(name, args=["user-research"])}"' in content


def test_it_asks_someone_signed_out_to_sign_in_to_watch_it(client, research):
    content = client.get("/guides/user-research").content.decode()

    assert f'href="{reverse("accounts:sign_in")}?next=/guides/user-research">Sign in to watch this guide' in content
    assert reverse("guides:watch", args=["user-research"]) not in content


def test_it_offers_someone_signed_in_to_watch_it_or_stop(client, research, member):
    client.force_login(member)

    content = client.get("/guides/user-research").content.decode()
    assert f'<form method="post" action="{reverse("guides:watch", args=["user-research"])}"' in content
    assert "csrfmiddlewaretoken" in content

    watching.watch(research, by=member)
    content = client.get("/guides/user-research").content.decode()
    assert f'<form method="post" action="{reverse("guides:unwatch", args=["user-research"])}"' in content


def test_it_offers_editing_a_protected_guide_to_staff_only(client, research, sign_in_verified, moderator):
    research.is_protected = True
    research.save()
    edit = f'href="{reverse("guides:edit", args=["user-research"])}"'

    content = client.get("/guides/user-research").content.decode()
    assert edit not in content
    assert "/manage/guides" not in content
    assert "Only the Local Digital team can change this guide." in content

    sign_in_verified(moderator)
    content = client.get("/guides/user-research").content.decode()
    assert edit in content
    assert f'href="{reverse("guides:manage_guide", args=["user-research"])}"' in content


def test_it_shows_the_newest_visible_revision_when_the_latest_is_hidden(client, research):
    revise(research, body="Spam from a vandal", hidden=True)

    content = client.get("/guides/user-research").content.decode()

    assert "Book a room." in content
    assert "Spam from a vandal" not in content


def test_it_does_not_find_a_guide_whose_every_revision_is_hidden(client, research):
    research.current_revision.is_hidden = True
    research.current_revision.save()
    research.current_revision = None
    research.save()

    assert client.get("/guides/user-research").status_code == 404


def test_it_runs_a_bounded_number_of_queries(client, research, django_assert_num_queries):
    research.topics.add(*Topic.objects.all()[:5])

    with django_assert_num_queries(2):
        client.get("/guides/user-research")
