import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from events.models import Topic
from organisations.models import OrganisationType
from tender.models import Need, OpenStandard
from tender.tests.factories import SupplierFactory
from tender.views.needs import new_need
from tender.workflow import NeedStatus

pytestmark = pytest.mark.django_db

URL = "/tender/needs/new"


def form_data(**changes) -> dict:
    """What a member types: a need about bin collections, with `changes` on top (None leaves a
    field out)."""
    closes = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "title": "Residents cannot see when their bins will be collected",
        "problem": "Residents phone us to ask when their bins will be collected.",
        "services_affected": "Waste collection",
        "procurement_timing": "within_6_months",
        "budget_from": "£20,000",
        "budget_to": "60000",
        "open_standards": [str(OpenStandard.objects.get(slug="open-referral-uk").pk)],
        "topics": [str(Topic.objects.get(slug="open-data").pk)],
        "questions_close_on_day": str(closes.day),
        "questions_close_on_month": str(closes.month),
        "questions_close_on_year": str(closes.year),
        "continue": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def writer(client):
    membership = MembershipFactory(organisation__name="Leeds City Council")
    client.force_login(membership.user)
    return membership


def test_it_sends_someone_not_signed_in_to_sign_in(client):
    assert new_need.access_rule == "signed_in"
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/sign-in?next=/tender/needs/new")


def test_it_saves_a_draft_and_goes_on_to_check_your_answers(client, writer):
    form_page = client.get(URL)
    assert form_page.status_code == 200 and "csrfmiddlewaretoken" in form_page.content.decode()
    response = client.post(URL, form_data())
    need = Need.objects.get()
    assert response.status_code == 302 and response.url == f"/tender/needs/{need.slug}/check"
    assert need.slug == "residents-cannot-see-when-their-bins-will-be-collected"
    assert (need.status, need.organisation, need.author) == (NeedStatus.DRAFT, writer.organisation, writer.user)
    assert (need.budget_from, need.budget_to) == (20000, 60000)
    assert [topic.slug for topic in need.topics.all()] == ["open-data"]
    assert [standard.slug for standard in need.open_standards.all()] == ["open-referral-uk"]
    assert AuditEvent.objects.get(action="tender.need_drafted").actor == writer.user


def test_it_saves_as_draft_and_goes_back_to_the_list(client, writer):
    response = client.post(URL, form_data(save_draft="", **{"continue": None}))
    assert response.status_code == 302 and response.url == "/tender/your-needs"
    assert Need.objects.get().status == NeedStatus.DRAFT


def test_it_gives_each_need_its_own_address(client, writer):
    client.post(URL, form_data())
    client.post(URL, form_data())
    assert sorted(Need.objects.values_list("slug", flat=True)) == [
        "residents-cannot-see-when-their-bins-will-be-collected",
        "residents-cannot-see-when-their-bins-will-be-collected-2",
    ]


def test_it_asks_which_organisation_when_there_are_several(client, writer):
    other = MembershipFactory(user=writer.user, organisation__name="Bradford Council")
    assert "Which organisation has this need?" in client.get(URL).content.decode()
    response = client.post(URL, form_data())
    assert "Select the organisation that has this need" in response.content.decode()
    client.post(URL, form_data(organisation=str(other.organisation.pk)))
    assert Need.objects.get().organisation == other.organisation


def test_it_refuses_an_organisation_the_person_does_not_belong_to(client, writer):
    MembershipFactory(user=writer.user)
    stranger = MembershipFactory(organisation__name="Not yours")
    response = client.post(URL, form_data(organisation=str(stranger.organisation.pk)))
    assert "Select an organisation you belong to" in response.content.decode()
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"problem": "  "}, "problem", "Describe the problem and who has it"),
        ({"title": ""}, "title", "Enter a title for the need"),
        ({"services_affected": ""}, "services_affected", "Enter the services the problem affects"),
        ({"procurement_timing": None}, "procurement_timing_0", "Select when you expect to buy something"),
        ({"topics": None}, "topics_0", "Select at least one topic"),
        ({"budget_from": "a lot"}, "budget_from", "Enter the lowest budget as a whole number of pounds, like 25000"),
        (
            {"budget_from": "70000"},
            "budget_to",
            "The highest budget must be the same as or more than the lowest budget",
        ),
        ({"questions_close_on_day": ""}, "questions_close_on", "The closing date for questions must include a day"),
        (
            {"questions_close_on_month": "13"},
            "questions_close_on",
            "The closing date for questions must be a real date",
        ),
    ],
)
def test_it_shows_field_errors_and_saves_nothing(client, writer, changes, field, message):
    response = client.post(URL, form_data(**changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: " in body
    assert f'<a href="#id_{field}">{message}</a>' in body
    assert not Need.objects.exists()


@pytest.mark.parametrize("days", [-1, 0])
def test_it_refuses_a_closing_date_that_is_not_in_the_future(client, writer, days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    response = client.post(
        URL,
        form_data(
            questions_close_on_day=str(day.day),
            questions_close_on_month=str(day.month),
            questions_close_on_year=str(day.year),
        ),
    )
    assert "The closing date for questions must be in the future" in response.content.decode()
    assert not Need.objects.exists()


def test_it_refuses_a_closing_date_more_than_a_year_away(client, writer):
    day = timezone.localdate() + datetime.timedelta(days=400)
    data = form_data(
        questions_close_on_day=str(day.day),
        questions_close_on_month=str(day.month),
        questions_close_on_year=str(day.year),
    )
    assert "must be within a year from today" in client.post(URL, data).content.decode()
    assert not Need.objects.exists()


def test_it_refuses_a_supplier(client):
    supplier = SupplierFactory()
    client.force_login(supplier.members.get())
    response = client.post(URL, form_data())
    assert response.status_code == 403
    assert "Only the public sector can publish needs" in response.content.decode()
    assert not Need.objects.exists()


def test_it_refuses_someone_without_an_approved_membership(client):
    pending = MembershipFactory(pending=True)
    client.force_login(pending.user)
    response = client.post(URL, form_data())
    assert response.status_code == 403
    assert "Join your organisation to describe a need" in response.content.decode()
    assert not Need.objects.exists()


def test_it_refuses_a_member_of_an_organisation_outside_the_public_sector(client):
    charity = MembershipFactory(organisation__organisation_type=OrganisationType.NON_PROFIT)
    client.force_login(charity.user)
    assert client.post(URL, form_data()).status_code == 403
    assert not Need.objects.exists()


def test_it_refuses_someone_with_no_organisation(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
