"""The annotated sets are well-formed: they still match the corpus and name known things."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF

from mappings.rdf import iri
from mappings.reference.load import reference_graph

HERE = Path(__file__).parent
CORPUS = HERE.parents[1] / "corpus"
SETS = sorted(HERE.glob("linking-*.jsonl"))
DOCUMENTS = {p.stem for p in CORPUS.glob("*.txt")}


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_both_sets_exist() -> None:
    assert {p.name for p in SETS} == {"linking-devset.jsonl", "linking-heldout.jsonl"}


def test_development_set_has_150_statements_from_all_five_documents() -> None:
    rows = _rows(HERE / "linking-devset.jsonl")
    assert len(rows) >= 150
    assert {r["doc"] for r in rows} == DOCUMENTS


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in SETS])
def test_every_item_still_matches_its_source_lines(path: Path) -> None:
    seen: set[tuple[object, object, object]] = set()
    for row in _rows(path):
        lines = (CORPUS / f"{row['doc']}.txt").read_text(encoding="utf-8").split("\n")
        first, last = int(row["line_start"]), int(row["line_end"])  # type: ignore[call-overload]
        assert 1 <= first <= last <= len(lines)
        text = " ".join(lines[n - 1].strip() for n in range(first, last + 1))
        assert text.startswith(str(row["snippet"])), (row["doc"], first)
        key = (row["doc"], first, last)
        assert key not in seen, f"duplicate item {key}"
        seen.add(key)


def test_no_item_is_in_both_sets() -> None:
    def keys(path: Path) -> set[tuple[object, object]]:
        return {(r["doc"], r["line_start"]) for r in _rows(path)}

    assert not keys(HERE / "linking-devset.jsonl") & keys(HERE / "linking-heldout.jsonl")


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in SETS])
def test_annotations_name_things_in_the_reference_data(path: Path) -> None:
    graph = reference_graph()
    for row in _rows(path):
        for slug in [*row["explicit_actors"], *row["implicit_actors"]]:  # type: ignore[misc]
            assert (iri.actor(slug), RDF.type, None) in graph, slug
        for slug in row["places"]:  # type: ignore[attr-defined]
            assert (iri.place(slug), RDF.type, None) in graph, slug
        assert not set(row["explicit_actors"]) & set(row["implicit_actors"])  # type: ignore[arg-type]
