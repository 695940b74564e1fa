import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from projects.models import Licence, OutputType, Project
from projects.search import PAGE_SIZE, search
from projects.tests.factories import OutputFactory, ProjectFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def found(q, **filters) -> list[tuple[str, str]]:
    return [(result.kind, result.item.title) for result in search(q, **filters).object_list]


def test_it_puts_an_exact_title_match_first():
    # Every other project mentions bin collection more often, and in more weighty places.
    ProjectFactory(
        title="Bin collection data standard for every council",
        summary="Bin collection data, bin collection rounds and bin collection days.",
        problem="Bin collection. " * 20,
    )
    UpdateFactory(title="Weeknote 3: bin collection collection", body="Bin collection " * 30)
    OutputFactory(title="Bin collection prototype", description="A bin collection prototype for bin collection.")
    ProjectFactory(title="Bin collection", summary="Open data about when bins are emptied.", problem="Missed bins.")

    assert found("bin collection")[0] == ("project", "Bin collection")
    assert found("  BIN COLLECTION ")[0] == ("project", "Bin collection")


def test_it_ranks_a_match_in_the_title_above_one_in_the_body():
    ProjectFactory(title="Planning applications", summary="A shared service.", problem="Waste collection is hard.")
    ProjectFactory(title="Parking permits", summary="Permits online.", problem="Waste collection is slow.")
    ProjectFactory(title="Waste collection rounds", summary="Rounds planned well.", problem="Crews drive too far.")

    results = found("waste collection")

    assert len(results) == 3
    assert results[0] == ("project", "Waste collection rounds")


def test_it_ranks_projects_updates_and_outputs_together():
    project = ProjectFactory(title="Housing repairs", summary="Tenants report repairs.", problem="Phoning again.")
    UpdateFactory(project=project, title="What tenants told us", body="Tenants want to book **repairs** online.")
    OutputFactory(project=project, title="Repairs service pattern", description="How to let tenants book repairs.")
    ProjectFactory(title="Parking permits", summary="Permits online.", problem="Paper forms.")

    assert sorted(found("repairs")) == [
        ("output", "Repairs service pattern"),
        ("project", "Housing repairs"),
        ("update", "What tenants told us"),
    ]


def test_it_finds_other_forms_of_a_word():
    ProjectFactory(title="Repairing homes", summary="Tenants report repairs.", problem="Phoning again.")

    assert found("repair") == [("project", "Repairing homes")]


def test_it_reads_phrases_alternatives_and_exclusions():
    ProjectFactory(title="Council tax reminders", summary="Letters.", problem="Residents forget.")
    ProjectFactory(title="Tax on council houses", summary="Letters.", problem="Residents forget.")
    ProjectFactory(title="Parking permits", summary="Permits online.", problem="Paper forms.")

    assert found('"council tax"') == [("project", "Council tax reminders")]
    assert sorted(found("reminders or parking")) == [
        ("project", "Council tax reminders"),
        ("project", "Parking permits"),
    ]
    assert found("council -reminders") == [("project", "Tax on council houses")]


def test_it_finds_nothing_for_stop_words_or_exclusions_alone():
    ProjectFactory(title="The housing project", summary="For the tenants.", problem="Of the council.")

    assert found("the") == []
    assert found("-parking") == []
    assert search("").paginator.count == 0


def test_it_finds_only_outputs_of_the_chosen_type_and_licence():
    project = ProjectFactory(title="Open repairs", summary="Repairs.", problem="Repairs.")
    OutputFactory(project=project, title="Repairs discovery", description="Repairs.")
    OutputFactory(
        project=project,
        title="Repairs code",
        description="Repairs.",
        output_type=OutputType.CODE,
        repository_url="https://github.com/example/repairs",
        licence=Licence.MIT,
    )
    OutputFactory(
        project=project,
        title="Repairs API",
        description="Repairs.",
        output_type=OutputType.CODE,
        repository_url="https://github.com/example/api",
        licence=Licence.AGPL,
    )

    assert sorted(found("repairs", output_type=OutputType.CODE)) == [
        ("output", "Repairs API"),
        ("output", "Repairs code"),
    ]
    assert found("repairs", output_type=OutputType.CODE, licence=Licence.MIT) == [("output", "Repairs code")]
    assert found("repairs", licence=Licence.OGL) == []


def test_it_lists_every_output_of_a_type_newest_first_without_words():
    OutputFactory(title="Older report")
    OutputFactory(title="Newer report")
    OutputFactory(
        title="Some code",
        output_type=OutputType.CODE,
        repository_url="https://github.com/example/code",
        licence=Licence.MIT,
    )

    assert found("", output_type=OutputType.DISCOVERY_REPORT) == [
        ("output", "Newer report"),
        ("output", "Older report"),
    ]


def test_it_follows_changes_and_deletions():
    project = ProjectFactory(title="Parking permits", summary="Permits.", problem="Paper.")
    update = UpdateFactory(project=project, title="Sprint 1", body="We met residents.")

    Project.objects.filter(pk=project.pk).update(title="Resident parking")
    update.body = "We met drivers."
    update.save()

    assert found("resident") == [("project", "Resident parking")]
    assert found("drivers") == [("update", "Sprint 1")]
    update.delete()
    assert found("drivers") == []
    project.delete()
    assert found("resident") == []


def test_it_pages_through_results_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    for number in range(PAGE_SIZE + 5):
        project = ProjectFactory(title=f"Repairs project {number}")
        UpdateFactory(project=project, title=f"Repairs weeknote {number}")
        OutputFactory(project=project, title=f"Repairs report {number}")

    # Count, page, projects and their outputs, updates and their projects' outputs, outputs.
    with django_assert_max_num_queries(7):
        first = search("repairs", page=1)
        for result in first:
            assert result.label and result.project.lead_organisation.name
            if result.kind != "output":
                assert len(result.project.outputs.all()) == 1

    assert first.paginator.count == 3 * (PAGE_SIZE + 5)
    second = search("repairs", page=2)
    assert not {r.item for r in first.object_list} & {r.item for r in second.object_list}


class TestAnyText(TestCase):
    """Whatever people type, the search answers (SQLite and PostgreSQL alike)."""

    @classmethod
    def setUpTestData(cls):
        project = ProjectFactory(title='Bins "and" -OR* NEAR(x)', summary="Repairs: council's e-mail.")
        UpdateFactory(project=project, title="AND OR NOT", body="^ * : + - ( ) { } 'quoted'")
        OutputFactory(project=project, title="Café Zürich", description="naïve résumé")

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200))
    def test_it_answers_any_text(self, text):
        page = search(text)

        assert len(page.object_list) <= page.paginator.count
