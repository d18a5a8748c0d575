"""The alignment stage on the session build: its own named graph, valid, and a bad alignment
graph is caught by the shapes the build validates it with."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph_build.alignment import alignment_of
from graph_build.ontology import load_shapes
from graph_build.validation import validate
from graph_build.writer import nquad_lines
from mappings.rdf import iri

DOKG = iri.DOKG


def _store(built_dir: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(built_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def test_alignment_is_its_own_named_graph_and_only_there(built_dir: Path) -> None:
    store = _store(built_dir)
    rel = ox.NamedNode(str(DOKG.PledgeRelation))
    a = ox.NamedNode(str(RDF.type))
    graphs = {q.graph_name.value for q in store.quads_for_pattern(None, a, rel)}
    assert graphs == {str(iri.GRAPH_ALIGNMENT)}
    claims = list(store.quads_for_pattern(None, a, ox.NamedNode(str(DOKG.ProgressClaim))))
    assert claims and {q.graph_name.value for q in claims} == {str(iri.GRAPH_ALIGNMENT)}


def test_recomputing_from_the_build_gives_the_same_graph(built_dir: Path) -> None:
    store = _store(built_dir)
    written = {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(iri.GRAPH_ALIGNMENT)))
    }
    # the stage reads only document, inferred and reference graphs: drop its own output first
    store.remove_graph(ox.NamedNode(str(iri.GRAPH_ALIGNMENT)))
    lines = nquad_lines([(iri.GRAPH_ALIGNMENT, alignment_of(store))])
    recomputed = ox.Store()
    recomputed.load("".join(lines), format=ox.RdfFormat.N_QUADS)
    again = {(q.subject.value, q.predicate.value, q.object.value) for q in recomputed}
    assert written == again and len(written) > 1000


def test_the_built_alignment_conforms_and_a_broken_one_does_not(built_dir: Path) -> None:
    store = _store(built_dir)
    store.remove_graph(ox.NamedNode(str(iri.GRAPH_ALIGNMENT)))
    graph = alignment_of(store)
    shapes = load_shapes("data")
    assert validate(graph, shapes).conforms
    node = next(iter(graph.subjects(RDF.type, DOKG.PledgeRelation)))
    graph.set((node, DOKG.score, Literal("1.7", datatype=XSD.decimal)))
    report = validate(graph, shapes)
    assert not report.conforms
    assert {(v.focus, v.path) for v in report.violations} == {(str(node), str(DOKG.score))}
    assert isinstance(node, URIRef)
