import pytest

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from events import services
from events.models import Event, Topic
from events.tests.factories import EventFactory
from events.workflow import EventStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(member):
    membership = MembershipFactory(user=member)
    return EventFactory(submitted_by=member, organisation=membership.organisation)


def details_of(event: Event, **changes) -> services.EventDetails:
    fields = {name: getattr(event, name) for name in services.EventDetails.__dataclass_fields__ if name != "topics"}
    return services.EventDetails(**fields | {"topics": list(event.topics.all())} | changes)


def test_it_records_new_topics_without_sending_the_event_for_review(member, event):
    topic = Topic.objects.get(slug="open-data")
    changed = services.change_event(event, by=member, details=details_of(event, topics=[topic]))
    assert changed.status == EventStatus.PUBLISHED
    assert list(changed.topics.all()) == [topic]
    assert AuditEvent.objects.get(action="events.changed").changes == {"topics": [[], [topic.pk]]}


def test_it_records_that_the_description_changed_but_not_its_text(member, event):
    services.change_event(event, by=member, details=details_of(event, description="A much longer description."))
    assert AuditEvent.objects.get(action="events.changed").changes == {"description": ["", ""]}
    event.refresh_from_db()
    assert event.description == "A much longer description."


def test_it_trims_text_and_empties_the_place_of_an_online_event(member, event):
    changed = services.change_event(
        event, by=member, details=details_of(event, title="  Webinar  ", is_online=True, venue="Hall")
    )
    assert (changed.title, changed.venue, changed.town, changed.region) == ("Webinar", "", "", "")


def test_it_ignores_places_for_a_community_event(member, event):
    changed = services.change_event(
        event, by=member, details=details_of(event), places=services.Places(capacity=50, signatories_only=True)
    )
    assert (changed.capacity, changed.signatories_only) == (None, False)


def test_it_refuses_a_member_changing_a_programme_event(member):
    event = EventFactory(programme=True)
    with pytest.raises(services.TransitionRefused, match="You do not have permission"):
        services.change_event(event, by=member, details=details_of(event, title="Mine now"))
