"""The build: verify → parse → map → link → reason → validate → write, document by document.

Each document becomes its own named graph and is reasoned and validated on its own, on top of
the ontology and reference data, so memory grows with the largest document rather than with the
corpus. Nothing is written to ``build/`` until every stage has passed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS

from graph_build import checksums, ontology, writer
from graph_build.errors import BuildError
from graph_build.reasoning import Reasoner
from graph_build.validation import Finding, validate
from mappings import iri, linking
from mappings.forms import parser_for
from mappings.records import ParsedDocument
from mappings.reference.load import ReferenceDataError, reference_graph
from mappings.registry import DocumentInfo, RegistryError, load_registry
from mappings.source import SourceError, SourceText
from mappings.to_rdf import DocumentMapper, statement_iris

STAGES = ("verify", "parse", "map", "link", "reason", "validate", "write")
VERSION = "0.1.0"

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build produced; ``summary`` is what ``build/summary.json`` holds."""

    out_dir: Path
    summary: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


def _document_summary(parsed: ParsedDocument) -> dict[str, Any]:
    by_modality = Counter(s.modality.value for s in parsed.statements)
    return {
        "statements": len(parsed.statements),
        "pledges": len(parsed.pledges),
        "by_modality": dict(sorted(by_modality.items())),
        "targets": sum(len(s.targets) for s in parsed.pledges),
        "sections": len(parsed.sections),
        "footnotes": len(parsed.footnotes),
        "signatories": len(parsed.signatories),
    }


def parse_document(corpus_dir: Path, info: DocumentInfo) -> tuple[SourceText, ParsedDocument]:
    """Read and parse one registered document."""
    source = SourceText.read(corpus_dir / info.file)
    parsed = parser_for(info.form)(source, info)
    if parsed.doc_id != info.id:
        raise BuildError(f"{info.file}: parser returned document id {parsed.doc_id!r}")
    return source, parsed


def map_document(info: DocumentInfo, source: SourceText, parsed: ParsedDocument) -> Graph:
    return DocumentMapper(info, source.text, resolve_actor=linking.resolve_actor).map(parsed)


def link_document(info: DocumentInfo, parsed: ParsedDocument, graph: Graph) -> None:
    """Add the explicit mentions and topics of every statement to the document graph."""
    iris = statement_iris(info.id, parsed.statements)
    for st in parsed.statements:
        for triple in linking.link(iris[st.ordinal], st, info.id):
            graph.add(triple)


def provenance_graph(documents: list[DocumentInfo]) -> Graph:
    """PROV of the build: which sources, which software. Free of time stamps (reproducible)."""
    g = Graph()
    dataset = iri.DATASET
    activity = URIRef(str(iri.DATASET) + "/build")
    agent = URIRef(f"https://w3id.org/dortmund-kg/software/{VERSION}")
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, PROV.Entity))
    g.add((dataset, DCTERMS.title, Literal("dortmund-kg", lang="en")))
    g.add((dataset, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"dortmund-kg {VERSION}")))
    for info in documents:
        src = iri.source_file(info.id)
        g.add((activity, PROV.used, src))
        g.add((dataset, PROV.wasDerivedFrom, src))
        g.add((dataset, DCTERMS.source, iri.document(info.id)))
    return g


def build(
    corpus_dir: Path,
    build_link: Path,
    *,
    progress: Progress | None = None,
    only: list[str] | None = None,
) -> BuildResult:
    """Build the whole graph into a new directory and swap it in as ``build_link``.

    Raises:
        BuildError: with a message naming file (and line) — nothing is swapped in then.
    """
    say = progress or (lambda _msg: None)
    timer = _Timer()
    try:
        documents = load_registry()
    except RegistryError as exc:
        raise BuildError(str(exc)) from None
    if only:
        documents = [d for d in documents if d.id in only]
    with timer.stage("verify"):
        checksums.verify(corpus_dir, documents)
        try:
            onto = ontology.load_ontology()
            shapes = ontology.load_shapes("data")
            reference = reference_graph()
        except ReferenceDataError as exc:
            raise BuildError(str(exc)) from None
    with timer.stage("reason"):
        reasoner = Reasoner(onto, reference)
    with timer.stage("validate"):
        ref_report = validate(_union(reference, reasoner.reference_inferred), shapes)
    findings = list(ref_report.findings)

    graphs: list[tuple[URIRef, Graph]] = [
        (iri.GRAPH_ONTOLOGY, onto),
        (iri.GRAPH_REFERENCE, reference),
        (iri.GRAPH_BUILD, provenance_graph(documents)),
    ]
    inferred = Graph()
    for t in reasoner.reference_inferred:
        inferred.add(t)
    doc_summaries: dict[str, Any] = {}
    for info in documents:
        say(f"{info.id}: parse")
        with timer.stage("parse"):
            try:
                source, parsed = parse_document(corpus_dir, info)
            except SourceError as exc:
                raise BuildError(str(exc)) from None
        with timer.stage("map"):
            graph = map_document(info, source, parsed)
        with timer.stage("link"):
            link_document(info, parsed, graph)
        say(f"{info.id}: reason")
        with timer.stage("reason"):
            doc_inferred = reasoner.infer(graph)
        say(f"{info.id}: validate")
        with timer.stage("validate"):
            report = validate(
                _union(graph, reference, reasoner.reference_inferred, doc_inferred), shapes
            )
        findings.extend(report.findings)
        for t in doc_inferred:
            inferred.add(t)
        graphs.append((iri.graph_for_document(info.id), graph))
        doc_summaries[info.id] = _document_summary(parsed)
        say(f"{info.id}: {doc_summaries[info.id]['statements']} statements, "
            f"{doc_summaries[info.id]['pledges']} pledges")
    graphs.append((iri.GRAPH_INFERRED, inferred))

    violations = [f for f in findings if f.severity == "Violation"]
    if violations:
        shown = "\n".join(f"  {f}" for f in violations[:50])
        more = f"\n  … and {len(violations) - 50} more" if len(violations) > 50 else ""
        raise BuildError(f"SHACL validation failed with {len(violations)} violation(s):\n"
                         f"{shown}{more}")

    say("write")
    out = writer.new_build_dir(build_link)
    try:
        with timer.stage("write"):
            lines = writer.nquad_lines(graphs)
            triples = writer.write_exports(lines, out)
            summary = {
                "version": VERSION,
                "documents": doc_summaries,
                "triples": triples,
                "triples_total": len(lines),
                "validation": {
                    "conforms": True,
                    "violations": 0,
                    "warnings": sum(1 for f in findings if f.severity == "Warning"),
                },
                "seconds": {},
            }
        summary["seconds"] = {k: round(v, 3) for k, v in timer.seconds.items()}
        summary["seconds"]["total"] = round(sum(timer.seconds.values()), 3)
        writer.write_json(out / "summary.json", summary)
        writer.swap_in(build_link, out)
    except BaseException:
        writer.discard(out)
        raise
    return BuildResult(out_dir=build_link, summary=summary, findings=findings)


def _union(*graphs: Graph) -> Graph:
    g = Graph()
    for graph in graphs:
        for t in graph:
            g.add(t)
    return g
