"""The build: verify → parse → map → link → reason → validate → write, document by document.

Each document becomes its own named graph and is parsed, linked, reasoned and validated on its
own, on top of the ontology and reference data, as tasks on a Dask cluster
(:mod:`graph_build.cluster`): memory grows with the largest document rather than with the
corpus, and the stages use every core, or every machine of the cluster. Nothing
is written to ``build/`` until every document has passed; then the new build is swapped in.
"""

from __future__ import annotations

import itertools
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node

from graph_build import alignment, checksums, ontology, writer
from graph_build.errors import BuildError
from graph_build.provenance import provenance_graph
from graph_build.reasoning import Reasoner
from graph_build.stages import STAGES, StageTimer, gc_paused
from graph_build.summary import BuildSummary, DocumentSummary, ValidationSummary
from graph_build.validation import Finding, validate, validate_scoped
from mappings.build_files import VERSION, BuildDir
from mappings.forms import parser_for
from mappings.link import linking
from mappings.rdf import iri
from mappings.rdf.to_rdf import DocumentMapper, statement_iris
from mappings.records import ParsedDocument
from mappings.reference.load import ReferenceDataError, reference_graph
from mappings.registry import REGISTRY_FILE, DocumentInfo, RegistryError, load_registry
from mappings.text.source import SourceError, SourceText

Progress = Callable[[str], None]
# Data graphs this large are validated by two processes (shapes shared out between them): on
# the real corpus only the largest document's is, which would otherwise finish alone.
SPLIT_VALIDATION_AT = 40_000


@dataclass
class BuildResult:
    """What a build produced; ``summary`` is what ``build/summary.json`` holds."""

    out_dir: Path
    summary: BuildSummary
    findings: list[Finding] = field(default_factory=list)


@dataclass
class DocumentOutput:
    """What a worker returns for one document: N-Quads lines, counts, findings, timings."""

    doc_id: str
    lines: list[str]
    inferred: list[str]
    summary: DocumentSummary
    findings: list[Finding]
    seconds: dict[str, float]


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

    @cached_property
    def reference_lines(self) -> list[str]:
        """Reference data and what it entails as N-Quads lines (the part every document's
        validation data shares)."""
        return writer.nquad_lines(
            [
                (iri.GRAPH_REFERENCE, self.reference),
                (iri.GRAPH_INFERRED, self.reasoner.reference_inferred),
            ]
        )

    @cached_property
    def shapes_turtle(self) -> str:
        return self.shapes.serialize(format="turtle")

    def validate(
        self, data: Callable[[], Graph], lines: Iterable[str], *, reference_engines: bool
    ) -> list[Finding]:
        """SHACL findings for the graph ``data`` makes, whose N-Quads ``lines`` (with
        :attr:`reference_lines`) rudof reads; with ``reference_engines``, pySHACL over
        everything (in two processes when large)."""
        if reference_engines:
            graph = data()
            processes = 2 if len(graph) >= SPLIT_VALIDATION_AT else 1
            return list(validate(graph, self.shapes, processes=processes).findings)
        text = writer.ntriples(itertools.chain(lines, self.reference_lines))
        report = validate_scoped(data, self.shapes, ntriples=text, shapes_turtle=self.shapes_turtle)
        return list(report.findings)


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


@dataclass
class PreparedDocument:
    """A document parsed, mapped and linked: what :func:`finish_document` needs besides the
    context (it stays in the worker that made it, where the scheduler runs its second half)."""

    info: DocumentInfo
    parsed: ParsedDocument
    graph: Graph
    seconds: dict[str, float]


def prepare_document(corpus_dir: Path, info: DocumentInfo) -> PreparedDocument:
    """Parse, map and link one document: everything that does not need the build context."""
    timer = StageTimer()
    with gc_paused():
        with timer.stage("parse"):
            source, parsed = parse_document(corpus_dir, info)
        with timer.stage("map"):
            graph = map_document(info, source, parsed)
        with timer.stage("link"):
            link_document(info, parsed, graph)
    return PreparedDocument(info, parsed, graph, timer.seconds)


def finish_document(
    prepared: PreparedDocument, ctx: BuildContext, *, reference_engines: bool = False
) -> DocumentOutput:
    """Reason over and validate a prepared document, and write its N-Quads lines."""
    timer = StageTimer()
    info, graph = prepared.info, prepared.graph
    with gc_paused():
        with timer.stage("reason"):
            inferred = ctx.reasoner.infer(graph, reference=reference_engines)
        with timer.stage("write"):
            lines = writer.nquad_lines([(iri.graph_for_document(info.id), graph)])
            inferred_lines = writer.nquad_lines([(iri.GRAPH_INFERRED, inferred)])
        with timer.stage("validate"):
            # The document graph's lines are written, so it can become the data graph itself
            # rather than be copied into a new one (the copy cost ~1 s for the largest document);
            # it is made only if pySHACL is to see it.
            def data() -> Graph:
                return _extend(graph, ctx.reference, ctx.reasoner.reference_inferred, inferred)

            findings = ctx.validate(
                data, [*lines, *inferred_lines], reference_engines=reference_engines
            )
    seconds = {k: prepared.seconds[k] + timer.seconds[k] for k in STAGES}
    return DocumentOutput(
        doc_id=info.id,
        lines=lines,
        inferred=inferred_lines,
        summary=DocumentSummary.of(prepared.parsed),
        findings=findings,
        seconds={k: v for k, v in seconds.items() if v},
    )


def process_document(
    corpus_dir: Path, info: DocumentInfo, ctx: BuildContext, *, reference_engines: bool = False
) -> DocumentOutput:
    """All stages of one document, in this process."""
    prepared = prepare_document(corpus_dir, info)
    return finish_document(prepared, ctx, reference_engines=reference_engines)


def build(
    corpus_dir: Path,
    build_link: Path,
    *,
    progress: Progress | None = None,
    only: list[str] | None = None,
    registry_path: Path = REGISTRY_FILE,
    jobs: int | None = None,
    scheduler: str | None = None,
    reference_engines: bool = False,
) -> BuildResult:
    """Build the whole graph into a new directory and swap it in as ``build_link``.

    Documents are processed by :class:`graph_build.cluster.Documents`: ``jobs`` worker
    processes of a local Dask cluster (one per core by default, none for ``jobs=1``), or the
    workers of the cluster whose scheduler is at ``scheduler``.

    ``reference_engines`` reasons with owlrl and validates with pySHACL throughout, instead of
    the faster engines that give their answers (:mod:`graph_build.rules`,
    :mod:`graph_build.shacl_scope`); the output is the same.

    Raises:
        BuildError: with a message naming file (and line) — nothing is swapped in then.
    """
    from graph_build.cluster import Documents, default_jobs

    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    timer = StageTimer()
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
        with Documents(
            corpus_dir,
            documents,
            jobs=jobs or default_jobs(len(documents)),
            scheduler=scheduler,
            reference_engines=reference_engines,
        ) as running:
            with timer.stage("reason"):
                ctx = BuildContext.load()
            running.hand_over(ctx)
            with timer.stage("validate"):
                findings = ctx.validate(
                    lambda: _union(ctx.reference, ctx.reasoner.reference_inferred),
                    [],
                    reference_engines=reference_engines,
                )
            dataset = writer.DatasetWriter(out_dir)
            for name, graph in (
                (iri.GRAPH_ONTOLOGY, ctx.ontology),
                (iri.GRAPH_REFERENCE, ctx.reference),
                (iri.GRAPH_BUILD, provenance_graph(documents)),
                (iri.GRAPH_INFERRED, ctx.reasoner.reference_inferred),
            ):
                dataset.add(name, writer.nquad_lines([(name, graph)]))
            summaries: dict[str, DocumentSummary] = {}
            doc_findings: dict[str, list[Finding]] = {}
            for out in running.outputs():
                say(
                    f"{out.doc_id}: {out.summary.statements} statements, "
                    f"{out.summary.pledges} pledges"
                )
                dataset.add(iri.graph_for_document(out.doc_id), out.lines)
                dataset.add(iri.GRAPH_INFERRED, out.inferred)
                doc_findings[out.doc_id] = out.findings
                summaries[out.doc_id] = out.summary
                for stage, spent in out.seconds.items():
                    timer.seconds[stage] += spent
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
        seconds = {k: round(v, 3) for k, v in timer.seconds.items()}
        seconds["total"] = round(time.perf_counter() - started, 3)
        summary = BuildSummary(
            version=VERSION,
            documents=doc_summaries,
            triples=triples,
            validation=ValidationSummary(
                conforms=True,
                violations=0,
                warnings=sum(1 for f in findings if f.severity == "Warning"),
            ),
            seconds=seconds,
        )
        writer.write_json(BuildDir(out_dir).summary, summary.to_json())
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
