import pytest

from core.models import AuditEvent
from fund.tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def url(round_) -> str:
    return f"/manage/fund/{round_.slug}/eligibility"


@pytest.fixture
def staff(client, moderator, sign_in_verified):
    return sign_in_verified(moderator)


RULES = {
    "lead_must_be_local_authority": "yes",
    "lead_must_be_signatory": "yes",
    "min_signatory_authorities": "3",
    "max_bids_led": "2",
    "publish_eois_after_close": "yes",
}


def test_it_sets_the_rounds_rules(staff):
    round_ = RoundFactory(min_signatory_authorities=2, publish_eois_after_close=False)

    response = staff.post(url(round_), RULES)

    round_.refresh_from_db()
    assert response.url == f"/manage/fund/{round_.slug}"
    assert (round_.min_signatory_authorities, round_.publish_eois_after_close) == (3, True)
    assert AuditEvent.objects.get(action="fund.round_eligibility_changed").changes == {
        "min_signatory_authorities": [2, 3],
        "publish_eois_after_close": [False, True],
    }


def test_it_shows_the_current_rules(staff):
    page = staff.get(url(RoundFactory(max_bids_led=2, lead_must_be_signatory=False))).content.decode()
    assert 'name="max_bids_led" value="2"' in page
    assert 'value="no" class="govuk-radios__input" id="id_lead_must_be_signatory_1" required checked' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_bids_led", "0", "Enter 1 or more bids"),
        ("min_signatory_authorities", "two", "Enter the fewest signatory local authorities as a number, like 2"),
        ("publish_eois_after_close", "", "Select yes to publish the expressions of interest once they close"),
    ],
)
def test_it_says_what_to_fix(staff, field, value, message):
    round_ = RoundFactory()
    page = staff.post(url(round_), RULES | {field: value}).content.decode()
    assert message in page
    assert "<title>Error: " in page
    assert not AuditEvent.objects.exists()
