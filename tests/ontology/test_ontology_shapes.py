"""Tests of ``ontology/shapes/ontology-shapes.ttl``, the SHACL shapes that check the ontology.

Every fixture in ``invalid/`` says in ``# expect: <focus> <path> <source shape>`` lines which
results pySHACL must report, read from the report graph (sh:focusNode, sh:resultPath,
sh:sourceShape), never from its text. ``[]`` as focus stands for a blank node, ``-`` as path
for a node-level result without sh:resultPath. Each fixture must produce exactly the results it
lists, so a fixture cannot pass by failing for some other reason, and every property shape of
the file must be exercised by at least one fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES = ONTOLOGY_DIR / "shapes" / "ontology-shapes.ttl"
HERE = Path(__file__).resolve().parent
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
ONTOLOGY_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
DOKGSH = Namespace("https://w3id.org/dortmund-kg/shapes/")

ANY_BNODE = BNode("any-blank-node")
NO_PATH = URIRef("urn:dortmund-kg:test:no-path")

Result = tuple[URIRef | BNode, URIRef, URIRef]


def _shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _report(data: Graph) -> tuple[bool, Graph]:
    conforms, report, _text = validate(data, shacl_graph=_shapes())
    assert isinstance(report, Graph)
    return bool(conforms), report


def _results(report: Graph) -> set[Result]:
    found: set[Result] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        shape = report.value(result, SH.sourceShape)
        assert isinstance(shape, URIRef), f"anonymous source shape {shape!r}"
        found.add((
            ANY_BNODE if isinstance(focus, BNode) else URIRef(str(focus)),
            NO_PATH if path is None else URIRef(str(path)),
            shape,
        ))
    return found


def _expected(path: Path, graph: Graph) -> set[Result]:
    def term(token: str) -> URIRef | BNode:
        if token == "[]":
            return ANY_BNODE
        if token == "-":
            return NO_PATH
        if token.startswith("<") and token.endswith(">"):
            return URIRef(token[1:-1])
        return graph.namespace_manager.expand_curie(token)

    expected: set[Result] = set()
    for line in re.findall(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M):
        focus, result_path, shape = (term(t) for t in line.split())
        assert isinstance(result_path, URIRef) and isinstance(shape, URIRef)
        expected.add((focus, result_path, shape))
    return expected


def test_fixture_globs_are_not_empty() -> None:
    assert len(VALID) >= 5
    assert len(INVALID) >= 20
    assert ONTOLOGY_FILES


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in VALID])
def test_valid_fixture_conforms(path: Path) -> None:
    conforms, report = _report(Graph().parse(path, format="turtle"))
    assert conforms, _results(report)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in INVALID])
def test_invalid_fixture_fails_exactly_where_it_says(path: Path) -> None:
    data = Graph().parse(path, format="turtle")
    expected = _expected(path, data)
    assert expected, f"{path.name} has no '# expect:' line"
    conforms, report = _report(data)
    assert not conforms
    assert _results(report) == expected


def test_every_shape_with_a_constraint_has_a_failing_fixture() -> None:
    """A shape without a failing fixture could be mistyped and never fire."""
    shapes = _shapes()
    property_shapes = {s for s in shapes.subjects(RDF.type, SH.PropertyShape)
                       if isinstance(s, URIRef)}
    node_level = {s for s in shapes.subjects(RDF.type, SH.NodeShape)
                  if isinstance(s, URIRef) and (s, SH.nodeKind, None) in shapes}
    exercised = set()
    for path in INVALID:
        exercised |= {shape for _f, _p, shape in _expected(path, Graph().parse(path))}
    missing = sorted((property_shapes | node_level) - exercised)
    assert len(property_shapes) >= 20
    assert not missing, f"shapes no invalid fixture exercises: {missing}"


def test_every_shape_has_a_message_in_german_and_english() -> None:
    shapes = _shapes()
    checked = {s for s in shapes.subjects(RDF.type, SH.PropertyShape)} | {
        s for s in shapes.subjects(RDF.type, SH.NodeShape) if (s, SH.nodeKind, None) in shapes
    }
    for shape in checked:
        messages = shapes.objects(shape, SH.message)
        languages = {m.language for m in messages if isinstance(m, Literal)}
        assert languages == {"de", "en"}, shape


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in ONTOLOGY_FILES])
def test_ontology_file_conforms_to_the_ontology_shapes(path: Path) -> None:
    conforms, report = _report(Graph().parse(path, format="turtle"))
    assert conforms, sorted(_results(report))


def test_core_and_alignments_together_conform() -> None:
    data = Graph()
    for name in ("core.ttl", "alignments.ttl"):
        data.parse(ONTOLOGY_DIR / name, format="turtle")
    conforms, report = _report(data)
    assert conforms, sorted(_results(report))
    assert (URIRef("https://w3id.org/dortmund-kg/def/"), None, None) in data
