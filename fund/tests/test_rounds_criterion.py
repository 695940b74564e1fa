import pytest
from django.utils import timezone

from fund.models import Criterion
from fund.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db

CRITERION = {
    "stage": "eoi",
    "title": "Reuse",
    "guidance": "Builds on what others have made",
    "weight": "20",
    "position": "",
}


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


def test_it_adds_a_criterion_last(staff):
    round_ = RoundFactory()

    response = staff.post(f"/manage/fund/{round_.slug}/criteria/new", CRITERION)

    assert response.url == f"/manage/fund/{round_.slug}"
    added = round_.criteria.get(title="Reuse")
    assert (added.stage, added.weight, added.position) == ("eoi", 20, 2)


def test_it_changes_and_removes_a_criterion(staff):
    round_ = RoundFactory()
    criterion = round_.criteria.filter(stage="eoi").first()

    staff.post(f"/manage/fund/{round_.slug}/criteria/{criterion.pk}", CRITERION | {"weight": "35", "position": "1"})
    criterion.refresh_from_db()
    assert (criterion.title, criterion.weight, criterion.position) == ("Reuse", 35, 1)

    staff.post(f"/manage/fund/{round_.slug}/criteria/{criterion.pk}/remove")
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight", "0", "Enter a weight of 1 or more"),
        ("weight", "", "Enter the criterion’s weight"),
        ("title", "", "Enter the criterion’s title"),
        ("stage", "", "Select the stage it is scored at"),
    ],
)
def test_it_says_what_to_fix(staff, field, value, message):
    round_ = RoundFactory(criteria=False)
    page = staff.post(f"/manage/fund/{round_.slug}/criteria/new", CRITERION | {field: value}).content.decode()
    assert message in page
    assert not round_.criteria.exists()


def test_once_scoring_starts_it_changes_nothing(staff):
    round_ = RoundFactory(frozen_at=timezone.now())
    criterion = round_.criteria.first()

    page = staff.post(f"/manage/fund/{round_.slug}/criteria/{criterion.pk}/remove").content.decode()

    assert "Assessors started scoring this round on" in page
    assert Criterion.objects.filter(pk=criterion.pk).exists()
    page = staff.post(f"/manage/fund/{round_.slug}/criteria/new", CRITERION).content.decode()
    assert "Assessors started scoring this round on" in page
    assert not round_.criteria.filter(title="Reuse").exists()


def test_it_is_for_staff_only(client, member):
    round_ = RoundFactory()
    client.force_login(member)
    assert client.post(f"/manage/fund/{round_.slug}/criteria/new", CRITERION).status_code == 403
