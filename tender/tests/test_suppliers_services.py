import pytest

from accounts.tests.factories import MembershipFactory, UserFactory
from core.models import AuditEvent
from core.workflow import TransitionRefused
from events.models import Topic
from organisations.models import OrganisationType
from organisations.tests.factories import OrganisationFactory
from tender import suppliers
from tender.models import Supplier
from tender.tests.factories import CaseStudyFactory, SupplierFactory
from tender.workflow import CASE_STUDY_TRANSITIONS, SUPPLIER_TRANSITIONS, CaseStudyStatus, SupplierStatus

pytestmark = pytest.mark.django_db


def details(**changes) -> suppliers.SupplierDetails:
    values = {
        "name": "  Open   Councils Ltd ",
        "company_number": "12345678",
        "charity_number": "",
        "website": "https://www.opencouncils.example",
        "size": "micro",
        "summary": "Open source booking tools.",
        "contact_email": "hello@opencouncils.example",
        "offers": list(Topic.objects.filter(slug="open-source")),
        "regions": ["london"],
    }
    return suppliers.SupplierDetails(**(values | changes))


@pytest.fixture
def person():
    return UserFactory(email="sam@opencouncils.example")


@pytest.fixture
def council():
    return OrganisationFactory(name="Testshire County Council")


class TestRegistering:
    def test_it_tidies_the_name_and_makes_the_person_a_member(self, person):
        supplier = suppliers.register(by=person, details=details())
        assert (supplier.name, supplier.slug) == ("Open Councils Ltd", "open-councils-ltd")
        assert list(supplier.members.all()) == [person]
        assert person.is_supplier_account

    @pytest.mark.parametrize("state", ["pending", "approved"])
    def test_it_refuses_someone_in_the_public_sector(self, person, state):
        MembershipFactory(user=person, status=state, organisation__name="Testshire County Council")
        with pytest.raises(TransitionRefused, match="so you cannot register a supplier"):
            suppliers.register(by=person, details=details())
        assert not Supplier.objects.exists()

    def test_it_refuses_someone_with_a_role(self, moderator):
        with pytest.raises(TransitionRefused, match="moderator role"):
            suppliers.register(by=moderator, details=details())

    def test_it_refuses_a_number_already_registered(self, person):
        SupplierFactory(company_number="12345678")
        with pytest.raises(TransitionRefused) as refusal:
            suppliers.register(by=person, details=details())
        assert (refusal.value.field, refusal.value.message) == (
            "company_number",
            "A supplier with this company number is already registered",
        )

    def test_a_number_registered_at_the_same_moment_is_refused_by_the_database(self, person, monkeypatch):
        SupplierFactory(company_number="12345678")
        real = suppliers.registration_number_taken
        looks = []

        def looks_too_early(name, value, **kwargs):
            # The first look (before writing) misses the other registration; later ones see it.
            looks.append(name)
            return False if len(looks) <= len(suppliers.NUMBER_TAKEN) else real(name, value, **kwargs)

        monkeypatch.setattr(suppliers, "registration_number_taken", looks_too_early)
        with pytest.raises(TransitionRefused, match="company number is already registered"):
            suppliers.register(by=person, details=details())
        assert Supplier.objects.count() == 1
        assert not AuditEvent.objects.exists()


class TestChanging:
    def test_only_the_supplier_s_people_may_change_it(self):
        supplier = SupplierFactory(name="Open Councils Ltd")
        with pytest.raises(TransitionRefused, match="Only people who act for this supplier"):
            suppliers.change(supplier, by=UserFactory(), details=details(name="Taken over"))
        supplier.refresh_from_db()
        assert supplier.name == "Open Councils Ltd"


class TestCaseStudies:
    def test_only_the_supplier_s_people_may_add_one(self, council):
        supplier = SupplierFactory()
        with pytest.raises(TransitionRefused, match="Only people who act for this supplier"):
            suppliers.add_case_study(
                supplier,
                by=UserFactory(),
                organisation=council,
                details=suppliers.CaseStudyDetails(title="Work", summary="Done"),
            )

    @pytest.mark.parametrize(
        "organisation",
        [
            {"organisation_type": OrganisationType.NON_PROFIT},
            {"organisation_type": OrganisationType.SECTOR_BODY},
            {"ended": True},
        ],
    )
    def test_a_case_study_names_a_current_council_or_public_body(self, person, organisation):
        supplier = SupplierFactory(members=[person])
        with pytest.raises(TransitionRefused) as refusal:
            suppliers.add_case_study(
                supplier,
                by=person,
                organisation=OrganisationFactory(**organisation),
                details=suppliers.CaseStudyDetails(title="Work", summary="Done"),
            )
        assert refusal.value.field == "organisation"

    def test_only_the_supplier_s_people_may_change_one(self):
        case_study = CaseStudyFactory(title="Work")
        with pytest.raises(TransitionRefused, match="Only people who act for this supplier"):
            suppliers.change_case_study(
                case_study, by=UserFactory(), details=suppliers.CaseStudyDetails(title="Changed", summary="Done")
            )
        case_study.refresh_from_db()
        assert case_study.title == "Work"

    def test_only_people_at_the_named_council_may_confirm_one(self, council):
        case_study = CaseStudyFactory(organisation=council)
        elsewhere = MembershipFactory().user
        with pytest.raises(TransitionRefused, match="Only people at Testshire County Council"):
            suppliers.confirm_case_study(case_study, by=elsewhere)
        case_study.refresh_from_db()
        assert case_study.status == CaseStudyStatus.UNCONFIRMED


@pytest.mark.parametrize(
    "status, action",
    [(status, action) for status in CaseStudyStatus for action in CASE_STUDY_TRANSITIONS],
)
def test_every_case_study_decision_from_every_state(council, status, action):
    case_study = CaseStudyFactory(organisation=council, status=status)
    officer = MembershipFactory(organisation=council).user
    decide = suppliers.confirm_case_study if action == "confirm" else suppliers.decline_case_study
    if status in CASE_STUDY_TRANSITIONS[action].source:
        assert decide(case_study, by=officer).status == CASE_STUDY_TRANSITIONS[action].target
        assert AuditEvent.objects.filter(action=CASE_STUDY_TRANSITIONS[action].audit_code).count() == 1
    else:
        with pytest.raises(TransitionRefused):
            decide(case_study, by=officer)
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "status, action",
    [(status, action) for status in SupplierStatus for action in SUPPLIER_TRANSITIONS],
)
def test_every_supplier_decision_from_every_state(moderator, status, action):
    supplier = SupplierFactory(status=status)
    apply = {
        "suspend": lambda: suppliers.suspend(supplier, by=moderator, reason="Not a real company"),
        "reinstate": lambda: suppliers.reinstate(supplier, by=moderator),
    }[action]
    if status in SUPPLIER_TRANSITIONS[action].source:
        assert apply().status == SUPPLIER_TRANSITIONS[action].target
    else:
        with pytest.raises(TransitionRefused):
            apply()


def test_only_moderators_suspend_a_supplier(member):
    supplier = SupplierFactory()
    with pytest.raises(TransitionRefused, match="You do not have permission"):
        suppliers.suspend(supplier, by=member, reason="Not real")
