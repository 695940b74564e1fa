import pytest
from django.utils.html import strip_tags

from fund.tests.factories import QuestionFactory, RoundFactory
from fund.workflow import RoundStatus

pytestmark = pytest.mark.django_db


def url(slug: str) -> str:
    return f"/api/v1/fund/rounds/{slug}"


def test_it_gives_a_published_round_by_its_id(client):
    RoundFactory(
        name="Local Digital Fund 2026",
        slug="ldf-round-9",
        summary="£5 million for councils to work together.",
        guidance="## What we fund\n\nCouncils **working together**.",
        budget=5_000_000,
    )

    answer = client.get(url("ldf-round-9"))

    assert answer.status_code == 200
    record = answer.json()
    assert record["id"] == "ldf-round-9"
    assert record["name"] == "Local Digital Fund 2026"
    assert record["summary"] == "£5 million for councils to work together."
    assert record["guidance"] == "## What we fund\n\nCouncils **working together**."
    assert (record["stage"], record["stage_label"]) == ("eoi_open", "Open for expressions of interest")
    assert record["url"] == "http://testserver/fund/ldf-round-9"


def test_it_words_who_can_apply_as_the_round_page_does(client):
    RoundFactory(slug="ldf-round-9", min_signatory_authorities=3, max_bids_led=1, publish_eois_after_close=True)

    rules = client.get(url("ldf-round-9")).json()["eligibility"]

    assert rules[0].startswith("A local authority must lead each bid.")
    assert "Each bid needs at least 3 local authorities that have signed the declaration" in rules[2]
    assert rules[3] == "One organisation can lead up to 1 bid in this round."
    assert len(rules) == 5
    page_text = " ".join(strip_tags(client.get("/fund/ldf-round-9").content.decode()).split())
    for rule in rules:
        assert rule in page_text


def test_it_leaves_out_the_rules_a_round_does_not_set(client):
    RoundFactory(
        slug="ldf-round-1",
        lead_must_be_local_authority=False,
        lead_must_be_signatory=False,
        min_signatory_authorities=0,
        publish_eois_after_close=False,
    )

    assert client.get(url("ldf-round-1")).json()["eligibility"] == [
        "Any public sector organisation can lead a bid, and any can be a partner.",
        "One organisation can lead up to 2 bids in this round.",
    ]


def test_it_gives_published_questions_but_never_who_asked(client, open_data):
    round_ = open_data.objects["round"]
    asker = open_data.person(email="kim.asker@leeds.gov.uk", full_name="Kim Askerton")
    QuestionFactory(
        round=round_,
        asked_by=asker,
        published=True,
        text="Kim Askerton from Leeds here: can we bid with York?",
        published_question="Can a city council bid with a neighbouring council?",
    )

    answer = client.get(url(round_.slug))

    assert [question["question"] for question in answer.json()["questions"]] == [
        "Can a city council bid with a neighbouring council?"
    ]
    content = answer.content.decode()
    assert "Leeds here" not in content
    for personal in open_data.names | open_data.emails:
        assert personal not in content


def test_a_draft_round_is_not_found(client):
    RoundFactory(slug="ldf-round-10", status=RoundStatus.DRAFT)

    answer = client.get(url("ldf-round-10"))

    assert answer.status_code == 404
    assert answer.json()["message"] == "No round has the id ldf-round-10"


def test_an_unknown_round_is_not_found(client):
    assert client.get(url("ldf-round-99")).status_code == 404


def test_it_refuses_an_id_that_cannot_be_a_round(client):
    answer = client.get(url("round%209"))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["parameter"] == "id"
