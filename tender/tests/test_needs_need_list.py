import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import MembershipFactory
from events.models import Topic
from organisations.tests.factories import OrganisationFactory
from tender.needs import PAGE_SIZE
from tender.tests.factories import NeedFactory, NeedJoinFactory
from tender.views.needs import need_list

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [need.title for need in response.context["page"].object_list]


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_it_is_public(client):
    assert need_list.access_rule == "public"
    response = client.get("/tender")
    assert response.status_code == 200
    body = response.content.decode()
    assert "The Tender" in body
    assert 'href="/tender/suppliers"' in body
    assert 'href="/tender/needs.atom"' in body


def test_it_lists_needs_taking_questions_first_then_the_others(client):
    now = timezone.now()
    NeedFactory(title="Closed long ago", closed=True, published_at=now)
    NeedFactory(title="Questions over", questions_closed=True, published_at=now)
    NeedFactory(title="Older open", published_at=now - datetime.timedelta(days=3))
    NeedFactory(title="Newer open", published_at=now - datetime.timedelta(days=1))
    response = client.get("/tender")
    assert titles(response)[:2] == ["Newer open", "Older open"]
    assert set(titles(response)[2:]) == {"Closed long ago", "Questions over"}
    body = response.content.decode()
    assert "Open for questions" in body and "Questions closed" in body and "Closed" in body


def test_it_leaves_out_needs_not_yet_published(client):
    NeedFactory(title="Draft", draft=True)
    NeedFactory(title="Waiting", submitted=True)
    NeedFactory(title="Rejected", status="rejected", published_at=None)
    NeedFactory(title="Listed")
    assert titles(client.get("/tender")) == ["Listed"]


def test_it_counts_the_organisations_with_each_need(client):
    need = NeedFactory()
    NeedJoinFactory.create_batch(2, need=need)
    body = client.get("/tender").content.decode()
    assert "3 organisations have this problem" in body


def test_it_never_shows_who_wrote_a_need(client):
    NeedFactory(author__full_name="Priya Authorson", author__email="priya@council.example.gov.uk")
    body = client.get("/tender").content.decode()
    assert "Priya" not in body and "priya@" not in body


def test_it_filters_by_topic(client):
    NeedFactory(title="Open data", topics=[Topic.objects.get(slug="open-data")])
    NeedFactory(title="Accessibility", topics=[Topic.objects.get(slug="accessibility")])
    assert titles(client.get("/tender?topic=open-data")) == ["Open data"]


def test_it_filters_by_organisation_and_its_region(client):
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds", region="Yorkshire and The Humber")
    NeedFactory(title="Leeds", organisation=leeds)
    NeedFactory(title="Elsewhere", organisation__region="London")
    assert titles(client.get("/tender?organisation=leeds")) == ["Leeds"]
    assert titles(client.get("/tender?region=Yorkshire+and+The+Humber")) == ["Leeds"]
    assert titles(client.get("/tender?region=London")) == ["Elsewhere"]


def test_it_filters_by_closing_date(client):
    NeedFactory(title="Soon", questions_close_on=in_days(5))
    NeedFactory(title="Later", questions_close_on=in_days(40))
    day = in_days(10)
    before = f"closes_before_day={day.day}&closes_before_month={day.month}&closes_before_year={day.year}"
    after = f"closes_after_day={day.day}&closes_after_month={day.month}&closes_after_year={day.year}"
    assert titles(client.get(f"/tender?{before}")) == ["Soon"]
    assert titles(client.get(f"/tender?{after}")) == ["Later"]


def test_it_shows_an_error_for_a_filter_date_that_is_not_real_and_lists_everything(client):
    NeedFactory(title="Listed")
    response = client.get("/tender?closes_before_day=31&closes_before_month=2&closes_before_year=2026")
    body = response.content.decode()
    assert "The closes before date must be a real date" in body
    assert "<title>Error: " in body
    assert titles(response) == ["Listed"]


def test_it_refuses_a_topic_not_on_the_list(client):
    NeedFactory(title="Listed")
    response = client.get("/tender?topic=nonsense")
    assert "Select a topic from the list" in response.content.decode()
    assert titles(response) == ["Listed"]


def test_it_pages_the_needs(client):
    NeedFactory.create_batch(PAGE_SIZE + 1)
    assert len(titles(client.get("/tender"))) == PAGE_SIZE
    assert len(titles(client.get("/tender?page=2"))) == 1


def test_it_keeps_the_filters_in_the_feed_link(client):
    body = client.get("/tender?topic=open-data").content.decode()
    assert 'href="/tender/needs.atom?topic=open-data"' in body


def test_it_offers_public_sector_members_to_describe_a_need(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    assert 'href="/tender/needs/new"' in client.get("/tender").content.decode()


def test_it_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        NeedJoinFactory(need=NeedFactory())
    with django_assert_max_num_queries(8) as few:
        client.get("/tender")
    NeedFactory.create_batch(PAGE_SIZE)
    for need in NeedFactory.create_batch(5):
        NeedJoinFactory.create_batch(2, need=need)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(titles(client.get("/tender"))) == PAGE_SIZE


def test_it_answers_only_get(client):
    assert client.post("/tender").status_code == 405
