import pytest

from events.tests.factories import EventFactory
from events.views.manage import event_detail

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/manage/events/{event.pk}"


def test_it_is_for_moderators_only(client, sign_in_verified, member):
    event = EventFactory(submitted=True)
    assert event_detail.access_rule == "staff"
    assert client.get(url(event)).status_code == 302
    assert sign_in_verified(member).get(url(event)).status_code == 403


def test_it_shows_a_submitted_event_with_who_submitted_it_and_the_decisions(sign_in_verified, moderator):
    event = EventFactory(submitted=True, title="Open data day", submitted_by__email="sam@leeds.example.gov.uk")
    page = sign_in_verified(moderator).get(url(event)).content.decode()
    assert "Open data day" in page
    assert "sam@leeds.example.gov.uk" in page
    assert f'action="/manage/events/{event.pk}/publish"' in page
    assert f'href="/manage/events/{event.pk}/reject"' in page
    assert f'href="/manage/events/{event.pk}/cancel"' in page
    assert f'href="/manage/audit/events/event/{event.pk}"' in page


def test_it_offers_no_decision_on_a_cancelled_event(sign_in_verified, moderator):
    event = EventFactory(cancelled=True)
    page = sign_in_verified(moderator).get(url(event)).content.decode()
    assert "/publish" not in page and "/reject" not in page and "/cancel" not in page


def test_it_offers_to_change_a_programme_event(sign_in_verified, moderator):
    event = EventFactory(programme=True, capacity=30, places_taken=12)
    page = sign_in_verified(moderator).get(url(event)).content.decode()
    assert f'href="/manage/events/{event.pk}/edit"' in page
    assert "12 of 30 booked" in page


def test_it_does_not_find_an_unknown_event(sign_in_verified, moderator):
    assert sign_in_verified(moderator).get("/manage/events/99999").status_code == 404


def test_it_answers_only_get(sign_in_verified, moderator):
    assert sign_in_verified(moderator).post(url(EventFactory())).status_code == 405


def test_it_links_a_programme_event_to_its_bookings(sign_in_verified, moderator):
    training = EventFactory(programme=True, capacity=12, places_taken=5)
    page = sign_in_verified(moderator).get(f"/manage/events/{training.pk}").content.decode()
    assert f'href="/manage/events/{training.pk}/bookings"' in page
    assert "5 of 12 places taken" in page


def test_it_shows_the_description_as_it_will_be_published(sign_in_verified, moderator):
    event = EventFactory(submitted=True, description="**Who it is for:** council teams\n\n<script>alert(1)</script>")
    page = sign_in_verified(moderator).get(f"/manage/events/{event.pk}").content.decode()
    assert "<strong>Who it is for:</strong>" in page
    assert "**Who" not in page and "alert(1)" not in page
