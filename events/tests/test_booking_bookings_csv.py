import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import bookings_csv
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/manage/events/{event.pk}/bookings.csv"


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=5, places_taken=2, title="Agile for councils")


def test_it_is_for_staff_only(client, event):
    BookingFactory(event=event)
    assert bookings_csv.access_rule == "staff"
    response = client.get(url(event))
    assert response.status_code == 302
    assert response.url.startswith("/staff/sign-in")


@pytest.mark.parametrize("person", ["member", "assessor"])
def test_it_refuses_anyone_else(request, sign_in_verified, event, person):
    BookingFactory(event=event, email="private@example.gov.uk")
    response = sign_in_verified(request.getfixturevalue(person)).get(url(event))
    assert response.status_code == 403
    assert b"private@example.gov.uk" not in response.content


def test_it_refuses_post(sign_in_verified, moderator, event):
    assert sign_in_verified(moderator).post(url(event)).status_code == 405


def test_it_lists_the_confirmed_attendees_in_a_utf8_file(sign_in_verified, moderator, event):
    BookingFactory(
        event=event,
        name="Siân Jones",
        email="sian@example.gov.uk",
        organisation=OrganisationFactory(name="Cyngor Gwynedd"),
        accessibility_needs="A hearing loop",
        attended=True,
    )
    BookingFactory(event=event, waiting=True, name="Walter Waiting")
    BookingFactory(event=event, cancelled=True, name="Cathy Cancelled")

    response = sign_in_verified(moderator).get(url(event))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agile-for-councils-attendees.csv"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *attendees = rows(response)
    assert header == ["Name", "Email", "Organisation", "Booked", "Accessibility needs", "Attended"]
    assert len(attendees) == 1
    assert attendees[0][:3] == ["Siân Jones", "sian@example.gov.uk", "Cyngor Gwynedd"]
    assert attendees[0][4:] == ["A hearing loop", "yes"]


def test_it_gives_the_day_each_place_was_confirmed_and_who_came(sign_in_verified, moderator, event):
    # Half past midnight on 1 April in London (BST) is still 31 March in UTC.
    BookingFactory(
        event=event, name="Ada Came", confirmed_at=dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC), attended=True
    )
    BookingFactory(event=event, name="Bo Stayed Away", attended=False)
    BookingFactory(event=event, name="Cy Not Marked", attended=None)

    (_, *attendees) = rows(sign_in_verified(moderator).get(url(event)))

    assert [(row[0], row[5]) for row in attendees] == [
        ("Ada Came", "yes"),
        ("Bo Stayed Away", "no"),
        ("Cy Not Marked", ""),
    ]
    assert attendees[0][3] == "2026-04-01"


def test_it_neutralises_cells_a_spreadsheet_would_run(sign_in_verified, moderator, event):
    BookingFactory(event=event, name='=HYPERLINK("http://evil.example")', accessibility_needs="@SUM(A1)")

    (_, attendee) = rows(sign_in_verified(moderator).get(url(event)))

    assert attendee[0] == '\'=HYPERLINK("http://evil.example")'
    assert attendee[4] == "'@SUM(A1)"


def test_it_asks_the_same_number_of_queries_for_300_attendees_as_for_3(sign_in_verified, moderator):
    client = sign_in_verified(moderator)
    organisation = OrganisationFactory()

    def queries_for(count: int) -> int:
        event = EventFactory(programme=True, capacity=count, places_taken=count)
        BookingFactory.create_batch(count, event=event, organisation=organisation)
        with CaptureQueriesContext(connection) as captured:
            assert len(rows(client.get(url(event)))) == count + 1
        return len(captured)

    assert queries_for(300) == queries_for(3)
