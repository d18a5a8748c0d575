"""The third reading: disagreements are listed, and every one must be decided before gold exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction.adjudicate import items, merge, read_decisions
from bench.extraction.annotations import AnnotationError, parse_row


def row(line: int, quote: str, kind: str, modality: str = "", implicit: str = ""):  # type: ignore[no-untyped-def]
    cells = [str(line), str(line), quote, kind, modality, "", implicit, "", "", ""]
    return parse_row("d", cells, "t")


A = [row(1, "Wir wollen mehr Busse", "pledge", "commitment", "dsw21"),
     row(2, "Der Himmel ist blau", "context")]  # fmt: skip
B = [row(1, "Wir wollen mehr Busse", "pledge", "commitment"),
     row(2, "Der Himmel ist blau", "context")]  # fmt: skip


def test_only_disagreements_are_listed() -> None:
    found = items(A, B)
    assert [(item, what) for item, _, _, what in found] == [("d0001", "implicit")]


def test_merge_needs_a_decision_for_every_item() -> None:
    with pytest.raises(AnnotationError):
        merge(A, B, {})


def test_merge_puts_the_decision_in_place_of_the_disputed_rows(tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text(
        "item\taction\tline_start\tline_end\tquote\tkind\tmodality\texplicit\timplicit\t"
        "targets\tplaces\treason\n"
        "d0001\tkeep\t1\t1\tWir wollen mehr Busse\tpledge\tcommitment\t\tdsw21\t\t\t§4: buses\n",
        encoding="utf-8",
    )
    gold = merge(A, B, read_decisions(decisions, "d"))
    assert [(r.line_start, sorted(r.implicit)) for r in gold] == [(1, ["dsw21"]), (2, [])]
    assert "§4" in gold[0].note
