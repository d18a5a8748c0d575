"""Every data shape catches the bad case it exists for, and passes the good ones.

Fixtures are the base graph (``shapes/base.ttl``) changed by one file each: ``# remove: S P``
lines drop triples from the base, the file's Turtle adds triples. An invalid fixture must fail
on the focus node, ``sh:resultPath`` and/or constraint component named in its header, read from
pySHACL's report graph (not its text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from graph_build.ontology import load_shapes

HERE = Path(__file__).parent / "shapes"
BASE = HERE / "base.ttl"
PREFIXES = {
    "dcterms:": "http://purl.org/dc/terms/",
    "dokg:": "https://w3id.org/dortmund-kg/def/",
    "oa:": "http://www.w3.org/ns/oa#",
    "rdfs:": "http://www.w3.org/2000/01/rdf-schema#",
    "sh:": "http://www.w3.org/ns/shacl#",
}


def _iri(token: str) -> URIRef:
    if token.startswith("<"):
        return URIRef(token.strip("<>"))
    for prefix, ns in PREFIXES.items():
        if token.startswith(prefix):
            return URIRef(ns + token[len(prefix) :])
    raise ValueError(f"unknown prefix in {token}")


@dataclass
class Fixture:
    graph: Graph
    focus: URIRef | None
    path: URIRef | None
    component: URIRef | None


def load_fixture(path: Path) -> Fixture:
    graph = Graph().parse(BASE)
    focus = rpath = component = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            continue
        key, _, value = line[2:].partition(": ")
        if key == "remove":
            s, p = value.split()
            graph.remove((_iri(s), _iri(p), None))
        elif key == "expect-focus":
            focus = _iri(value)
        elif key == "expect-path":
            rpath = _iri(value)
        elif key == "expect-component":
            component = _iri(value)
    graph.parse(path, format="turtle")
    return Fixture(graph, focus, rpath, component)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes("data")


def _violations(data: Graph, shapes: Graph) -> Graph:
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return report


INVALID = sorted((HERE / "invalid").glob("*.ttl"))
VALID = sorted((HERE / "valid").glob("*.ttl"))


def test_fixture_globs_are_not_empty() -> None:
    assert len(INVALID) >= 15 and VALID


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in VALID])
def test_valid_fixture_conforms(path: Path, shapes: Graph) -> None:
    report = _violations(load_fixture(path).graph, shapes)
    assert not list(report.subjects(SH.resultSeverity, SH.Violation)), report.serialize()


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in INVALID])
def test_invalid_fixture_is_caught_on_its_path(path: Path, shapes: Graph) -> None:
    fx = load_fixture(path)
    report = _violations(fx.graph, shapes)
    results = [
        r
        for r in report.subjects(SH.resultSeverity, SH.Violation)
        if report.value(r, SH.focusNode) == fx.focus
    ]
    assert results, f"no violation on {fx.focus}"
    if fx.path is not None:
        assert fx.path in {report.value(r, SH.resultPath) for r in results}
    if fx.component is not None:
        assert fx.component in {report.value(r, SH.sourceConstraintComponent) for r in results}


def test_every_data_shape_has_an_invalid_fixture(shapes: Graph) -> None:
    """A shape without a fixture could be wrong and nothing would notice."""
    names = {p.stem.split("-")[0] for p in INVALID}
    core = {
        str(s).rsplit("/", 1)[-1].removesuffix("Shape")
        for s in shapes.subjects()
        if isinstance(s, URIRef)
        and str(s).endswith("Shape")
        and "English" not in str(s)
        and "Topic" not in str(s)
    }
    assert core <= names, core - names
