"""The build: verify → parse → map → link → reason → validate → write, document by document.

Each document becomes its own named graph and is parsed, linked, reasoned and validated on its
own, on top of the ontology and reference data, in a pool of worker processes: memory grows
with the largest document rather than with the corpus, and the stages use every core. Nothing
is written to ``build/`` until every document has passed; then the new build is swapped in.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS
from rdflib.term import Node

from graph_build import alignment, checksums, ontology, writer
from graph_build.errors import BuildError
from graph_build.reasoning import Reasoner
from graph_build.validation import Finding, validate
from mappings import iri, linking
from mappings.forms import parser_for
from mappings.records import ParsedDocument
from mappings.reference.load import ReferenceDataError, reference_graph
from mappings.registry import REGISTRY_FILE, DocumentInfo, RegistryError, load_registry
from mappings.source import SourceError, SourceText
from mappings.to_rdf import DocumentMapper, statement_iris

STAGES = ("verify", "parse", "map", "link", "reason", "validate", "write")
VERSION = "0.1.0"

Progress = Callable[[str], None]
# Data graphs this large are validated by two processes (shapes shared out between them): on
# the real corpus only the largest document's is, which would otherwise finish alone.
SPLIT_VALIDATION_AT = 40_000


@dataclass
class BuildResult:
    """What a build produced; ``summary`` is what ``build/summary.json`` holds."""

    out_dir: Path
    summary: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class DocumentOutput:
    """What a worker returns for one document: N-Quads lines, counts, findings, timings."""

    doc_id: str
    lines: list[str]
    inferred: list[str]
    summary: dict[str, Any]
    findings: list[Finding]
    seconds: dict[str, float]


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


@dataclass
class BuildContext:
    """What every document is mapped against: ontology, shapes, reference data, reasoner."""

    ontology: Graph
    shapes: Graph
    reference: Graph
    reasoner: Reasoner

    @classmethod
    def load(cls) -> BuildContext:
        try:
            onto = ontology.load_ontology()
            shapes = ontology.load_shapes("data")
            reference = reference_graph()
        except ReferenceDataError as exc:
            raise BuildError(str(exc)) from None
        return cls(onto, shapes, reference, Reasoner(onto, reference))

    def to_bytes(self) -> bytes:
        """The context as triples, for workers forked before it was loaded."""
        graphs = (
            self.ontology,
            self.shapes,
            self.reference,
            self.reasoner.base,
            self.reasoner.reference_inferred,
        )
        return pickle.dumps([list(g) for g in graphs], protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> BuildContext:
        onto, shapes, reference, base, reference_inferred = (
            _extend(Graph(), triples) for triples in pickle.loads(data)
        )
        return cls(onto, shapes, reference, Reasoner.from_closure(base, reference_inferred))


# In-process builds set this directly; forked workers load it from the hand-over file the
# first time they need it (see _Documents), so they can parse and map while it is loaded.
_CONTEXT: BuildContext | None = None


@dataclass
class _HandOver:
    """Where the parent leaves the context for workers forked before it was loaded.

    A file and an event rather than a queue: a worker that never gets a document never reads,
    and unread data in a queue's pipe would keep the parent waiting at exit.
    """

    path: Path
    ready: Any  # multiprocessing.Event: set once the file is written, or loading failed

    def load(self) -> BuildContext:
        self.ready.wait()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise BuildError("the build context could not be loaded") from None
        return BuildContext.from_bytes(data)


_HANDOVER: _HandOver | None = None


def _context() -> BuildContext:
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = BuildContext.load() if _HANDOVER is None else _HANDOVER.load()
    return _CONTEXT


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
    try:
        source = SourceText.read(corpus_dir / info.file)
    except SourceError as exc:
        raise BuildError(str(exc)) from None
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


def process_document(corpus_dir: Path, info: DocumentInfo) -> DocumentOutput:
    """Parse, map, link, reason and validate one document (runs in a worker process).

    The cyclic garbage collector is paused meanwhile: a document's graphs are millions of
    objects that every full collection would walk again. Most are freed by reference counting
    when the document is done; the cycles among them (~450,000 objects for the largest) are
    all younger than the pause, so one collection of the youngest generation takes them.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _process_document(corpus_dir, info)
    finally:
        if paused:
            gc.collect(0)
            gc.enable()


def _process_document(corpus_dir: Path, info: DocumentInfo) -> DocumentOutput:
    timer = _Timer()
    with timer.stage("parse"):
        source, parsed = parse_document(corpus_dir, info)
    with timer.stage("map"):
        graph = map_document(info, source, parsed)
    with timer.stage("link"):
        link_document(info, parsed, graph)
    if _HANDOVER is not None:
        _HANDOVER.ready.wait()  # idle until the parent has closed the base: no stage's time
    with timer.stage("reason"):
        ctx = _context()
        inferred = ctx.reasoner.infer(graph)
    with timer.stage("write"):
        lines = writer.nquad_lines([(iri.graph_for_document(info.id), graph)])
        inferred_lines = writer.nquad_lines([(iri.GRAPH_INFERRED, inferred)])
    with timer.stage("validate"):
        # The document graph's lines are written, so it can become the data graph itself
        # rather than be copied into a new one (the copy cost ~1 s for the largest document).
        data = _extend(graph, ctx.reference, ctx.reasoner.reference_inferred, inferred)
        report = validate(data, ctx.shapes, processes=2 if len(data) >= SPLIT_VALIDATION_AT else 1)
    return DocumentOutput(
        doc_id=info.id,
        lines=lines,
        inferred=inferred_lines,
        summary=_document_summary(parsed),
        findings=list(report.findings),
        seconds={k: v for k, v in timer.seconds.items() if v},
    )


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


def default_jobs(n_documents: int) -> int:
    """Worker processes: ``DORTMUND_KG_JOBS`` or one per core, never more than documents."""
    wanted = int(os.environ.get("DORTMUND_KG_JOBS", "0")) or (os.cpu_count() or 1)
    return max(1, min(wanted, n_documents))


def _largest_first(corpus_dir: Path, documents: list[DocumentInfo]) -> list[DocumentInfo]:
    """Documents by source size, largest first, so the longest one never starts last."""

    def size(info: DocumentInfo) -> int:
        try:
            return (corpus_dir / info.file).stat().st_size
        except OSError:
            return 0  # parse_document reports the missing file

    return sorted(documents, key=lambda d: -size(d))


class _Documents:
    """The documents' processing: in-process for one job, else in forked workers.

    Workers are forked before the build context is loaded and start parsing, mapping and
    linking at once (largest documents first, so the longest never starts last); the parent
    meanwhile loads the context, closing ontology and reference data, and hands it over
    (:meth:`hand_over`); each worker waits for it only when it first reasons. Outputs come as
    documents finish; the caller puts what depends on order back into registry order (the
    dataset parts are merged sorted, so their order does not matter).
    """

    def __init__(
        self, corpus_dir: Path, documents: list[DocumentInfo], jobs: int, say: Progress
    ) -> None:
        self.corpus_dir = corpus_dir
        self.documents = documents
        self.jobs = jobs
        self.say = say
        self.pool: ProcessPoolExecutor | None = None
        self.pending: set[Future[DocumentOutput]] = set()
        self.tmp: Path | None = None

    def __enter__(self) -> _Documents:
        global _HANDOVER
        if self.jobs > 1:
            fork = multiprocessing.get_context("fork")
            self.tmp = Path(tempfile.mkdtemp(prefix="dortmund-kg-"))
            _HANDOVER = _HandOver(self.tmp / "context.pickle", fork.Event())
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=fork)
            self.pending = {
                self.pool.submit(process_document, self.corpus_dir, info)
                for info in _largest_first(self.corpus_dir, self.documents)
            }
        return self

    def hand_over(self, ctx: BuildContext) -> None:
        global _CONTEXT
        _CONTEXT = ctx
        if self.pool is not None and _HANDOVER is not None:
            partial = _HANDOVER.path.with_suffix(".partial")
            partial.write_bytes(ctx.to_bytes())
            partial.rename(_HANDOVER.path)
            _HANDOVER.ready.set()

    def outputs(self) -> Iterator[DocumentOutput]:
        if self.pool is None:
            for info in self.documents:
                self.say(f"{info.id}")
                yield process_document(self.corpus_dir, info)
            return
        # Each result is handed over and dropped once yielded, so finished documents' lines
        # do not pile up in the parent while it writes them out.
        while self.pending:
            done, self.pending = wait(self.pending, return_when=FIRST_COMPLETED)
            for future in done:
                out = future.result()
                self.say(
                    f"{out.doc_id}: {out.summary['statements']} statements, "
                    f"{out.summary['pledges']} pledges"
                )
                yield out
            del done, future, out

    def __exit__(self, exc_type: object, *exc: object) -> None:
        global _CONTEXT, _HANDOVER
        try:
            if self.pool is not None and _HANDOVER is not None:
                _HANDOVER.ready.set()  # without a file if loading failed: workers then fail
                self.pool.shutdown(wait=True, cancel_futures=exc_type is not None)
        finally:
            if self.tmp is not None:
                shutil.rmtree(self.tmp, ignore_errors=True)
            _CONTEXT = None
            _HANDOVER = None


def build(
    corpus_dir: Path,
    build_link: Path,
    *,
    progress: Progress | None = None,
    only: list[str] | None = None,
    registry_path: Path = REGISTRY_FILE,
    jobs: int | None = None,
) -> BuildResult:
    """Build the whole graph into a new directory and swap it in as ``build_link``.

    Raises:
        BuildError: with a message naming file (and line) — nothing is swapped in then.
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    timer = _Timer()
    try:
        documents = load_registry(registry_path)
    except RegistryError as exc:
        raise BuildError(str(exc)) from None
    if only:
        unknown = sorted(set(only) - {d.id for d in documents})
        if unknown:
            raise BuildError(f"{registry_path}: no document with id {', '.join(unknown)}")
        documents = [d for d in documents if d.id in only]
    with timer.stage("verify"):
        checksums.verify(corpus_dir, documents)
    out_dir = writer.new_build_dir(build_link)  # discarded on any failure below
    try:
        with _Documents(
            corpus_dir, documents, jobs or default_jobs(len(documents)), say
        ) as running:
            with timer.stage("reason"):
                ctx = BuildContext.load()
            running.hand_over(ctx)
            with timer.stage("validate"):
                reference_data = _union(ctx.reference, ctx.reasoner.reference_inferred)
                findings = list(validate(reference_data, ctx.shapes).findings)
            dataset = writer.DatasetWriter(out_dir)
            for name, graph in (
                (iri.GRAPH_ONTOLOGY, ctx.ontology),
                (iri.GRAPH_REFERENCE, ctx.reference),
                (iri.GRAPH_BUILD, provenance_graph(documents)),
                (iri.GRAPH_INFERRED, ctx.reasoner.reference_inferred),
            ):
                dataset.add(name, writer.nquad_lines([(name, graph)]))
            summaries: dict[str, dict[str, Any]] = {}
            doc_findings: dict[str, list[Finding]] = {}
            for out in running.outputs():
                dataset.add(iri.graph_for_document(out.doc_id), out.lines)
                dataset.add(iri.GRAPH_INFERRED, out.inferred)
                doc_findings[out.doc_id] = out.findings
                summaries[out.doc_id] = out.summary
                for stage, seconds in out.seconds.items():
                    timer.seconds[stage] += seconds
        doc_summaries = {d.id: summaries[d.id] for d in documents}  # registry order
        for info in documents:
            findings.extend(doc_findings[info.id])
        findings.extend(alignment.add_alignment(dataset, ctx.shapes))
    except BaseException:
        writer.discard(out_dir)
        raise

    violations = [f for f in findings if f.severity == "Violation"]
    if violations:
        writer.discard(out_dir)
        shown = "\n".join(f"  {f}" for f in violations[:50])
        more = f"\n  … and {len(violations) - 50} more" if len(violations) > 50 else ""
        raise BuildError(
            f"SHACL validation failed with {len(violations)} violation(s):\n{shown}{more}"
        )

    say("write")
    try:
        with timer.stage("write"):
            triples = dataset.finish()
        summary: dict[str, Any] = {
            "version": VERSION,
            "documents": doc_summaries,
            "triples": triples,
            "triples_total": sum(triples.values()),  # graphs' parts are disjoint lines
            "validation": {
                "conforms": True,
                "violations": 0,
                "warnings": sum(1 for f in findings if f.severity == "Warning"),
            },
            "seconds": {k: round(v, 3) for k, v in timer.seconds.items()},
        }
        summary["seconds"]["total"] = round(time.perf_counter() - started, 3)
        writer.write_json(out_dir / "summary.json", summary)
        writer.swap_in(build_link, out_dir)
    except BaseException:
        writer.discard(out_dir)
        raise
    return BuildResult(out_dir=build_link, summary=summary, findings=findings)


def _union(*graphs: Graph) -> Graph:
    return _extend(Graph(), *graphs)


def _extend(target: Graph, *graphs: Iterable[tuple[Node, Node, Node]]) -> Graph:
    for graph in graphs:
        for t in graph:
            target.add(t)
    return target
