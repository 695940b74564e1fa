import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Membership, User
from accounts.workflow import MembershipStatus
from core import audit
from core.models import AuditEvent
from events.models import Booking, Event
from events.workflow import EventStatus
from organisations.tests.factories import OrganisationFactory
from tender import demo
from tender.models import (
    CHARITY_NUMBER,
    COMPANY_NUMBER,
    PROCUREMENT_REFERENCE,
    CaseStudy,
    Interest,
    Need,
    NeedJoin,
    Question,
    Supplier,
    SupplierSize,
    check_procurement_reference,
)
from tender.questions import reasons_to_hold
from tender.workflow import PUBLIC_NEED_STATES, CaseStudyStatus, NeedStatus, QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(settings):
    """The councils the demo's needs, joins and case studies name, as the register holds them."""
    settings.DEBUG = True
    # The demo's staff have passwords; hashing them properly would only slow these tests down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    codes = {need.council for need in demo.NEEDS}
    codes |= {code for need in demo.NEEDS for code in need.joined_by}
    codes |= {case_study.council for supplier in demo.SUPPLIERS for case_study in supplier.case_studies}
    return [OrganisationFactory(register_code=code) for code in sorted(codes)]


def load() -> str:
    output = StringIO()
    call_command("load_demo_data", stdout=output)
    return output.getvalue()


def counts() -> tuple:
    return (
        Supplier.objects.count(),
        User.objects.count(),
        CaseStudy.objects.count(),
        Need.objects.count(),
        NeedJoin.objects.count(),
        Interest.objects.count(),
        Question.objects.count(),
        Event.objects.count(),
        AuditEvent.objects.filter(action__startswith="tender.").count(),
    )


def works_at(user, organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation, status=MembershipStatus.APPROVED).exists()


def test_it_adds_nothing_when_run_again(councils):
    first = load()
    loaded = counts()

    second = load()

    assert "Demo suppliers: 30 added" in first
    assert "Demo needs: 13 added" in first
    assert counts() == loaded
    assert "Demo suppliers: 0 added" in second
    assert "Demo needs: 0 added" in second


def test_it_publishes_a_dozen_needs_from_councils_some_joined_by_others(councils):
    load()

    public = list(Need.objects.filter(status__in=PUBLIC_NEED_STATES).prefetch_related("joins", "topics"))
    assert len(public) == 12
    assert all(works_at(need.author, need.organisation) for need in public)
    assert all(need.topics.all() for need in public)
    taking_questions = [need for need in public if need.questions_close_on >= timezone.localdate()]
    assert len(public) - 3 <= len(taking_questions) < len(public)
    joined = [need for need in public if need.joins.all()]
    assert len(joined) >= 5
    assert all(join.organisation != need.organisation for need in joined for join in need.joins.all())
    assert all(works_at(join.joined_by, join.organisation) for need in joined for join in need.joins.all())
    assert sum(need.budget_from is not None for need in public) >= 6
    assert Interest.objects.filter(need__in=public).values("need").distinct().count() == 12
    published = {"tender.need_drafted", "tender.need_submitted", "tender.need_published"}
    assert all(published <= {event.action for event in audit.events_for(need)} for need in public)
    assert Need.objects.filter(status=NeedStatus.SUBMITTED).count() == 1


def test_it_lists_thirty_suppliers_of_every_size_whose_people_work_for_no_council(councils):
    load()

    suppliers = list(Supplier.objects.prefetch_related("members", "offers", "regions"))
    assert len(suppliers) == 30
    assert {supplier.size for supplier in suppliers} == set(SupplierSize)
    assert sum(bool(supplier.charity_number) for supplier in suppliers) >= 3
    assert sum(supplier.name.endswith(" CIC") and bool(supplier.company_number) for supplier in suppliers) >= 2
    assert all(1 <= len(supplier.members.all()) <= 2 for supplier in suppliers)
    assert all(supplier.offers.all() and supplier.regions.all() for supplier in suppliers)
    people = [person for supplier in suppliers for person in supplier.members.all()]
    assert len(people) == len(set(people))
    assert not Membership.objects.filter(user__in=people).exists()
    assert not any(person.role for person in people)


def test_it_gives_supplier_people_names_nobody_else_in_the_demo_has(councils):
    load()

    people = User.objects.filter(suppliers__isnull=False)
    their_names = [part for full_name in people.values_list("full_name", flat=True) for part in full_name.split()]
    others = [*User.objects.exclude(pk__in=people).values_list("full_name", flat=True)]
    others += Booking.objects.values_list("name", flat=True)
    assert people.count() >= 40
    assert len(their_names) == len(set(their_names))
    assert not set(their_names) & {part for full_name in others for part in full_name.split()}


def test_it_has_case_studies_confirmed_by_the_councils_they_name_but_one(councils):
    load()

    confirmed = CaseStudy.objects.filter(status=CaseStudyStatus.CONFIRMED).select_related("decided_by")
    assert confirmed.count() >= 3
    assert all(works_at(case_study.decided_by, case_study.organisation) for case_study in confirmed)
    assert all(audit.events_for(case_study).filter(action="tender.case_study_confirmed") for case_study in confirmed)
    assert CaseStudy.objects.filter(status=CaseStudyStatus.UNCONFIRMED).count() == 1


def test_it_answers_questions_in_the_open_and_holds_one_for_a_moderator(councils):
    load()

    answered = Question.objects.filter(status=QuestionStatus.ANSWERED).select_related("need", "supplier")
    assert answered.count() >= 10
    for question in answered:
        assert question.published_question and question.answer
        assert works_at(question.answered_by, question.need.organisation)
        assert question.asked_at.date() <= question.need.questions_close_on
        assert question.asked_at <= question.answered_at <= timezone.now()
        assert question.asked_by in question.supplier.members.all()
    assert AuditEvent.objects.filter(action="tender.question_answered").count() == answered.count()
    held = Question.objects.get(status=QuestionStatus.HELD)
    assert held.held_because and not held.published_question
    for question in Question.objects.select_related("supplier"):
        # Held exactly when the question service would hold it, for the reasons it would give.
        reasons = reasons_to_hold(question.text, question.supplier)
        assert bool(reasons) == (question.status == QuestionStatus.HELD), question.text
        assert question.held_because == (f"It may contain {' and '.join(reasons)}" if reasons else "")
    assert Question.objects.filter(status=QuestionStatus.AWAITING_ANSWER).exists()


def test_it_publishes_no_question_wording_that_names_a_supplier_or_a_person(councils):
    load()

    wordings = Question.objects.exclude(published_question="").values_list("published_question", flat=True)
    suppliers = Supplier.objects.values_list("name", flat=True)
    names = [*suppliers, *(re.sub(r" (Ltd|LLP|CIC)$", "", name) for name in suppliers)]
    people = User.objects.exclude(full_name="").values_list("full_name", flat=True)
    # Any part of a person's name, as a capitalised word: "Tom", "Okafor".
    parts_of_names = {rf"\b{re.escape(part)}\b" for full_name in people for part in full_name.split()}
    assert len(wordings) >= 10
    for wording in wordings:
        assert not [name for name in names if name.lower() in wording.lower()], wording
        assert not [part for part in parts_of_names if re.search(part, wording)], wording


def test_it_closes_one_need_and_links_it_to_its_procurement_notice(councils):
    load()

    need = Need.objects.get(status=NeedStatus.CLOSED)
    check_procurement_reference(need.procurement_reference)
    assert re.fullmatch(r"\d{6}-\d{4}", need.procurement_reference)
    assert need.procurement_notice_url.startswith("https://www.find-tender.service.gov.uk/Notice/")
    assert need.outcome and need.closed_at
    assert need.questions_close_on < need.closed_at.date()
    assert {"tender.need_closed", "tender.need_linked_to_procurement"} <= set(
        audit.events_for(need).values_list("action", flat=True)
    )
    assert Need.objects.exclude(procurement_reference="").count() == 1


def test_it_invites_suppliers_to_a_show_and_tell_the_needs_organisation_publishes(councils):
    load()

    need = Need.objects.select_related("show_and_tell").get(show_and_tell__isnull=False)
    assert need.show_and_tell.organisation == need.organisation
    assert need.show_and_tell.status == EventStatus.PUBLISHED
    assert need.show_and_tell.starts_at > timezone.now()
    assert need.show_and_tell.starts_at.date() - timezone.localdate() <= datetime.timedelta(days=30)
    assert need.interests.exists()


def test_it_keeps_the_models_rules_for_every_public_need_and_supplier(councils):
    load()

    for need in Need.objects.filter(status__in=PUBLIC_NEED_STATES):
        need.full_clean()
        assert need.procurement_reference == "" or PROCUREMENT_REFERENCE.fullmatch(need.procurement_reference)
    for supplier in Supplier.objects.all():
        supplier.full_clean()
        assert supplier.company_number == "" or COMPANY_NUMBER.fullmatch(supplier.company_number)
        assert supplier.charity_number == "" or CHARITY_NUMBER.fullmatch(supplier.charity_number)
        assert supplier.website.endswith(".example")
        assert supplier.contact_email.startswith("hello@") and supplier.contact_email.endswith(".example")
