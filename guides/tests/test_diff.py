from hypothesis import given
from hypothesis import strategies as st

from guides.diff import ADDED, FOLDED, REMOVED, UNCHANGED, DiffLine, FoldedLines, compare, diff_lines


def kinds_and_texts(lines) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in lines]


def test_it_marks_each_line_added_removed_or_unchanged():
    old = "## Before\nBook a room.\nRecruit five people."
    new = "## Before\nBook a quiet room.\nRecruit five people.\nPay them for their time."

    assert kinds_and_texts(diff_lines(old, new)) == [
        (UNCHANGED, "## Before"),
        (REMOVED, "Book a room."),
        (ADDED, "Book a quiet room."),
        (UNCHANGED, "Recruit five people."),
        (ADDED, "Pay them for their time."),
    ]


def test_it_numbers_lines_as_they_are_in_each_text():
    lines = diff_lines("one\ntwo\nthree", "one\nthree\nfour")

    assert lines == [
        DiffLine(UNCHANGED, "one", 1, 1),
        DiffLine(REMOVED, "two", 2, None),
        DiffLine(UNCHANGED, "three", 3, 2),
        DiffLine(ADDED, "four", None, 3),
    ]


def test_it_treats_windows_line_endings_like_any_other():
    assert {line.kind for line in diff_lines("one\r\ntwo\r\n", "one\ntwo\n")} == {UNCHANGED}


def test_it_matches_repeated_blank_lines_in_a_long_text():
    # difflib's "autojunk" would treat lines repeated this often as noise and call the
    # whole text changed.
    paragraphs = [f"Paragraph {n}." for n in range(300)]
    old = "\n\n".join(paragraphs)
    new = "\n\n".join([*paragraphs[:150], "A new paragraph.", *paragraphs[150:]])

    comparison = compare(old, new)

    assert (comparison.added, comparison.removed) == (2, 0)


def test_it_folds_long_runs_of_unchanged_lines_keeping_three_either_side_of_a_change():
    old = "\n".join(f"Line {n}" for n in range(1, 21))
    new = old.replace("Line 10", "Line ten")

    rows = compare(old, new).rows

    assert rows[0] == FoldedLines(6)
    assert [row.text for row in rows[1:4]] == ["Line 7", "Line 8", "Line 9"]
    assert kinds_and_texts(rows[4:6]) == [(REMOVED, "Line 10"), (ADDED, "Line ten")]
    assert [row.text for row in rows[6:9]] == ["Line 11", "Line 12", "Line 13"]
    assert rows[9] == FoldedLines(7)
    assert len(rows) == 10


def test_it_shows_a_single_unchanged_line_rather_than_folding_it():
    old = "\n".join(f"Line {n}" for n in range(1, 10))
    new = old.replace("Line 1\n", "Line one\n").replace("Line 9", "Line nine")

    rows = compare(old, new).rows

    assert FOLDED not in {row.kind for row in rows}
    assert [row.text for row in rows if row.kind == UNCHANGED] == [f"Line {n}" for n in range(2, 9)]


def test_it_counts_the_lines_added_and_removed():
    comparison = compare("a\nb\nc", "a\nB\nc\nd\ne")

    assert (comparison.added, comparison.removed) == (3, 1)
    assert comparison.has_changes


def test_it_finds_nothing_to_show_between_identical_texts():
    comparison = compare("Same\ntext", "Same\ntext")

    assert not comparison.has_changes
    assert comparison.rows == []


def test_it_compares_with_an_empty_text():
    assert kinds_and_texts(compare("", "New guide").rows) == [(ADDED, "New guide")]
    assert kinds_and_texts(compare("Old guide", "").rows) == [(REMOVED, "Old guide")]


lines_of_text = st.lists(st.sampled_from(["", "## Heading", "Book a room.", "Pay people.", "| a | b |"]), max_size=30)


@given(old=lines_of_text, new=lines_of_text)
def test_it_keeps_every_line_of_both_texts_in_order(old, new):
    lines = diff_lines("\n".join(old), "\n".join(new))

    assert [line.text for line in lines if line.kind != ADDED] == "\n".join(old).splitlines()
    assert [line.text for line in lines if line.kind != REMOVED] == "\n".join(new).splitlines()


@given(old=lines_of_text, new=lines_of_text)
def test_it_folds_only_unchanged_lines(old, new):
    full = diff_lines("\n".join(old), "\n".join(new))
    comparison = compare("\n".join(old), "\n".join(new))

    shown = [row for row in comparison.rows if row.kind != FOLDED]
    folded = sum(row.count for row in comparison.rows if row.kind == FOLDED)
    assert [row for row in full if row.kind != UNCHANGED] == [row for row in shown if row.kind != UNCHANGED]
    if comparison.has_changes:
        assert len(shown) + folded == len(full)
