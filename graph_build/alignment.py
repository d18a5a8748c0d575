"""The alignment stage: relations across documents, progress claims and stances, last of all.

It needs every document at once, so it runs after the documents are processed, reads their
graphs back from the dataset's sorted parts into an in-memory Oxigraph store (the queries in
``graph_build/sparql/alignment-*.rq``), runs the pure method of :mod:`mappings.alignment` and
adds the result as the named graph ``…/graph/alignment``, validated on its own against the data
shapes. Inputs and outputs are sorted, so a rebuild writes the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph_build import writer
from graph_build.validation import Finding, validate
from mappings.alignment.method import align
from mappings.alignment.records import StatementView
from mappings.alignment.to_rdf import alignment_graph
from mappings.rdf import iri

SPARQL_DIR = Path(__file__).resolve().parent / "sparql"


def _rows(store: ox.Store, name: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    text = (SPARQL_DIR / f"alignment-{name}.rq").read_text(encoding="utf-8")
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    out = []
    for solution in result:
        row = {}
        for key in names:
            value = solution[key]
            if isinstance(value, (ox.NamedNode, ox.Literal)):
                row[key] = value
        out.append(row)
    return out


def read_statements(store: ox.Store) -> list[StatementView]:
    """Every statement of the store as the alignment method reads it."""
    families: defaultdict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "families"):
        families[row["statement"].value].add(row["family"].value)
    entities: defaultdict[str, set[str]] = defaultdict(set)
    topics: defaultdict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "entities"):
        into = topics if row["kind"].value == "topic" else entities
        into[row["statement"].value].add(row["entity"].value)
    views = []
    for row in _rows(store, "statements"):
        s = row["statement"].value
        views.append(
            StatementView(
                iri=s,
                document=row["document"].value,
                year=int(row["issued"].value[:4]),
                families=frozenset(families[s]),
                modality=row["modality"].value.rsplit("/", 1)[-1],
                is_pledge=row["isPledge"].value == "true",
                text=row["text"].value,
                line_start=int(row["lineStart"].value),
                line_end=int(row["lineEnd"].value),
                targets=int(row["targets"].value),
                entities=frozenset(entities[s]),
                topics=frozenset(topics[s]),
            )
        )
    return sorted(views, key=lambda v: v.iri)


def alignment_of(store: ox.Store) -> Graph:
    """The alignment graph of the statements in ``store``."""
    return alignment_graph(align(read_statements(store)))


def add_alignment(dataset: writer.DatasetWriter, shapes: Graph) -> list[Finding]:
    """Compute the alignment of the dataset's documents, add it, return its SHACL findings."""
    store = ox.Store()
    for paths in dataset.parts.values():
        for path in paths:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    graph = alignment_of(store)
    lines = writer.nquad_lines([(iri.GRAPH_ALIGNMENT, graph)])
    dataset.add(iri.GRAPH_ALIGNMENT, lines)
    return list(validate(graph, shapes).findings)
