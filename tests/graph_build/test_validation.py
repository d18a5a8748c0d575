"""Validation shared out among processes changes nothing: the same findings, violations still
reported, and a failing process fails the build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from graph_build import validation
from graph_build.errors import BuildError
from graph_build.ontology import load_shapes
from graph_build.validation import shape_groups, validate
from mappings.rdf.iri import DOKG
from tests.graph_build.test_shapes import INVALID, load_fixture

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes("data")


@pytest.fixture(scope="module")
def real_data() -> Graph:
    """The data graph the build validates for one real document (it has warnings)."""
    from graph_build import pipeline
    from mappings.registry import load_registry

    (info,) = [d for d in load_registry() if d.id == "2021-gruene-cdu-leitlinien"]
    ctx = pipeline.BuildContext.load()
    source, parsed = pipeline.parse_document(ROOT / "corpus", info)
    graph = pipeline.map_document(info, source, parsed)
    pipeline.link_document(info, parsed, graph)
    inferred = ctx.reasoner.infer(graph)
    return pipeline._union(graph, ctx.reference, ctx.reasoner.reference_inferred, inferred)


@pytest.mark.parametrize("processes", [2, 3])
def test_shared_out_shapes_find_the_same_on_a_real_document(
    real_data: Graph, shapes: Graph, processes: int
) -> None:
    one = validate(real_data, shapes)
    assert one.findings, "the document is expected to have warnings"
    assert validate(real_data, shapes, processes=processes).findings == one.findings


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in INVALID])
def test_shared_out_shapes_report_every_violation(path: Path, shapes: Graph) -> None:
    data = load_fixture(path).graph
    one = validate(data, shapes)
    assert one.violations
    assert validate(data, shapes, processes=2).findings == one.findings


def test_groups_cover_every_targeted_shape_once(real_data: Graph, shapes: Graph) -> None:
    groups = shape_groups(real_data, shapes, 2)
    assert len(groups) == 2
    named = [s for g in groups for s in (g or [])]
    targeted = {s for s in shapes.subjects(SH.targetClass, None)}
    assert sorted(named) == sorted(targeted)
    assert len(set(named)) == len(named)


def test_a_share_keeps_every_shape_but_only_its_targets(shapes: Graph) -> None:
    statement = URIRef("https://w3id.org/dortmund-kg/def/shapes/StatementShape")
    share = validation.targeting_only(shapes, [statement])
    assert set(share.subjects(SH.targetClass, None)) == {statement}
    assert len(share) == len(shapes) - len(
        [t for t in shapes.triples((None, SH.targetClass, None)) if t[0] != statement]
    )


def test_a_blank_node_shape_with_targets_is_never_shared_out(shapes: Graph) -> None:
    """pySHACL's ``use_shapes`` takes IRIs only, so such a shape could be left out."""
    extra = Graph()
    for t in shapes:
        extra.add(t)
    anonymous = BNode()
    extra.add((anonymous, RDF.type, SH.NodeShape))
    extra.add((anonymous, SH.targetClass, DOKG.Statement))
    assert shape_groups(Graph(), extra, 2) == [None]


def test_a_failing_validation_process_fails_the_build(
    real_data: Graph, shapes: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = validation._findings
    parent = os.getpid()

    def broken(data: Graph, shapes: Graph) -> list[validation.Finding]:
        if os.getpid() != parent:
            raise RuntimeError("boom")
        return original(data, shapes)

    monkeypatch.setattr(validation, "_findings", broken)
    with pytest.raises(BuildError, match="boom"):
        validate(real_data, shapes, processes=2)
