import pytest
from django.core.cache import cache

from declaration.tests.factories import SignatureFactory
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from events.views.booking import book
from events.workflow import BookingStatus
from organisations.tests.factories import OrganisationDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_earlier_posts():
    cache.clear()  # rate-limit counts


def url(event) -> str:
    return f"/events/{event.pk}/book"


def answers(council, **changes) -> dict:
    return {
        "name": "Sam Booker",
        "email": "sam@testshire.gov.uk",
        "organisation": council.name,
        "accessibility_needs": "Step-free access",
        **changes,
    }


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council", alternative_names="Testshire CC")


@pytest.fixture
def event():
    return EventFactory(programme=True, capacity=10, title="Digital leadership for councils")


def test_it_is_open_to_everyone(client, event):
    assert book.access_rule == "public"
    response = client.get(url(event))
    assert response.status_code == 200
    assert "10 of 10 places left" in response.content.decode()


def test_it_refuses_other_methods(client, event):
    assert client.put(url(event)).status_code == 405


def test_it_books_a_place_and_shows_the_confirmation(client, event, council):
    response = client.post(url(event), answers(council))

    assert response.status_code == 302
    assert response.url == f"/events/{event.pk}/book/confirmation"
    booking = Booking.objects.get()
    assert (booking.name, booking.email, booking.organisation) == ("Sam Booker", "sam@testshire.gov.uk", council)
    assert booking.accessibility_needs == "Step-free access"
    assert booking.status == BookingStatus.CONFIRMED
    assert "Booking confirmed" in client.get(response.url).content.decode()


def test_it_finds_the_organisation_by_another_of_its_names(client, event, council):
    client.post(url(event), answers(council, organisation="testshire cc"))
    assert Booking.objects.get().organisation == council


def test_it_says_when_the_places_are_gone_and_puts_the_person_on_the_waiting_list(client, council):
    full = EventFactory(programme=True, capacity=1, places_taken=1)
    page = client.get(url(full)).content.decode()
    assert '<h1 class="govuk-heading-l">Join the waiting list</h1>' in page

    response = client.post(url(full), answers(council))

    assert Booking.objects.get().status == BookingStatus.WAITING
    assert "You are on the waiting list" in client.get(response.url).content.decode()


def test_it_says_what_is_missing(client, event):
    response = client.post(url(event), {})

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<title>Error: ") == 1
    for field, message in [
        ("name", "Enter your full name"),
        ("email", "Enter your work email address"),
        ("organisation", "Enter the name of your organisation"),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in page
        assert f'id="id_{field}-error"' in page
    assert not Booking.objects.exists()


def test_it_refuses_an_organisation_it_does_not_know(client, event, council):
    response = client.post(url(event), answers(council, organisation="Nowhere Parish"))

    assert response.context["form"].errors["organisation"] == [
        "Enter the name of your organisation as it appears in the list"
    ]
    assert not Booking.objects.exists()


def test_it_refuses_a_badly_formed_email_address(client, event, council):
    response = client.post(url(event), answers(council, email="sam at testshire"))
    assert response.context["form"].errors["email"] == [
        "Enter an email address in the correct format, like name@example.gov.uk"
    ]


def test_a_second_booking_with_the_same_address_is_refused_clearly(client, event, council):
    BookingFactory(event=event, email="sam@testshire.gov.uk")
    Event.objects.filter(pk=event.pk).update(places_taken=1)

    response = client.post(url(event), answers(council, email="Sam@Testshire.gov.uk"))

    assert response.status_code == 200
    assert "already has a booking for this event" in response.context["form"].errors["email"][0]
    assert Booking.objects.count() == 1
    assert Event.objects.get(pk=event.pk).places_taken == 1


class TestSignatoriesOnly:
    @pytest.fixture
    def training(self):
        return EventFactory(programme=True, capacity=10, signatories_only=True)

    def test_it_suggests_only_signatories(self, client, training, council):
        SignatureFactory(signed=True, organisation__name="Signedshire Council")
        page = client.get(url(training)).content.decode()
        assert '<option value="Signedshire Council">' in page
        assert council.name not in page

    def test_it_refuses_someone_whose_organisation_has_not_signed_and_says_how_to_sign(self, client, training, council):
        response = client.post(url(training), answers(council))

        page = response.content.decode()
        assert response.context["form"].errors["organisation"] == [
            "Only people from organisations that have signed the Local Digital Declaration can book this event. "
            "Testshire County Council has not signed it"
        ]
        assert 'href="#id_organisation"' in page
        assert 'href="/declaration/sign"' in page
        assert not Booking.objects.exists()
        assert Event.objects.get(pk=training.pk).places_taken == 0

    def test_it_wants_a_work_address_at_the_signatory(self, client, training, council):
        SignatureFactory(signed=True, organisation=council)
        OrganisationDomainFactory(organisation=council, domain="testshire.gov.uk")

        response = client.post(url(training), answers(council, email="sam@gmail.example"))
        assert response.context["form"].errors["email"] == [
            "Enter your work email address at Testshire County Council, ending @testshire.gov.uk"
        ]
        assert not Booking.objects.exists()

        assert client.post(url(training), answers(council)).status_code == 302
        assert Booking.objects.get().status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("fields", "heading"),
    [
        ({"programme": True, "cancelled": True}, "This event has been cancelled"),
        ({"programme": True, "past": True}, "Booking has closed"),
        ({}, "You cannot book this event here"),
    ],
    ids=["cancelled", "started", "community event"],
)
def test_it_refuses_an_event_not_taking_bookings_with_a_clear_page(client, council, fields, heading):
    event = EventFactory(**fields)

    assert heading in client.get(url(event)).content.decode()
    response = client.post(url(event), answers(council))

    assert response.status_code == 200
    assert heading in response.content.decode()
    assert not Booking.objects.exists()


def test_an_event_not_yet_published_is_not_found(client):
    assert client.get(url(EventFactory(programme=True, submitted=True))).status_code == 404


def test_it_limits_how_often_one_address_may_book(client, settings, event, council):
    settings.EVENT_BOOKING_RATE_PER_IP = "2/h"
    for number in range(2):
        client.post(url(event), answers(council, email=f"person{number}@testshire.gov.uk"))

    response = client.post(url(event), answers(council, email="third@testshire.gov.uk"))

    assert response.status_code == 429
    assert Booking.objects.count() == 2
