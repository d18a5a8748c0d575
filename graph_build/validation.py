"""SHACL validation with pySHACL, reported so a person can find the source line at fault.

Violations fail the build; warnings (completeness) are reported but do not. Each result names
its focus node, path, message and, where the focus node came from a text, the source
``file:line``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from graph_build.errors import BuildError
from graph_build.shacl_scope import forward_closure, reported_nodes, scopable
from mappings.rdf.iri import DOKG

_SUFFIXES = ("/span", "/position", "/quote")


@dataclass(frozen=True)
class Finding:
    """One SHACL result, in the terms a person needs to fix it."""

    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str
    location: str | None  # "file.txt:123" when the focus node has a source line

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        path = f" [{self.path}]" if self.path else ""
        return f"{where}{self.severity}: <{self.focus}>{path}: {self.message}"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def conforms(self) -> bool:
        return not self.violations


def _source_node(focus: URIRef) -> URIRef:
    text = str(focus)
    if "/target/" in text:
        return URIRef(text.split("/target/")[0])
    if "/mention/" in text:
        return URIRef(text.split("/mention/")[0])
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            return URIRef(text[: -len(suffix)])
    return focus


def locate(focus: URIRef, data: Graph) -> str | None:
    """``file:line`` of the text a node was read from, if it was read from one."""
    node = _source_node(focus)
    line = data.value(node, DOKG.lineStart)
    doc = data.value(node, DOKG.inDocument)
    src = data.value(doc, DOKG.sourceFile) if doc is not None else None
    name = data.value(src, DOKG.fileName) if src is not None else None
    if line is None or name is None:
        return None
    return f"{name}:{line}"


def validate(data: Graph, shapes: Graph, *, processes: int = 1) -> Report:
    """Validate ``data`` against ``shapes``.

    ``data`` must already hold the inferred types the shapes rely on (the reasoner's output):
    handing pySHACL the ontology instead (``ont_graph``) made validation 40× slower here.

    With ``processes`` > 1 the shapes that have targets are shared out among that many forked
    processes, each validating the whole ``data`` against all shapes of which only its share
    keep their targets (:func:`targeting_only`). A shape's results depend only on the shape and
    the data, so the findings are the same; tests compare both ways on a real document and on
    every invalid fixture. Used for the largest documents, whose validation would otherwise
    keep one core busy long after the others are done.
    """
    groups = shape_groups(data, shapes, processes) if processes > 1 else [None]
    if len(groups) == 1:
        return Report(_sorted(_findings(data, shapes)))
    shares = [targeting_only(shapes, group or []) for group in groups]
    fork = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receive, send = fork.Pipe(duplex=False)
        child = fork.Process(target=_validate_in_child, args=(data, share, send))
        child.start()
        send.close()
        children.append((child, receive))
    done = False
    try:
        findings = _findings(data, shares[0])
        for child, receive in children:
            try:
                result = receive.recv()
            except EOFError:
                result = RuntimeError(f"validation process ended with code {child.exitcode}")
            if isinstance(result, BaseException):
                raise BuildError(f"SHACL validation failed: {result}")
            findings.extend(result)
        done = True
    finally:
        for child, _ in children:
            if not done:
                child.terminate()
            child.join()
    return Report(_sorted(findings))


def validate_scoped(
    data: Graph | Callable[[], Graph], shapes: Graph, *, ntriples: str, shapes_turtle: str
) -> Report:
    """:func:`validate`'s findings, with pySHACL shown only the nodes rudof reports.

    ``ntriples`` is the data as N-Triples, ``shapes_turtle`` the shapes as Turtle (what rudof
    reads); ``data`` the same as a graph, or what makes it: it is needed only when rudof
    reports something. See :mod:`graph_build.shacl_scope` for why the findings are pySHACL's;
    where that argument does not hold, or rudof cannot run, pySHACL validates everything.
    """

    def make() -> Graph:
        return data if isinstance(data, Graph) else data()

    if scopable(shapes):
        nodes = reported_nodes(ntriples, shapes_turtle)
        if nodes is not None:
            if not nodes:
                return Report(())
            graph = make()
            scope = forward_closure(graph, (URIRef(n) for n in sorted(nodes)))
            return Report(_sorted(_findings(scope, shapes, locate_in=graph)))
    return validate(make(), shapes)


def _validate_in_child(data: Graph, shapes: Graph, send: Connection) -> None:
    try:
        send.send(_findings(data, shapes))
    except BaseException as exc:  # reported by the parent, which fails the build
        send.send(RuntimeError(f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def targeting_only(shapes: Graph, keep: list[URIRef]) -> Graph:
    """``shapes`` with the targets of every shape not in ``keep`` taken away.

    The other shapes stay whole, so a kept shape that refers to one (``sh:node``, ``sh:or``)
    is evaluated exactly as before; they just select no focus nodes of their own. (pySHACL's
    ``use_shapes`` instead treats references to shapes outside the list as satisfied.)
    """
    share = Graph()
    kept = set(keep)
    for s, p, o in shapes:
        if p in _TARGETS and s not in kept:
            continue
        share.add((s, p, o))
    for prefix, namespace in shapes.namespaces():
        share.bind(prefix, namespace, override=True, replace=True)
    return share


def shape_groups(data: Graph, shapes: Graph, n: int) -> list[list[URIRef] | None]:
    """The shapes with targets in ``n`` groups of about equal work, largest first.

    Work is estimated as focus nodes times constraints. ``[None]`` (all shapes in one run) when
    some shape cannot be named to pySHACL (a blank node with targets) or is a class itself
    (implicit class targets), so nothing is ever left out.
    """
    targeted: set[Node] = set()
    for predicate in _TARGETS:
        targeted.update(shapes.subjects(predicate, None))
    implicit = {s for s in shapes.subjects(RDF.type, RDFS.Class)} | {
        s for s in shapes.subjects(RDF.type, OWL.Class)
    }
    named = sorted(s for s in targeted if isinstance(s, URIRef))
    if len(named) != len(targeted) or implicit:
        return [None]
    cost: dict[URIRef, int] = {}
    for shape in named:
        focus = sum(
            len(set(data.subjects(RDF.type, cls))) for cls in shapes.objects(shape, SH.targetClass)
        )
        constraints = 1 + len(list(shapes.objects(shape, SH.property)))
        cost[shape] = max(1, focus) * constraints
    groups: list[list[URIRef]] = [[] for _ in range(min(n, len(cost)))]
    loads = [0] * len(groups)
    for shape in sorted(cost, key=lambda s: (-cost[s], s)):
        i = loads.index(min(loads))
        groups[i].append(shape)
        loads[i] += cost[shape]
    found: list[list[URIRef] | None] = [g for g in groups if g]
    return found or [None]


def _findings(data: Graph, shapes: Graph, *, locate_in: Graph | None = None) -> list[Finding]:
    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        inplace=True,  # callers hand in a fresh union graph; cloning it cost ~3 s per 60k triples
        advanced=False,  # no shape uses SHACL-AF (rules, SPARQL targets, functions)
        allow_warnings=True,
    )
    findings: list[Finding] = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        en = [m for m in messages if m.language in (None, "en")]
        message = str((en or messages or [Literal("(no message)")])[0])
        findings.append(
            Finding(
                severity=severity,
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                message=message,
                location=locate(focus, data if locate_in is None else locate_in)
                if isinstance(focus, URIRef)
                else None,
            )
        )
    return findings


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            findings, key=lambda f: (f.severity, f.location or "", f.focus, f.path or "", f.message)
        )
    )
