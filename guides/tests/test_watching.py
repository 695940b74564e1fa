import re
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent, OutboundEmail
from core.tokens import LinkRefused
from guides import services, watching
from guides.models import Watch
from guides.tests.factories import GuideFactory, RevisionFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    return GuideFactory(title="Running a user research session", slug="running-a-user-research-session")


@pytest.fixture
def editor():
    return UserFactory(email="sam@testshire.example.gov.uk", full_name="Samira Editor")


def revision_of(guide, editor, number=2, **fields):
    return RevisionFactory(
        guide=guide,
        number=number,
        author=editor,
        author_organisation=OrganisationFactory(name="Testshire County Council"),
        summary="Added how many people to recruit",
        **fields,
    )


class TestWatching:
    def test_a_person_watches_a_guide_with_a_hashed_key(self, guide, editor):
        watch = watching.watch(guide, by=editor)

        assert (watch.guide, watch.user) == (guide, editor)
        assert re.fullmatch(r"[0-9a-f]{64}", watch.unsubscribe_token_hash)
        assert watching.is_watching(editor, guide)
        assert AuditEvent.objects.get(action="guides.watch_started").actor == editor

    def test_watching_twice_keeps_one_watch_and_its_key(self, guide, editor):
        first = watching.watch(guide, by=editor)
        second = watching.watch(guide, by=editor)
        assert (second.pk, second.unsubscribe_token_hash) == (first.pk, first.unsubscribe_token_hash)
        assert AuditEvent.objects.filter(action="guides.watch_started").count() == 1

    def test_unwatching_removes_only_that_persons_watch(self, guide, editor):
        watching.watch(guide, by=editor)
        kept = watching.watch(guide, by=UserFactory())
        watching.unwatch(guide, by=editor)
        watching.unwatch(guide, by=editor)

        assert list(Watch.objects.all()) == [kept]
        assert AuditEvent.objects.filter(action="guides.watch_stopped").count() == 1

    def test_a_new_watch_gets_a_new_key(self, guide, editor):
        old = watching.watch(guide, by=editor).unsubscribe_token_hash
        watching.unwatch(guide, by=editor)
        assert watching.watch(guide, by=editor).unsubscribe_token_hash != old


class TestUnsubscribeLinks:
    def test_a_link_finds_its_watch_until_it_is_stopped(self, guide, editor):
        watch = watching.watch(guide, by=editor)
        token = urlsplit(watching.unsubscribe_url(watch)).path.rsplit("/", 1)[1]

        assert watching.watch_for_link(token) == watch
        watching.stop(watch, reason="One-click unsubscribe from a mail client")
        assert watching.watch_for_link(token) is None

    def test_a_link_signed_for_another_purpose_or_not_signed_is_refused(self, guide, editor):
        watch = watching.watch(guide, by=editor)
        for token in (signing.Signer(salt="tender.alerts.unsubscribe").sign(watch.unsubscribe_token_hash), "nonsense"):
            with pytest.raises(LinkRefused):
                watching.watch_for_link(token)


class TestNotifying:
    def test_every_watcher_but_the_editor_gets_one_email(self, guide, editor):
        watchers = [UserFactory(email="ada@example.gov.uk"), UserFactory(email="bo@example.gov.uk")]
        for person in [*watchers, editor]:
            watching.watch(guide, by=person)
        revision = revision_of(guide, editor)

        assert watching.notify_watchers(revision) == 2
        assert sorted(email.to[0] for email in mail.outbox) == ["ada@example.gov.uk", "bo@example.gov.uk"]

    def test_a_revision_is_announced_once_however_often_it_is_asked(self, guide, editor):
        watching.watch(guide, by=UserFactory())
        revision = revision_of(guide, editor)
        watching.notify_watchers(revision)

        assert watching.notify_watchers(revision) == 0
        assert OutboundEmail.objects.count() == 1
        assert watching.notify_watchers(revision_of(guide, editor, number=3)) == 1

    def test_the_email_names_the_guide_the_organisation_and_the_summary_and_links_to_the_changes(self, guide, editor):
        watcher = UserFactory(email="ada@example.gov.uk")
        watching.watch(guide, by=watcher)
        watching.notify_watchers(revision_of(guide, editor, author_display_name="Sam"))

        (email,) = mail.outbox
        assert email.subject == "Running a user research session has changed"
        assert "Sam of Testshire County Council changed a guide you watch" in email.body
        assert "Added how many people to recruit" in email.body
        assert "http://testserver/guides/running-a-user-research-session\n" in email.body
        assert "http://testserver/guides/running-a-user-research-session/compare?from=1&to=2" in email.body
        assert "Samira Editor" not in email.body and editor.email not in email.body

    def test_the_email_unsubscribes_in_one_click(self, guide, editor):
        watch = watching.watch(guide, by=UserFactory())
        watching.notify_watchers(revision_of(guide, editor))

        message = OutboundEmail.objects.get()
        assert message.unsubscribe_url == watching.unsubscribe_url(watch)
        (email,) = mail.outbox
        assert message.unsubscribe_url in email.body
        assert email.extra_headers["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_the_changes_are_compared_with_the_newest_revision_the_public_can_see(self, guide, editor):
        watching.watch(guide, by=UserFactory())
        revision_of(guide, editor, number=2, is_hidden=True)
        watching.notify_watchers(revision_of(guide, editor, number=3))
        assert "/compare?from=1&to=3" in mail.outbox[0].body

    def test_a_hidden_revision_is_announced_to_no_one(self, guide, editor):
        watching.watch(guide, by=UserFactory())
        assert watching.notify_watchers(revision_of(guide, editor, is_hidden=True)) == 0
        assert mail.outbox == []

    def test_people_whose_accounts_are_closed_are_not_emailed(self, guide, editor):
        watching.watch(guide, by=UserFactory(is_active=False))
        assert watching.notify_watchers(revision_of(guide, editor)) == 0

    def test_it_emails_watchers_of_that_guide_only(self, guide, editor):
        watching.watch(GuideFactory(), by=UserFactory())
        assert watching.notify_watchers(revision_of(guide, editor)) == 0


class TestSavingAGuide:
    def test_a_save_emails_the_guides_watchers_but_not_the_person_who_saved_it(self, guide):
        editor = MembershipFactory(organisation=OrganisationFactory(name="Leeds City Council")).user
        watcher = UserFactory(email="ada@example.gov.uk")
        for person in (editor, watcher):
            watching.watch(guide, by=person)

        services.save_revision(
            guide,
            by=editor,
            text=services.GuideText(guide.title, "Offer a voucher.", "Added paying", guide.category),
            based_on=guide.current_revision_id,
        )

        (email,) = mail.outbox
        assert email.to == ["ada@example.gov.uk"]
        assert "Leeds City Council" in email.body and "Added paying" in email.body
