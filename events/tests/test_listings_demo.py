import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from events.models import Event, EventType
from events.workflow import EventStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    for code in ["CMD", "HCK", "LDS", "ESS", "SKP", "NKE", "MAN"]:
        OrganisationFactory(register_code=code)
    call_command("load_demo_data")
    call_command("load_demo_data")


def test_the_demo_has_a_year_of_events_once(loaded):
    events = Event.objects.all()
    assert 35 <= events.count() <= 45
    assert len(set(events.values_list("title", flat=True))) == events.count()
    now = timezone.now()
    assert events.filter(starts_at__lt=now, status=EventStatus.PUBLISHED).count() >= 10
    assert events.filter(starts_at__gt=now, status=EventStatus.PUBLISHED).count() >= 10
    assert len(set(events.exclude(region="").values_list("region", flat=True))) >= 8


def test_the_demo_has_the_programmes_roadshows_and_training(loaded):
    programme = Event.objects.filter(is_programme_event=True, starts_at__gt=timezone.now())
    roadshows = programme.filter(event_type=EventType.ROADSHOW, capacity__isnull=False)
    assert sorted(roadshows.values_list("town", flat=True)) == ["Bristol", "Manchester"]
    assert programme.filter(event_type=EventType.TRAINING, capacity__isnull=False, signatories_only=True).exists()
    assert not programme.exclude(submitted_by=None).exists()


def test_the_demo_has_events_for_moderators_and_a_cancellation(loaded):
    waiting = Event.objects.filter(status=EventStatus.SUBMITTED)
    assert waiting.count() == 2
    assert all(event.submitted_by and event.organisation for event in waiting)
    assert Event.objects.filter(status=EventStatus.CANCELLED).exclude(cancellation_reason="").count() == 1
    assert Event.objects.filter(status=EventStatus.REJECTED).exclude(review_note="").count() == 1


def test_the_demo_organisers_are_organisations_not_people(loaded):
    names = {user.full_name for user in User.objects.all()}
    assert not names & set(Event.objects.values_list("organiser", flat=True))
