"""The default validation (rudof finds the nodes, pySHACL validates their forward closure)
gives pySHACL's findings over the whole data: on every real document and every fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from graph_build import writer
from graph_build.ontology import load_shapes
from graph_build.shacl_scope import forward_closure, reported_nodes, scopable
from graph_build.validation import validate, validate_scoped
from mappings.rdf import iri
from tests.graph_build.test_shapes import INVALID, VALID, load_fixture

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes("data")


@pytest.fixture(scope="module")
def context():  # type: ignore[no-untyped-def]
    from graph_build import pipeline

    return pipeline.BuildContext.load()


def _ntriples(data: Graph) -> str:
    return writer.ntriples(writer.nquad_lines([(iri.GRAPH_BUILD, data)]))


def _real_documents() -> list[str]:
    from mappings.registry import load_registry

    ids = [d.id for d in load_registry()]
    assert ids
    return ids


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", _real_documents())
def test_scoped_validation_finds_what_pyshacl_finds_on_a_real_document(
    doc_id: str, context: object
) -> None:
    from graph_build import pipeline
    from mappings.registry import load_registry

    ctx: pipeline.BuildContext = context  # type: ignore[assignment]
    (info,) = [d for d in load_registry() if d.id == doc_id]
    source, parsed = pipeline.parse_document(ROOT / "corpus", info)
    graph = pipeline.map_document(info, source, parsed)
    pipeline.link_document(info, parsed, graph)
    inferred = ctx.reasoner.infer(graph)
    lines = writer.nquad_lines([(iri.GRAPH_BUILD, graph), (iri.GRAPH_INFERRED, inferred)])
    data = pipeline._union(graph, ctx.reference, ctx.reasoner.reference_inferred, inferred)
    assert reported_nodes(_ntriples(data), ctx.shapes_turtle) is not None  # rudof ran
    fast = ctx.validate(lambda: data, lines, reference_engines=False)
    assert fast == list(validate(data, ctx.shapes).findings)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in INVALID + VALID])
def test_scoped_validation_finds_what_pyshacl_finds_on_every_fixture(
    path: Path, shapes: Graph
) -> None:
    data = load_fixture(path).graph
    turtle = shapes.serialize(format="turtle")
    assert reported_nodes(_ntriples(data), turtle) is not None
    full = validate(data, shapes)
    scoped = validate_scoped(data, shapes, ntriples=_ntriples(data), shapes_turtle=turtle)
    assert scoped.findings == full.findings
    assert bool(full.violations) == (path in INVALID)


def test_the_project_shapes_can_be_scoped(shapes: Graph) -> None:
    assert scopable(shapes)


def test_a_shape_reading_backwards_is_validated_whole(shapes: Graph) -> None:
    extra = Graph()
    for t in shapes:
        extra.add(t)
    extra.add((URIRef("urn:x:shape"), SH.inversePath, URIRef("urn:x:p")))
    assert not scopable(extra)


def test_the_forward_closure_follows_links_but_not_back() -> None:
    a, b, c, p = (URIRef(f"urn:x:{n}") for n in "abcp")
    data = Graph()
    data.add((a, p, b))
    data.add((b, p, c))
    data.add((c, p, a))  # a cycle ends
    data.add((URIRef("urn:x:d"), p, a))  # pointing in: not part of a's closure
    assert set(forward_closure(data, [b])) == {(a, p, b), (b, p, c), (c, p, a)}
