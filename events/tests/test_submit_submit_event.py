import datetime
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from events.models import Event, Topic
from events.tests.factories import event_form_data
from events.views.submit import submit_event
from events.workflow import EventStatus
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/events/submit"
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def membership(member):
    return MembershipFactory(user=member, organisation__name="Bristol City Council")


@pytest.fixture
def signed_in(client, membership):
    client.force_login(membership.user)
    return client


def errors(response) -> str:
    assert response.status_code == 200
    assert Event.objects.count() == 0
    return response.content.decode()


def test_it_needs_someone_signed_in(client):
    assert submit_event.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in?next=")


@pytest.mark.parametrize("membership_state", [None, "pending", "rejected", "revoked"])
def test_it_asks_someone_without_an_approved_membership_to_join_their_organisation(client, member, membership_state):
    if membership_state:
        MembershipFactory(user=member, **{membership_state: True})
    client.force_login(member)
    response = client.get(URL)
    page = response.content.decode()
    assert "Join your organisation to submit an event" in page
    assert 'href="/account"' in page
    assert 'name="title"' not in page
    assert client.post(URL, event_form_data()).status_code == 200
    assert Event.objects.count() == 0


def test_it_shows_the_form_without_asking_the_organisation_of_someone_in_one(signed_in):
    page = signed_in.get(URL).content.decode()
    assert '<span class="govuk-caption-l">Bristol City Council</span>' in page
    assert 'name="organisation"' not in page
    assert 'class="govuk-date-input"' in page
    assert 'name="start_time"' in page


def test_it_submits_the_event_for_review(signed_in, membership, django_capture_on_commit_callbacks):
    day = timezone.localdate() + datetime.timedelta(days=30)
    topics = list(Topic.objects.filter(slug__in=["open-data", "accessibility"]))
    response = signed_in.post(URL, event_form_data(day, topics=[topic.pk for topic in topics]))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == f"/events/{event.pk}/submitted"
    assert event.status == EventStatus.SUBMITTED
    assert (event.submitted_by, event.organisation) == (membership.user, membership.organisation)
    assert event.starts_at == datetime.datetime.combine(day, datetime.time(18), LONDON)
    assert event.ends_at == datetime.datetime.combine(day, datetime.time(20), LONDON)
    assert (event.venue, event.town, event.region) == ("Engine Shed", "Bristol", "south_west")
    assert set(event.topics.all()) == set(topics)
    assert not event.is_programme_event
    audit = AuditEvent.objects.get(action="events.submitted")
    assert (audit.actor, audit.changes) == (membership.user, {"status": [None, "submitted"]})


def test_it_does_not_list_the_event_until_a_moderator_publishes_it(signed_in, client):
    signed_in.post(URL, event_form_data())
    assert client.get("/events").context["page"].paginator.count == 0


def test_it_asks_which_organisation_when_someone_belongs_to_several(signed_in, membership):
    other = MembershipFactory(user=membership.user, organisation__name="South Gloucestershire Council").organisation
    assert 'name="organisation"' in signed_in.get(URL).content.decode()
    page = errors(signed_in.post(URL, event_form_data()))
    assert '<a href="#id_organisation_0">Select the organisation the event is for</a>' in page
    signed_in.post(URL, event_form_data(organisation=other.pk))
    assert Event.objects.get().organisation == other


def test_it_refuses_an_organisation_the_person_does_not_belong_to(signed_in, membership):
    MembershipFactory(user=membership.user)
    stranger = OrganisationFactory()
    page = errors(signed_in.post(URL, event_form_data(organisation=stranger.pk)))
    assert "Select an organisation you belong to" in page


def test_it_makes_an_online_event_placeless(signed_in):
    signed_in.post(URL, event_form_data(mode="online", venue="Left over", town="", region=""))
    event = Event.objects.get()
    assert (event.is_online, event.venue, event.town, event.region) == (True, "", "", "")


def test_it_records_the_cost_of_a_paid_event(signed_in):
    signed_in.post(URL, event_form_data(cost_type="paid", cost="£25"))
    event = Event.objects.get()
    assert (event.is_free, event.cost) == (False, "£25")


def test_it_says_what_is_missing(signed_in):
    page = errors(signed_in.post(URL, {}))
    for field, message in [
        ("title", "Enter the name of the event"),
        ("summary", "Enter a summary of the event"),
        ("description", "Enter a description of the event"),
        ("event_type_0", "Select the type of event"),
        ("start_date", "Enter the date the event starts"),
        ("start_time", "Enter the time the event starts"),
        ("end_date", "Enter the date the event ends"),
        ("end_time", "Enter the time the event ends"),
        ("mode_0", "Select whether the event is in person or online"),
        ("organiser", "Enter the organisation running the event"),
        ("cost_type_0", "Select whether the event is free or paid"),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in page
    assert "<title>Error: Submit an event" in page


def test_it_asks_for_the_place_of_an_in_person_event(signed_in):
    page = errors(signed_in.post(URL, event_form_data(venue="", town=" ", region="")))
    assert '<a href="#id_venue">Enter the venue</a>' in page
    assert '<a href="#id_town">Enter the town or city</a>' in page
    assert '<a href="#id_region">Choose the region</a>' in page


def test_it_asks_what_a_paid_event_costs(signed_in):
    page = errors(signed_in.post(URL, event_form_data(cost_type="paid", cost="")))
    assert '<a href="#id_cost">Enter what the event costs</a>' in page


def test_it_refuses_an_end_before_the_start(signed_in):
    page = errors(signed_in.post(URL, event_form_data(start_time="18:00", end_time="17:00")))
    assert '<a href="#id_end_date">The end must be after the start</a>' in page


def test_it_refuses_an_end_at_the_start(signed_in):
    page = errors(signed_in.post(URL, event_form_data(start_time="18:00", end_time="18:00")))
    assert '<a href="#id_end_date">The end must be after the start</a>' in page


def test_it_refuses_a_start_in_the_past(signed_in):
    page = errors(signed_in.post(URL, event_form_data(timezone.localdate() - datetime.timedelta(days=1))))
    assert '<a href="#id_start_date">The start must be in the future</a>' in page


@pytest.mark.parametrize("link", ["ftp://example.org/book", "javascript:alert(1)", "not a link"])
def test_it_refuses_a_booking_link_that_is_not_a_web_address(signed_in, link):
    page = errors(signed_in.post(URL, event_form_data(booking_url=link)))
    assert '<a href="#id_booking_url">Enter the booking link in the correct format' in page


@pytest.mark.parametrize(
    ("field", "length", "message"),
    [
        ("title", 151, "The name must be 150 characters or fewer"),
        ("summary", 301, "The summary must be 300 characters or fewer"),
        ("description", 10001, "The description must be 10,000 characters or fewer"),
        ("organiser", 201, "The organiser must be 200 characters or fewer"),
        ("venue", 201, "The venue must be 200 characters or fewer"),
        ("booking_url", 501, "The booking link must be 500 characters or fewer"),
    ],
)
def test_it_refuses_over_long_text(signed_in, field, length, message):
    value = "https://example.org/" + "a" * (length - 20) if field == "booking_url" else "a" * length
    page = errors(signed_in.post(URL, event_form_data(**{field: value})))
    assert f'<a href="#id_{field}">{message}</a>' in page


@pytest.mark.parametrize(("start", "end"), [("6pm", "8:30pm"), ("18:00", "20:30"), ("6pm", "20:30")])
def test_it_takes_times_on_either_clock(signed_in, start, end):
    day = timezone.localdate() + datetime.timedelta(days=30)
    signed_in.post(URL, event_form_data(day, start_time=start, end_time=end))
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime.combine(day, datetime.time(18), LONDON)
    assert event.ends_at == datetime.datetime.combine(day, datetime.time(20, 30), LONDON)


def test_it_refuses_a_time_it_cannot_read(signed_in):
    page = errors(signed_in.post(URL, event_form_data(start_time="1800")))
    assert '<a href="#id_start_time">Enter the start time like 9am, 5:30pm or 17:30</a>' in page


def test_it_refuses_a_date_that_does_not_exist(signed_in):
    page = errors(signed_in.post(URL, event_form_data(start_date_day="31", start_date_month="2")))
    assert '<a href="#id_start_date">The start date must be a real date</a>' in page


def test_it_refuses_a_time_the_clocks_skip_in_march(signed_in):
    # The clocks go forward at 1am on the last Sunday of March 2027, the 28th.
    day = datetime.date(2027, 3, 28)
    page = errors(signed_in.post(URL, event_form_data(day, start_time="1:30am", end_time="4am")))
    assert (
        '<a href="#id_start_time">The clocks go forward at 1am on 28 March 2027, so that time does not exist. '
        "Enter the start time before 1am or from 2am</a>"
    ) in page


def test_it_takes_a_time_in_the_hour_october_repeats_as_the_first_one(signed_in):
    # The clocks go back at 2am on 31 October 2027, so 1:30am happens twice: first in BST.
    day = datetime.date(2027, 10, 31)
    signed_in.post(URL, event_form_data(day, start_time="01:30", end_time="03:00"))
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(2027, 10, 31, 3, 0, tzinfo=datetime.UTC)


def test_it_keeps_what_was_typed_when_it_shows_errors(signed_in):
    page = errors(signed_in.post(URL, event_form_data(title="", start_time="18:30")))
    assert 'value="18:30"' in page
    assert 'value="Engine Shed"' in page


def test_it_refuses_a_request_without_a_csrf_token(membership):
    client = Client(enforce_csrf_checks=True)
    client.force_login(membership.user)
    assert client.post(URL, event_form_data()).status_code == 403
    assert Event.objects.count() == 0


def test_it_limits_how_often_a_member_submits(signed_in, settings):
    settings.EVENT_SUBMIT_RATE = "2/h"
    assert signed_in.post(URL, event_form_data(title="")).status_code == 200
    assert signed_in.post(URL, event_form_data(title="")).status_code == 200
    assert signed_in.post(URL, event_form_data()).status_code == 429
    assert Event.objects.count() == 0
