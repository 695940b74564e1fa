import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.tokens import LinkRefused
from core.workflow import TransitionRefused
from events.models import Topic
from tender import alerts, needs
from tender.models import TopicAlert
from tender.tests.factories import NeedFactory, SupplierFactory
from tender.workflow import SupplierStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    first, second, third = Topic.objects.order_by("pk")[:3]
    return first, second, third


@pytest.fixture
def follower():
    return UserFactory(email="priya@civiccode.example", full_name="Priya Shah")


@pytest.fixture
def supplier(follower):
    return SupplierFactory(name="Civic Code Ltd", members=[follower])


def published_need(*topics, **fields):
    return NeedFactory(
        topics=list(topics),
        title="Residents cannot see bin days",
        organisation__name="Testshire County Council",
        author__full_name="Ada Author",
        **fields,
    )


def token_in(url: str) -> str:
    return url.rsplit("/", 1)[1]


class TestFollowing:
    def test_someone_at_a_supplier_follows_topics_with_a_hashed_key(self, supplier, follower, topics):
        alert = alerts.follow(follower, topics[:2])

        assert set(alert.topics.all()) == set(topics[:2])
        assert re.fullmatch(r"[0-9a-f]{64}", alert.unsubscribe_token_hash)
        event = AuditEvent.objects.get(action="tender.alert_started")
        assert (event.actor, event.changes) == (follower, {"topics": [[], sorted(t.slug for t in topics[:2])]})

    def test_following_again_changes_the_topics_and_keeps_the_key(self, supplier, follower, topics):
        first = alerts.follow(follower, topics[:2])
        second = alerts.follow(follower, topics[2:])
        assert (second.pk, second.unsubscribe_token_hash) == (first.pk, first.unsubscribe_token_hash)
        assert list(second.topics.all()) == [topics[2]]
        assert AuditEvent.objects.get(action="tender.alert_changed").changes["topics"][1] == [topics[2].slug]

    def test_a_topic_is_needed(self, supplier, follower):
        with pytest.raises(TransitionRefused) as refusal:
            alerts.follow(follower, [])
        assert refusal.value.field == "topics"
        assert not TopicAlert.objects.exists()

    def test_someone_who_is_not_at_a_listed_supplier_may_not_follow(self, topics):
        officer = MembershipFactory().user
        with pytest.raises(TransitionRefused, match="Only people who work at a supplier listed on the Tender"):
            alerts.follow(officer, topics[:1])
        assert not TopicAlert.objects.exists()

    def test_stopping_removes_the_alert(self, supplier, follower, topics):
        alert = alerts.follow(follower, topics[:1])
        alerts.stop(alert, by=follower)
        alerts.stop(alert, by=follower)
        assert not TopicAlert.objects.exists()
        assert AuditEvent.objects.filter(action="tender.alert_stopped").count() == 1


class TestAnnouncing:
    def test_only_people_following_one_of_the_needs_topics_are_emailed(self, supplier, follower, topics):
        alerts.follow(follower, topics[:2])
        other = SupplierFactory(name="Other Topics Ltd").members.get()
        alerts.follow(other, topics[2:])

        assert alerts.announce(published_need(topics[1])) == 1

        (email,) = mail.outbox
        assert email.to == [follower.email]
        assert email.subject == "New need on the Tender: Residents cannot see bin days"
        assert f"Testshire County Council has published a need on the Tender, about {topics[1].name}:" in email.body
        assert "Ada" not in email.body

    def test_a_person_is_told_of_a_need_once(self, supplier, follower, topics):
        alerts.follow(follower, topics)
        need = published_need(*topics)
        assert alerts.announce(need) == 1
        assert alerts.announce(need) == 0
        assert len(mail.outbox) == 1

    def test_each_email_has_a_one_click_unsubscribe_link_of_its_own_person(self, supplier, follower, topics):
        alert = alerts.follow(follower, topics[:1])
        alerts.announce(published_need(topics[0]))

        (email,) = mail.outbox
        url = alerts.unsubscribe_url(alert)
        assert email.extra_headers["List-Unsubscribe"] == f"<{url}>"
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in email.body
        assert alerts.alert_for_link(token_in(url)) == alert

    @pytest.mark.parametrize("gone", ["left the supplier", "supplier suspended", "account deactivated"])
    def test_someone_no_longer_at_a_listed_supplier_is_not_emailed(self, supplier, follower, topics, gone):
        alerts.follow(follower, topics[:1])
        if gone == "left the supplier":
            supplier.members.remove(follower)
        elif gone == "supplier suspended":
            supplier.status = SupplierStatus.SUSPENDED
            supplier.save()
        else:
            follower.is_active = False
            follower.save()
        assert alerts.announce(published_need(topics[0])) == 0
        assert mail.outbox == []

    def test_a_need_that_is_not_published_is_not_announced(self, supplier, follower, topics):
        alerts.follow(follower, topics[:1])
        assert alerts.announce(published_need(topics[0], submitted=True)) == 0
        assert mail.outbox == []

    def test_publishing_a_need_announces_it(self, supplier, follower, topics, moderator):
        alerts.follow(follower, topics[:1])
        need = published_need(topics[0], submitted=True, questions_close_on=timezone.localdate())
        mail.outbox.clear()
        needs.publish(need, by=moderator)
        assert [message.to for message in mail.outbox if message.subject.startswith("New need")] == [[follower.email]]


class TestLinks:
    def test_a_changed_link_is_refused(self, supplier, follower, topics):
        token = token_in(alerts.unsubscribe_url(alerts.follow(follower, topics[:1])))
        with pytest.raises(LinkRefused):
            alerts.alert_for_link(token[:-1] + ("A" if token[-1] != "A" else "B"))

    def test_a_link_signed_for_another_purpose_is_refused(self, supplier, follower, topics):
        alert = alerts.follow(follower, topics[:1])
        with pytest.raises(LinkRefused):
            alerts.alert_for_link(signing.Signer(salt="another.purpose").sign(alert.unsubscribe_token_hash))
        with pytest.raises(LinkRefused):
            alerts.alert_for_link(alert.unsubscribe_token_hash)

    def test_an_old_link_does_not_match_a_new_alert_after_unsubscribing(self, supplier, follower, topics):
        old = alerts.follow(follower, topics[:1])
        token = token_in(alerts.unsubscribe_url(old))
        alerts.stop(old)
        alerts.follow(follower, topics[:1])
        assert alerts.alert_for_link(token) is None
