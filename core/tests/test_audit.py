import pytest

from accounts.tests.factories import UserFactory
from core import audit
from core.models import AuditEvent
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_records_actor_action_object_and_changes():
    staff = UserFactory(moderator=True)
    organisation = OrganisationFactory(name="Testshire Council")

    event = audit.record(organisation, "organisation.renamed", by=staff, changes={"name": ("Old", "Testshire Council")})

    event.refresh_from_db()
    assert event.actor == staff
    assert event.actor_label == staff.email
    assert event.action == "organisation.renamed"
    assert event.object_repr == "Testshire Council"
    assert event.changes == {"name": ["Old", "Testshire Council"]}
    assert list(audit.events_for(organisation)) == [event]


def test_it_records_the_system_when_nobody_is_signed_in():
    event = audit.record(OrganisationFactory(), "organisation.imported")
    assert event.actor is None
    assert event.actor_label == "system"


def test_it_stores_dates_as_text():
    import datetime

    event = audit.record(
        OrganisationFactory(), "organisation.updated", changes={"end_date": (None, datetime.date(2023, 3, 31))}
    )
    assert event.changes == {"end_date": [None, "2023-03-31"]}


def test_it_refuses_to_change_or_delete_an_event():
    event = audit.record(OrganisationFactory(), "organisation.imported")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.count() == 1


def test_changed_fields_lists_only_differences():
    organisation = OrganisationFactory(name="New name", region="London")
    before = {"name": "Old name", "region": "London"}
    assert audit.changed_fields(before, organisation, ["name", "region"]) == {"name": ("Old name", "New name")}
