"""The gold set as data: complete, well-formed, anchored in the text, and its test half frozen."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction.annotations import quote_at_line, read_rows
from bench.extraction.split import Split, sha256

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD_FILES = sorted((HERE / "gold").glob("*/*.tsv"))
PASS_FILES = sorted((HERE / "passes").glob("*/*.tsv"))
SPLIT = Split.read(HERE / "split.toml")


def _registered_documents() -> set[str]:
    from mappings.registry import load_registry

    return {document.id for document in load_registry()}


def test_the_globs_are_not_empty() -> None:
    assert GOLD_FILES and PASS_FILES


def test_every_registered_document_has_gold_in_both_halves_and_two_passes() -> None:
    for doc in _registered_documents():
        for half in ("dev", "test"):
            assert (HERE / "gold" / half / f"{doc}.tsv").is_file(), (half, doc)
        for annotator in ("a", "b"):
            assert (HERE / "passes" / annotator / f"{doc}.tsv").is_file(), (annotator, doc)


@pytest.mark.parametrize("path", GOLD_FILES + PASS_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_rows_quote_occurs_at_its_line(path: Path) -> None:
    lines = (ROOT / "corpus" / f"{path.stem}.txt").read_text(encoding="utf-8").splitlines()
    rows = read_rows(path, path.stem)
    assert rows
    misplaced = [row.source for row in rows if not quote_at_line(row, lines)]
    assert not misplaced


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_rows_lie_in_their_half(path: Path) -> None:
    half = path.parent.name
    rows = read_rows(path, path.stem)
    outside = [r.source for r in rows if SPLIT.half_of(r.doc, r.line_start) != half]
    assert not outside


def test_test_half_is_frozen_as_recorded() -> None:
    test_files = sorted((HERE / "gold" / "test").glob("*.tsv"))
    assert SPLIT.date and test_files
    assert {p.name: sha256(p) for p in test_files} == SPLIT.frozen
