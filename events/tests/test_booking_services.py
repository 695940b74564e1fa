import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from core.models import AuditEvent, OutboundEmail
from core.tokens import LinkRefused, hash_token
from core.workflow import TransitionRefused
from declaration.tests.factories import SignatureFactory
from events import booking
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from events.workflow import BookingStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def programme_event(capacity=2, places_taken=0, **fields):
    return EventFactory(programme=True, capacity=capacity, places_taken=places_taken, **fields)


def book(event, email="sam@council.example.gov.uk", organisation=None, **fields):
    return booking.book(
        event,
        name=fields.pop("name", "Sam Booker"),
        email=email,
        organisation=organisation or OrganisationFactory(),
        accessibility_needs=fields.pop("accessibility_needs", ""),
    )


def places_taken(event) -> int:
    return Event.objects.get(pk=event.pk).places_taken


def link_token(message) -> str:
    return re.search(r"/events/bookings/([A-Za-z0-9_-]+)", message.body).group(1)


def waiting(event, minutes_ago: int, **fields):
    since = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return BookingFactory(event=event, waiting=True, waiting_since=since, **fields)


class TestBooking:
    def test_it_confirms_a_place_while_one_is_left(self):
        event = programme_event(capacity=2)

        made = book(event, email="Sam@Council.example.gov.uk")

        assert made.status == BookingStatus.CONFIRMED
        assert made.email == "sam@council.example.gov.uk"
        assert made.confirmed_at is not None
        assert places_taken(event) == 1
        assert AuditEvent.objects.filter(action="events.booking.confirmed", object_id=str(made.pk)).exists()

    def test_it_emails_a_confirmation_with_the_calendar_file_and_both_links(self):
        event = programme_event(title="Agile for councils")

        made = book(event)

        message = mail.outbox[-1]
        assert message.to == ["sam@council.example.gov.uk"]
        assert message.subject == "Booking confirmed: Agile for councils"
        (filename, content, mimetype), *others = message.attachments
        assert (filename, mimetype, others) == ("agile-for-councils.ics", "text/calendar", [])
        assert "SUMMARY:Agile for councils" in content
        # Notify sends no attachment, so the body always links to the same file.
        assert f"http://testserver/events/{event.pk}.ics" in message.body
        assert hash_token(link_token(message)) == Booking.objects.get(pk=made.pk).token_hash

    def test_it_builds_no_calendar_file_for_a_channel_that_cannot_attach_it(self, settings, monkeypatch):
        settings.EMAIL_BACKEND = "core.notify.NotifyEmailBackend"
        # Queued only: the outbox row is what this test reads.
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        monkeypatch.setattr(booking, "event_calendar", lambda event: pytest.fail("built a calendar"))
        event = programme_event(title="Agile for councils")

        book(event)

        message = OutboundEmail.objects.get(template="booking_confirmed")
        assert not message.attachments.exists()
        assert f"http://testserver/events/{event.pk}.ics" in message.body

    def test_it_puts_people_on_the_waiting_list_once_the_places_are_gone(self):
        event = programme_event(capacity=1, places_taken=1)

        made = book(event)

        assert made.status == BookingStatus.WAITING
        assert made.waiting_since is not None
        assert places_taken(event) == 1
        assert mail.outbox[-1].subject.startswith("You are on the waiting list")
        assert mail.outbox[-1].attachments == []
        assert AuditEvent.objects.filter(action="events.booking.joined_waiting_list").exists()

    def test_it_refuses_a_second_booking_with_the_same_address_and_saves_nothing(self):
        event = programme_event(capacity=5)
        book(event, email="sam@council.example.gov.uk")

        with pytest.raises(TransitionRefused, match="already has a booking") as refusal:
            book(event, email="SAM@council.example.gov.uk ")

        assert refusal.value.field == "email"
        assert Booking.objects.count() == 1
        assert places_taken(event) == 1

    def test_it_lets_someone_book_again_after_cancelling(self):
        event = programme_event(capacity=5)
        first = book(event)
        booking.cancel(first)

        again = book(event)

        assert again.status == BookingStatus.CONFIRMED
        assert places_taken(event) == 1

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"cancelled": True}, "has been cancelled"),
            ({"past": True}, "has started"),
            ({"status": "submitted"}, "does not take bookings"),
        ],
        ids=["cancelled", "past", "not published"],
    )
    def test_it_refuses_an_event_that_is_not_taking_bookings(self, fields, message):
        event = programme_event(**fields)

        with pytest.raises(TransitionRefused, match=message) as refusal:
            book(event)

        assert refusal.value.field is None
        assert not Booking.objects.exists()
        assert places_taken(event) == 0

    def test_it_refuses_a_community_event_without_places(self):
        event = EventFactory()
        with pytest.raises(TransitionRefused, match="does not take bookings"):
            book(event)
        assert not Booking.objects.exists()


class TestSignatoriesOnly:
    def test_it_refuses_someone_from_an_organisation_that_has_not_signed(self):
        event = programme_event(signatories_only=True)
        outsider = OrganisationFactory(name="Unsignedshire Council")
        SignatureFactory(organisation=outsider, submitted=True)

        with pytest.raises(TransitionRefused, match="Unsignedshire Council has not signed it") as refusal:
            book(event, organisation=outsider)

        assert refusal.value.field == "organisation"
        assert not Booking.objects.exists()
        assert places_taken(event) == 0

    def test_it_takes_someone_from_a_signatory(self):
        event = programme_event(signatories_only=True)
        signatory = SignatureFactory(signed=True).organisation

        assert book(event, organisation=signatory).status == BookingStatus.CONFIRMED

    def test_it_wants_an_address_at_one_of_the_signatorys_domains(self):
        event = programme_event(signatories_only=True)
        signatory = SignatureFactory(signed=True, organisation__name="Testshire Council").organisation
        OrganisationDomainFactory(organisation=signatory, domain="testshire.gov.uk")
        OrganisationDomainFactory(organisation=signatory, domain="testshire.example")

        with pytest.raises(TransitionRefused) as refusal:
            book(event, organisation=signatory, email="sam@gmail.example")
        assert refusal.value.field == "email"
        assert refusal.value.message == (
            "Enter your work email address at Testshire Council, ending @testshire.example or @testshire.gov.uk"
        )
        assert not Booking.objects.exists()

        assert book(event, organisation=signatory, email="sam@testshire.gov.uk").status == BookingStatus.CONFIRMED

    def test_it_does_not_check_domains_when_the_event_is_open_to_all(self):
        organisation = OrganisationDomainFactory(domain="testshire.gov.uk").organisation
        assert book(programme_event(), organisation=organisation, email="sam@gmail.example").pk


class TestFreedPlaces:
    def test_a_cancelled_place_is_offered_to_the_longest_waiting_person(self, settings):
        settings.EVENT_PLACE_OFFER_HOURS = 48
        event = programme_event(capacity=1, places_taken=1, starts_at=timezone.now() + datetime.timedelta(days=10))
        confirmed = BookingFactory(event=event)
        later = waiting(event, minutes_ago=5, email="later@example.gov.uk")
        first = waiting(event, minutes_ago=50, email="first@example.gov.uk")

        booking.cancel(confirmed)

        first.refresh_from_db()
        later.refresh_from_db()
        assert first.status == BookingStatus.OFFERED
        expected = timezone.now() + datetime.timedelta(hours=48)
        assert abs(first.offer_expires_at - expected) < datetime.timedelta(minutes=1)
        assert later.status == BookingStatus.WAITING
        assert places_taken(event) == 1
        offer = next(message for message in mail.outbox if message.to == ["first@example.gov.uk"])
        assert offer.subject.startswith("A place is available for you")
        assert hash_token(link_token(offer)) == first.token_hash
        assert AuditEvent.objects.filter(action="events.booking.offered", object_id=str(first.pk)).exists()
        assert AuditEvent.objects.filter(action="events.booking.cancelled", object_id=str(confirmed.pk)).exists()

    def test_among_people_who_joined_at_the_same_moment_the_first_to_book_goes_first(self):
        event = programme_event(capacity=1, places_taken=1)
        confirmed = BookingFactory(event=event)
        moment = timezone.now() - datetime.timedelta(hours=1)
        first = BookingFactory(event=event, waiting=True, waiting_since=moment)
        second = BookingFactory(event=event, waiting=True, waiting_since=moment)

        booking.cancel(confirmed)

        assert Booking.objects.get(pk=first.pk).status == BookingStatus.OFFERED
        assert Booking.objects.get(pk=second.pk).status == BookingStatus.WAITING

    def test_an_offer_never_lasts_beyond_the_start_of_the_event(self):
        starts = timezone.now() + datetime.timedelta(hours=5)
        event = programme_event(capacity=1, places_taken=1, starts_at=starts)
        confirmed = BookingFactory(event=event)
        person = waiting(event, minutes_ago=5)

        booking.cancel(confirmed)

        person.refresh_from_db()
        assert person.offer_expires_at == starts

    def test_with_nobody_waiting_the_place_is_given_back(self):
        event = programme_event(capacity=3, places_taken=2)
        confirmed = BookingFactory(event=event)

        booking.cancel(confirmed)

        assert places_taken(event) == 1
        assert mail.outbox[-1].subject == f"Booking cancelled: {event.title}"

    def test_leaving_the_waiting_list_frees_no_place(self):
        event = programme_event(capacity=1, places_taken=1)
        BookingFactory(event=event)
        person = waiting(event, minutes_ago=5)
        behind = waiting(event, minutes_ago=1)

        booking.cancel(person)

        assert places_taken(event) == 1
        assert Booking.objects.get(pk=behind.pk).status == BookingStatus.WAITING

    def test_staff_cancelling_is_recorded_as_theirs_and_the_person_is_told(self, moderator):
        event = programme_event(capacity=2, places_taken=1)
        confirmed = BookingFactory(event=event)

        booking.cancel(confirmed, by=moderator)

        audit = AuditEvent.objects.get(action="events.booking.cancelled")
        assert audit.actor == moderator
        assert mail.outbox[-1].subject == f"Your booking has been cancelled: {event.title}"

    def test_a_member_who_is_not_staff_cannot_cancel_someone_elses_booking(self, member):
        confirmed = BookingFactory(event=programme_event(places_taken=1))
        with pytest.raises(TransitionRefused, match="permission"):
            booking.cancel(confirmed, by=member)
        assert Booking.objects.get(pk=confirmed.pk).status == BookingStatus.CONFIRMED

    def test_cancelling_twice_is_refused(self):
        confirmed = BookingFactory(event=programme_event(places_taken=1))
        stale = Booking.objects.get(pk=confirmed.pk)
        booking.cancel(confirmed)

        with pytest.raises(TransitionRefused, match="because it is cancelled"):
            booking.cancel(stale)
        assert places_taken(confirmed.event) == 0

    def test_accepting_an_offer_confirms_it_with_a_fresh_link(self):
        event = programme_event(capacity=1, places_taken=1)
        offered = BookingFactory(event=event, offered=True)
        old_hash = offered.token_hash

        booking.accept_offer(offered)

        offered.refresh_from_db()
        assert offered.status == BookingStatus.CONFIRMED
        assert offered.offer_expires_at is None
        assert offered.token_hash != old_hash
        message = mail.outbox[-1]
        assert message.subject == f"Booking confirmed: {event.title}"
        assert message.attachments[0].mimetype == "text/calendar"
        assert hash_token(link_token(message)) == offered.token_hash
        assert places_taken(event) == 1
        assert AuditEvent.objects.filter(action="events.booking.accepted").exists()

    def test_an_offer_past_its_time_cannot_be_accepted(self):
        offered = BookingFactory(
            event=programme_event(capacity=1, places_taken=1),
            offered=True,
            offer_expires_at=timezone.now() - datetime.timedelta(minutes=1),
        )
        with pytest.raises(TransitionRefused, match="offer has expired"):
            booking.accept_offer(offered)
        assert Booking.objects.get(pk=offered.pk).status == BookingStatus.OFFERED

    def test_declining_an_offer_passes_the_place_on(self):
        event = programme_event(capacity=1, places_taken=1)
        offered = BookingFactory(event=event, offered=True)
        next_person = waiting(event, minutes_ago=5)

        booking.decline_offer(offered)

        assert Booking.objects.get(pk=offered.pk).status == BookingStatus.CANCELLED
        assert Booking.objects.get(pk=next_person.pk).status == BookingStatus.OFFERED
        assert places_taken(event) == 1
        assert AuditEvent.objects.filter(action="events.booking.declined").exists()


class TestScheduled:
    def test_expired_offers_pass_to_the_next_person(self):
        event = programme_event(capacity=2, places_taken=2)
        lapsed = BookingFactory(event=event, offered=True, offer_expires_at=timezone.now())
        current = BookingFactory(event=event, offered=True)
        next_person = waiting(event, minutes_ago=5)

        assert booking.expire_offers() == 1

        assert Booking.objects.get(pk=lapsed.pk).status == BookingStatus.CANCELLED
        assert Booking.objects.get(pk=current.pk).status == BookingStatus.OFFERED
        assert Booking.objects.get(pk=next_person.pk).status == BookingStatus.OFFERED
        assert places_taken(event) == 2
        assert any(message.subject.startswith("The place we offered you has gone") for message in mail.outbox)
        assert AuditEvent.objects.filter(action="events.booking.offer_expired").exists()

    def test_an_expired_offer_with_nobody_waiting_gives_the_place_back(self):
        event = programme_event(capacity=2, places_taken=2)
        BookingFactory(event=event, offered=True, offer_expires_at=timezone.now())

        booking.expire_offers()

        assert places_taken(event) == 1

    def test_reminders_go_once_to_confirmed_places_at_events_within_two_days(self):
        soon = programme_event(capacity=5, places_taken=1, starts_at=timezone.now() + datetime.timedelta(hours=30))
        later = programme_event(capacity=5, places_taken=1, starts_at=timezone.now() + datetime.timedelta(days=5))
        confirmed = BookingFactory(event=soon, email="soon@example.gov.uk")
        BookingFactory(event=soon, waiting=True)
        BookingFactory(event=later)
        old_hash = confirmed.token_hash

        assert booking.send_reminders() == 1
        assert booking.send_reminders() == 0

        confirmed.refresh_from_db()
        assert confirmed.reminder_sent_at is not None
        (reminder,) = [message for message in mail.outbox if message.subject.startswith("Reminder")]
        assert reminder.to == ["soon@example.gov.uk"]
        assert confirmed.token_hash != old_hash
        assert hash_token(link_token(reminder)) == confirmed.token_hash
        assert f"/events/{soon.pk}.ics" in reminder.body

    def test_no_reminder_for_a_cancelled_event(self):
        event = programme_event(cancelled=True, starts_at=timezone.now() + datetime.timedelta(hours=30))
        BookingFactory(event=event)
        assert booking.send_reminders() == 0


class TestEventCancelled:
    def test_every_live_booking_is_cancelled_and_told(self):
        event = programme_event(capacity=2, places_taken=2, cancellation_reason="The venue flooded")
        confirmed = BookingFactory(event=event, email="one@example.gov.uk")
        offered = BookingFactory(event=event, offered=True, email="two@example.gov.uk")
        on_the_list = BookingFactory(event=event, waiting=True, email="three@example.gov.uk")
        BookingFactory(event=event, cancelled=True, email="gone@example.gov.uk")

        assert booking.release_bookings_of_cancelled_event(event) == 3

        for made in (confirmed, offered, on_the_list):
            assert Booking.objects.get(pk=made.pk).status == BookingStatus.CANCELLED
        assert places_taken(event) == 0
        told = sorted(message.to[0] for message in mail.outbox)
        assert told == ["one@example.gov.uk", "three@example.gov.uk", "two@example.gov.uk"]
        assert all("The venue flooded" in message.body for message in mail.outbox)
        assert AuditEvent.objects.filter(action="events.booking.cancelled").count() == 3


class TestAttendance:
    def test_it_waits_for_the_event_to_start(self, moderator):
        event = programme_event(places_taken=1)
        BookingFactory(event=event)
        with pytest.raises(TransitionRefused, match="once the event has started"):
            booking.mark_attendance(event, set(), by=moderator)

    def test_it_records_who_came_and_who_did_not(self, moderator):
        event = programme_event(capacity=3, places_taken=3, past=True)
        came, stayed_away, unchanged = BookingFactory.create_batch(3, event=event)
        Booking.objects.filter(pk=unchanged.pk).update(attended=True)

        assert booking.mark_attendance(event, {came.pk, unchanged.pk}, by=moderator) == 2

        assert Booking.objects.get(pk=came.pk).attended is True
        assert Booking.objects.get(pk=stayed_away.pk).attended is False
        assert AuditEvent.objects.filter(action="events.booking.attendance_marked", actor=moderator).count() == 2


class TestLinks:
    def test_it_finds_the_booking_by_its_token(self):
        made = BookingFactory(token_hash=hash_token("the-token"))
        assert booking.check_link("the-token") == made

    @pytest.mark.parametrize(
        ("fields", "reason"),
        [
            ({"cancelled": True}, "used"),
            ({"event__past": True}, "expired"),
        ],
    )
    def test_it_refuses_links_that_no_longer_work(self, fields, reason):
        BookingFactory(token_hash=hash_token("the-token"), **fields)
        with pytest.raises(LinkRefused) as refusal:
            booking.check_link("the-token")
        assert refusal.value.reason == reason

    def test_it_refuses_an_unknown_or_retired_token(self):
        BookingFactory(token_hash=hash_token("the-new-token"))
        with pytest.raises(LinkRefused) as refusal:
            booking.check_link("the-old-token")
        assert refusal.value.reason == "invalid"


def test_the_audit_trail_never_names_the_person():
    event = programme_event(capacity=1)
    made = book(event, name="Zebedee Quintrell", email="zebedee@council.example.gov.uk")
    book(event, name="Ottoline Marsh", email="ottoline@council.example.gov.uk")
    booking.cancel(made)

    for audit in AuditEvent.objects.all():
        text = f"{audit.object_repr} {audit.changes} {audit.reason}"
        assert "Zebedee" not in text and "zebedee@" not in text
        assert "Ottoline" not in text and "ottoline@" not in text


@pytest.mark.django_db(transaction=True)
def test_simultaneous_bookings_for_the_last_places_never_take_more_places_than_there_are():
    event = programme_event(capacity=3, places_taken=1)
    organisation = OrganisationFactory()
    people = 6
    outcomes = []
    barrier = threading.Barrier(people)

    def book_at_once(number):
        barrier.wait()
        try:
            made = book(event, email=f"person{number}@council.example.gov.uk", organisation=organisation)
            outcomes.append(made.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=book_at_once, args=(number,)) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    event.refresh_from_db()
    confirmed = outcomes.count(BookingStatus.CONFIRMED)
    waiting_list = outcomes.count(BookingStatus.WAITING)
    assert Booking.objects.filter(event=event, status=BookingStatus.CONFIRMED).count() == confirmed
    assert Booking.objects.filter(event=event, status=BookingStatus.WAITING).count() == waiting_list
    assert event.places_taken == 1 + confirmed == event.capacity
    # Everyone is answered: PostgreSQL queues the writers, and on SQLite the service tries
    # again while another holds the lock.
    assert (confirmed, waiting_list) == (2, 4)
