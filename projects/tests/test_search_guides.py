import pytest

from guides.models import Guide
from guides.tests.factories import GuideFactory, RevisionFactory
from projects.models import OutputType
from projects.search import PAGE_SIZE, search
from projects.tests.factories import OutputFactory, ProjectFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def found(q, **filters) -> list[tuple[str, str]]:
    return [(result.kind, result.item.title) for result in search(q, **filters).object_list]


def show(guide: Guide, revision) -> None:
    guide.current_revision = revision
    guide.save(update_fields=["current_revision", "updated_at"])


def test_it_ranks_guides_with_projects_updates_and_outputs():
    project = ProjectFactory(title="Housing repairs", summary="Tenants report repairs.", problem="Phoning again.")
    UpdateFactory(project=project, title="What tenants told us", body="Tenants want to book **repairs** online.")
    OutputFactory(project=project, title="Repairs service pattern", description="How to let tenants book repairs.")
    GuideFactory(title="Booking repairs online", body="## Before you start\n\nAsk tenants how they report repairs.")
    GuideFactory(title="Writing weeknotes", body="Write every Friday.")

    assert sorted(found("repairs")) == [
        ("guide", "Booking repairs online"),
        ("output", "Repairs service pattern"),
        ("project", "Housing repairs"),
        ("update", "What tenants told us"),
    ]


def test_it_puts_a_guide_whose_title_matches_first():
    # The project and the update say "bin collections" more often, and in weightier places.
    ProjectFactory(
        title="Open data on bin collections",
        summary="Bin collections data, bin collections rounds and bin collections days.",
        problem="Bin collections. " * 20,
    )
    UpdateFactory(title="Weeknote 4: bin collections", body="Bin collections " * 30)
    GuideFactory(title="Bin collections", body="Publish each round's **collection** day as open data.")

    assert found("bin collections")[0] == ("guide", "Bin collections")
    assert found("  Bin Collections ")[0] == ("guide", "Bin collections")


def test_it_ranks_a_guide_with_the_words_in_its_title_above_one_with_them_in_its_text():
    GuideFactory(title="Writing weeknotes", body="Publish your accessibility statement in your weeknote.")
    GuideFactory(title="Writing an accessibility statement", body="Start from the model statement.")

    assert found("accessibility statement") == [
        ("guide", "Writing an accessibility statement"),
        ("guide", "Writing weeknotes"),
    ]


def test_it_searches_only_the_text_of_the_current_revision():
    guide = GuideFactory(title="Using UPRNs", body="Join records on the zeppelin identifier.")
    show(guide, RevisionFactory(guide=guide, number=2, body="Join records on the unique property reference."))

    assert found("zeppelin") == []
    assert found("property reference") == [("guide", "Using UPRNs")]


def test_it_never_finds_the_words_of_a_hidden_revision():
    guide = GuideFactory(title="Cyber incident playbook", body="Call the duty officer on the shared number.")
    first = guide.current_revision
    vandalised = RevisionFactory(guide=guide, number=2, body="Call Jo on her personal mobile, 07700 900123.")
    show(guide, vandalised)
    assert found("personal mobile") == [("guide", "Cyber incident playbook")]

    # Staff hide the revision; the guide shows the newest visible one again.
    vandalised.is_hidden = True
    vandalised.save(update_fields=["is_hidden"])
    assert found("personal mobile") == []
    show(guide, first)

    assert found("personal mobile") == []
    assert found("duty officer") == [("guide", "Cyber incident playbook")]


def test_it_leaves_out_a_guide_whose_current_revision_is_hidden():
    guide = GuideFactory(title="Running a show and tell", body="Show the thing.")
    guide.current_revision.is_hidden = True
    guide.current_revision.save(update_fields=["is_hidden"])

    assert found("show and tell") == []


def test_it_follows_renames_and_deletion():
    guide = GuideFactory(title="Agile governance", body="Councillors see working software.")

    guide.title = "Agile governance for councillors"
    guide.save()
    assert found("governance councillors") == [("guide", "Agile governance for councillors")]

    guide.delete()
    assert found("governance") == []


def test_it_leaves_guides_out_when_only_outputs_are_wanted():
    GuideFactory(title="Publishing open data on bin collections", body="Use the open standard.")
    OutputFactory(title="Bin collection schedule", description="Open data.", output_type=OutputType.DATA_STANDARD)

    assert found("bin collection", output_type=OutputType.DATA_STANDARD) == [("output", "Bin collection schedule")]


def test_it_shows_a_guide_summary_from_its_current_text_without_link_brackets():
    GuideFactory(
        title="Using UPRNs",
        body="## Why\n\nA **UPRN** joins records about one place. See [[Publishing open data on bin collections]].",
    )

    [result] = search("uprn").object_list

    assert result.label == "Guide"
    assert result.project is None
    assert result.summary == "Why A UPRN joins records about one place. See Publishing open data on bin collections."


def test_it_loads_a_page_of_guides_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    for number in range(PAGE_SIZE + 5):
        GuideFactory(title=f"Repairs guide {number}", body=f"Repairs, chapter {number}.")
        ProjectFactory(title=f"Repairs project {number}")

    # Count, page, projects and their outputs, guides with their current revisions.
    with django_assert_max_num_queries(5):
        first = search("repairs", page=1)
        summaries = [result.summary for result in first]

    assert len(summaries) == PAGE_SIZE
    assert first.paginator.count == 2 * (PAGE_SIZE + 5)
