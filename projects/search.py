"""The reuse search: one box over projects, their updates and their outputs, and the community
guides, ranked together.

PostgreSQL ranks with its own full-text search (`django.contrib.postgres.search`, computed at
query time). SQLite, which `make run` uses, ranks with an FTS5 table, `projects_search`, that
migration 0003 creates with triggers on the project, update and output tables (and guides'
migration 0002 on the guide and revision tables): every insert, change or deletion, however it
is made (forms, admin, bulk writes, demo data), reaches the index in the same transaction, so
writers have nothing to call. A guide is searched by its title and the text of its current
revision, and only while that revision is visible: a hidden revision's words are never found.

Both backends read the words the same way (see `parse`): words are all required, `or` between
two words accepts either, `"a phrase"` keeps its words together and `-word` leaves out what
contains it. Titles weigh most, then summaries and descriptions, then bodies; a title that is
exactly the query comes first.
"""

import html
import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Trim
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.markdown import render_markdown
from guides.markdown import WIKI_LINK
from guides.models import Guide
from guides.queries import published_guides
from projects.models import Output, Project, Update

PAGE_SIZE = 20
SUMMARY_WORDS = 40
KINDS = ("project", "update", "output", "guide")
# The words PostgreSQL's English configuration ignores; SQLite indexes them, so they are left
# out of its query too, or "repairs for tenants" would need "for" on SQLite only.
POSTGRES_STOP_WORDS = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves what which who whom this that these
those am is are was were be been being have has had having do does did doing a an the and but if or
because as until while of at by for with about against between into through during before after
above below to from up down in out on off over under again further then once here there when where
why how all any both each few more most other some such no nor not only own same so than too very s
t can will just don should now
"""
STOP_WORDS = frozenset(POSTGRES_STOP_WORDS.split())
# A quoted phrase (its closing quote optional, as people forget it) or a run of non-spaces.
PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Letters and digits: what both databases index as words. Nothing else reaches FTS5's syntax.
WORD = re.compile(r"[^\W_]+")
# SQLite's FTS5 weights for the title, summary and body columns, in the ratio of PostgreSQL's
# default weights for A, B and C (1.0, 0.4, 0.2).
FTS5_WEIGHTS = "5.0, 2.0, 1.0"
POSTGRES_CONFIG = "english"

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Terms:
    """What a query asks for: every group must match (a group is phrases joined by `or`, any
    one of which will do) and no excluded phrase may."""

    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...]

    def fts5(self) -> str:
        """The query in FTS5's syntax. Every phrase is quoted and holds only letters and digits,
        so nobody's input is read as an operator."""

        def quoted(phrase: Phrase) -> str:
            return '"' + " ".join(phrase) + '"'

        expression = " AND ".join("(" + " OR ".join(quoted(phrase) for phrase in group) + ")" for group in self.groups)
        if self.excluded:
            expression += " NOT (" + " OR ".join(quoted(phrase) for phrase in self.excluded) + ")"
        return expression


def parse(text: str) -> Terms:
    """The groups and exclusions in `text`, read as PostgreSQL's `websearch_to_tsquery` reads
    it. A phrase of stop words alone is dropped, as PostgreSQL drops it."""
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    joining = False
    for match in PIECE.finditer(text):
        negated, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            joining = bool(groups)
            continue
        if bare is not None:
            negated, quoted = ("-" if bare.startswith("-") else ""), bare.lstrip("-")
        phrase = tuple(word.lower() for word in WORD.findall(quoted))
        if not phrase or STOP_WORDS.issuperset(phrase):
            continue
        if negated:
            excluded.append(phrase)
        elif joining:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        joining = False
    return Terms(tuple(tuple(group) for group in groups), tuple(excluded))


@dataclass(frozen=True)
class Result:
    """One thing found: a project, an update or an output, with the project it belongs to, or
    a guide, which belongs to no project."""

    kind: str
    item: Any
    project: Project | None

    @property
    def label(self) -> str:
        """What the thing is, in words: "Project", "Weeknote", "Code repository", "Guide"."""
        if self.kind == "project":
            return "Project"
        if self.kind == "guide":
            return "Guide"
        if self.kind == "update":
            return self.item.get_kind_display()
        return self.item.get_output_type_display()

    @property
    def url(self) -> str:
        """Where the thing is: the project's page (updates are listed there), or the output's
        link or file; a guide's page."""
        if self.kind == "guide":
            return self.item.get_absolute_url()
        if self.kind == "output" and self.item.file:
            return reverse("projects:download_output", args=[self.project.slug, self.item.pk])
        if self.kind == "output":
            return self.item.link
        return self.project.get_absolute_url() + ("#updates" if self.kind == "update" else "")

    @property
    def summary(self) -> str:
        if self.kind == "project":
            return self.item.summary
        if self.kind == "update":
            text = html.unescape(strip_tags(render_markdown(self.item.body)))
        elif self.kind == "guide":
            # A `[[Guide title]]` link reads as the title.
            body = re.sub(WIKI_LINK, r"\1", self.item.current_revision.body)
            text = html.unescape(strip_tags(render_markdown(body)))
        else:
            text = self.item.description
        return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def search(q: str, *, output_type: str = "", licence: str = "", page: int | str | None = 1) -> Page:
    """One page of what matches `q`, best first, as `Result`s. With an output type or a
    licence chosen, only outputs match (no project, update or guide has either); with those and
    no words, every such output, newest first. Without words or filters, an empty page."""
    terms = parse(q)
    if terms.groups:
        hits = _ranked_hits(q, terms, output_type=output_type, licence=licence)
    elif (output_type or licence) and not q.strip():
        hits = _newest_outputs(output_type, licence)
    else:
        hits = []
    found = Paginator(hits, PAGE_SIZE).get_page(page)
    found.object_list = _results(list(found.object_list))
    return found


def outputs_matching(outputs: QuerySet[Output], q: str) -> QuerySet[Output]:
    """`outputs` narrowed to those whose title or description matches `q`, read as `search`
    reads it; none when `q` has no words to search for."""
    terms = parse(q)
    if not terms.groups:
        return outputs.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        document = SearchVector("title", "description", config=POSTGRES_CONFIG)
        query = SearchQuery(q, search_type="websearch", config=POSTGRES_CONFIG)
        return outputs.alias(document=document).filter(document=query)
    matches = RawSQL(
        "SELECT object_id FROM projects_search WHERE projects_search MATCH %s AND kind = 'output'", [terms.fts5()]
    )
    return outputs.filter(pk__in=matches)


def _ranked_hits(q: str, terms: Terms, *, output_type: str, licence: str):
    exact_title = q.strip().lower()
    if connection.vendor == "postgresql":
        return _postgres_hits(q, exact_title, output_type=output_type, licence=licence)
    return _Fts5Hits(terms.fts5(), exact_title, output_type=output_type, licence=licence)


def _outputs(output_type: str, licence: str) -> QuerySet[Output]:
    outputs = Output.objects.all()
    if output_type:
        outputs = outputs.filter(output_type=output_type)
    if licence:
        outputs = outputs.filter(licence=licence)
    return outputs


def _newest_outputs(output_type: str, licence: str) -> QuerySet:
    outputs = _outputs(output_type, licence).annotate(result_kind=Value("output"))
    return outputs.order_by("-created_at", "-pk").values_list("result_kind", "pk")


def _postgres_hits(q: str, exact_title: str, *, output_type: str, licence: str) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    query = SearchQuery(q, search_type="websearch", config=POSTGRES_CONFIG)

    def ranked(rows: QuerySet, kind: str, **weighted: str) -> QuerySet:
        vector = None
        for field, weight in weighted.items():
            part = SearchVector(field, weight=weight, config=POSTGRES_CONFIG)
            vector = part if vector is None else vector + part
        exact = Case(When(title_lowered=exact_title, then=1), default=0, output_field=IntegerField())
        return (
            rows.annotate(document=vector, title_lowered=Lower(Trim("title")))
            .filter(document=query)
            .annotate(result_kind=Value(kind), object_id=F("pk"), exact=exact, rank=SearchRank(vector, query))
            .values_list("result_kind", "object_id", "exact", "rank")
        )

    hits = ranked(_outputs(output_type, licence), "output", title="A", description="B")
    if not (output_type or licence):
        projects = ranked(Project.objects.all(), "project", title="A", summary="B", problem="C")
        updates = ranked(Update.objects.all(), "update", title="A", body="C")
        guides = ranked(_searchable_guides(), "guide", title="A", current_revision__body="C")
        hits = projects.union(updates, guides, hits, all=True)
    return hits.order_by("-exact", "-rank", "result_kind", "object_id")


def _searchable_guides() -> QuerySet[Guide]:
    """Guides whose current revision is visible: what SQLite's index holds of them."""
    return published_guides()


class _Fts5Hits:
    """The FTS5 index's matches as something a Paginator can count and slice: each slice is
    one query for one page."""

    def __init__(self, match: str, exact_title: str, *, output_type: str, licence: str):
        conditions, params = ["projects_search MATCH %s"], [match]
        join = ""
        if output_type or licence:
            join = "JOIN projects_output AS o ON projects_search.kind = 'output' AND o.id = projects_search.object_id"
            for column, value in (("output_type", output_type), ("licence", licence)):
                if value:
                    conditions.append(f"o.{column} = %s")
                    params.append(value)
        self._from = f"FROM projects_search {join} WHERE {' AND '.join(conditions)}"
        self._params = params
        self._exact_title = exact_title

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {self._from}", self._params)  # noqa: S608 - no user input in the SQL
            return cursor.fetchone()[0]

    def __getitem__(self, page: slice) -> list[tuple[str, int]]:
        # The exact title compares case-blind in ASCII letters only: SQLite's lower() leaves
        # other letters as they are.
        sql = (
            f"SELECT projects_search.kind, projects_search.object_id {self._from} "  # noqa: S608 - as above
            "ORDER BY lower(trim(projects_search.title)) = %s DESC, "
            f"bm25(projects_search, {FTS5_WEIGHTS}), projects_search.kind, projects_search.object_id "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self._params, self._exact_title, page.stop - page.start, page.start])
            return [(kind, int(object_id)) for kind, object_id in cursor.fetchall()]


def _results(hits: list[tuple]) -> list[Result]:
    """The page's projects, updates, outputs and guides, loaded in one query per kind, in the
    order the search ranked them."""
    wanted: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for kind, object_id, *_ in hits:
        wanted[kind].append(object_id)
    outputs = Output.objects.order_by("output_type", "title", "pk")
    loaded = {
        "project": Project.objects.select_related("lead_organisation").prefetch_related(
            Prefetch("outputs", queryset=outputs)
        ),
        "update": Update.objects.select_related("project__lead_organisation").prefetch_related(
            Prefetch("project__outputs", queryset=outputs)
        ),
        "output": Output.objects.select_related("project__lead_organisation"),
        "guide": _searchable_guides().select_related("current_revision"),
    }
    found = {kind: {item.pk: item for item in loaded[kind].filter(pk__in=ids)} for kind, ids in wanted.items() if ids}
    results = []
    for kind, object_id, *_ in hits:
        item = found[kind].get(object_id)
        if item is not None:
            results.append(Result(kind, item, _project_of(kind, item)))
    return results


def _project_of(kind: str, item) -> Project | None:
    if kind == "project":
        return item
    return None if kind == "guide" else item.project
