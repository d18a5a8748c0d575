"""SHACL validation with pySHACL, reported so a person can find the source line at fault.

Violations fail the build; warnings (completeness) are reported but do not. Each result names
its focus node, path, message and, where the focus node came from a text, the source
``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from mappings.iri import DOKG

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


def validate(data: Graph, shapes: Graph) -> Report:
    """Validate ``data`` against ``shapes``.

    ``data`` must already hold the inferred types the shapes rely on (the reasoner's output):
    handing pySHACL the ontology instead (``ont_graph``) made validation 40× slower here.
    """
    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        inplace=True,  # callers hand in a fresh union graph; cloning it cost ~3 s per 60k triples
        advanced=True,
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
                location=locate(focus, data) if isinstance(focus, URIRef) else None,
            )
        )
    findings.sort(key=lambda f: (f.severity, f.location or "", f.focus, f.path or "", f.message))
    return Report(tuple(findings))
