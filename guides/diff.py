"""What changed between two revisions' text, line by line: each line added, removed or left as
it was. Long runs of unchanged lines fold away, keeping a few either side of each change so it
reads in place. The template (guides/reading/_diff.html) marks lines with <ins> and <del> and
says "Added" or "Removed" in words, so no one depends on colour to tell them apart."""

import difflib
from dataclasses import dataclass

ADDED = "added"
REMOVED = "removed"
UNCHANGED = "unchanged"
FOLDED = "folded"

# Unchanged lines shown either side of a change.
CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffLine:
    kind: str
    text: str
    # Its number in the old text and in the new one (None where it is not in that text).
    old_number: int | None
    new_number: int | None


@dataclass(frozen=True)
class FoldedLines:
    """Unchanged lines left out of view."""

    count: int
    kind: str = FOLDED


@dataclass(frozen=True)
class Comparison:
    rows: list[DiffLine | FoldedLines]
    added: int
    removed: int

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed)


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """Every line of both texts in reading order: where a passage was replaced, its old lines
    come before its new ones."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    # Without autojunk, lines that recur often (blank ones) still match in long guides.
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            lines += [
                DiffLine(UNCHANGED, old_lines[old_start + offset], old_start + offset + 1, new_start + offset + 1)
                for offset in range(old_end - old_start)
            ]
            continue
        lines += [DiffLine(REMOVED, old_lines[i], i + 1, None) for i in range(old_start, old_end)]
        lines += [DiffLine(ADDED, new_lines[i], None, i + 1) for i in range(new_start, new_end)]
    return lines


def compare(old: str, new: str, *, context: int = CONTEXT_LINES) -> Comparison:
    """The changes from `old` to `new`, with at most `context` unchanged lines either side of
    each change and the rest folded."""
    lines = diff_lines(old, new)
    changed = [index for index, line in enumerate(lines) if line.kind != UNCHANGED]
    shown: set[int] = set()
    for index in changed:
        shown.update(range(max(0, index - context), min(len(lines), index + context + 1)))
    rows: list[DiffLine | FoldedLines] = []
    folded: list[DiffLine] = []
    for index, line in enumerate(lines):
        if index in shown:
            rows += _fold(folded)
            folded = []
            rows.append(line)
        else:
            folded.append(line)
    if changed:
        rows += _fold(folded)
    return Comparison(
        rows=rows,
        added=sum(1 for line in lines if line.kind == ADDED),
        removed=sum(1 for line in lines if line.kind == REMOVED),
    )


def _fold(lines: list[DiffLine]) -> list[DiffLine | FoldedLines]:
    # A single line takes no more room than saying it was left out.
    if len(lines) == 1:
        return [lines[0]]
    return [FoldedLines(len(lines))] if lines else []
