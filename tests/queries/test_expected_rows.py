"""Competency questions: every named query has expected rows, read from the real build.

One file per query, ``tests/queries/expected/<name>.json`` (as montolo-voc keeps
``cq-N.sparql.out.json`` beside each question): the parameters, why the rows are right (where
they stand in the source), the rows the answer must contain (each compared on the columns it
names) and, where the text pins it, the exact number of rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
EXPECTED = Path(__file__).parent / "expected"

Run = Callable[..., list[dict[str, object]]]


def test_there_are_named_queries() -> None:
    assert QUERIES


@pytest.mark.parametrize("query", [pytest.param(q, id=q.stem) for q in QUERIES])
def test_every_named_query_has_an_expected_rows_file(query: Path) -> None:
    assert (EXPECTED / f"{query.stem}.json").is_file(), f"write {EXPECTED.name}/{query.stem}.json"


def test_every_expected_rows_file_belongs_to_a_query() -> None:
    assert {p.stem for p in EXPECTED.glob("*.json")} == {q.stem for q in QUERIES}


@pytest.mark.parametrize("query", [pytest.param(q, id=q.stem) for q in QUERIES])
def test_the_answer_holds_the_expected_rows(query: Path, run_named: Run) -> None:
    expected = json.loads((EXPECTED / f"{query.stem}.json").read_text(encoding="utf-8"))
    assert expected["why"] and expected["rows"]
    rows = run_named(query.stem, **expected["params"])
    for want in expected["rows"]:
        assert any({k: row.get(k) for k in want} == want for row in rows), want
    if "count" in expected:
        assert len(rows) == expected["count"]
