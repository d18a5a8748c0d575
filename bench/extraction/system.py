"""The built graph's statements, read with the SPARQL in ``sparql/`` into typed records.

The evaluation scores what users query, so it reads the dump the build wrote (all graphs, the
inferred one included), not the mapping code's intermediate records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

SPARQL = Path(__file__).resolve().parent / "sparql"
ACTOR = "https://w3id.org/dortmund-kg/id/actor/"


@dataclass(frozen=True)
class SystemTarget:
    value: Decimal | None
    unit: str
    comparison: str
    year: int | None
    period: str


@dataclass
class SystemStatement:
    """One statement as the graph holds it."""

    iri: str
    doc: str
    line_start: int
    line_end: int
    verbatim: str
    normalised: str
    pledge: bool
    modality: str
    explicit: set[str] = field(default_factory=set)
    implicit: set[str] = field(default_factory=set)
    targets: list[SystemTarget] = field(default_factory=list)
    places: dict[str, set[str]] = field(default_factory=dict)  # place IRI → its names

    @property
    def quote(self) -> str:
        return self.verbatim


def _value(term: object | None) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def _select(store: ox.Store, name: str) -> list[dict[str, str]]:
    query = (SPARQL / f"{name}.rq").read_text(encoding="utf-8")
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    return [{v: _value(row[v]) for v in variables} for row in solutions]


def open_dump(dataset: Path) -> ox.Store:
    """An in-memory store of the build's N-Quads dump."""
    store = ox.Store()
    store.bulk_load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
    return store


def read_statements(store: ox.Store) -> list[SystemStatement]:
    """All statements with their companies, targets and places, in document order."""
    statements: dict[str, SystemStatement] = {}
    for row in _select(store, "statements"):
        statements[row["statement"]] = SystemStatement(
            iri=row["statement"],
            doc=row["document"].rsplit("/", 1)[-1],
            line_start=int(row["lineStart"]),
            line_end=int(row["lineEnd"]),
            verbatim=row["verbatim"],
            normalised=row["normalised"] or row["verbatim"],
            pledge=row["pledge"] == "true",
            modality=row["modality"].rsplit("/", 1)[-1] if row["modality"] else "",
        )
    for row in _select(store, "statement-companies"):
        found = statements.get(row["statement"])
        if found is not None:
            slug = row["company"].removeprefix(ACTOR)
            (found.explicit if row["how"] == "explicit" else found.implicit).add(slug)
    for row in _select(store, "statement-targets"):
        found = statements.get(row["statement"])
        if found is not None:
            found.targets.append(
                SystemTarget(
                    Decimal(row["quantity"]) if row["quantity"] else None,
                    row["unit"],
                    row["comparison"] or "exactly",
                    int(row["year"]) if row["year"] else None,
                    row["period"],
                )
            )
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _select(store, "statement-places"):
        names[(row["statement"], row["place"])].add(row["name"])
    for (statement, place), labels in names.items():
        found = statements.get(statement)
        if found is not None:
            found.places[place] = labels
    return sorted(statements.values(), key=lambda s: (s.doc, s.line_start, s.iri))


def name_lexicon(store: ox.Store) -> set[str]:
    """Every word of every label in the graph (names are not OCR residue)."""
    words: set[str] = set()
    for row in _select(store, "name-lexicon"):
        words.update(w.casefold() for w in row["name"].replace("-", " ").split())
    return words
