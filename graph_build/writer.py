"""Write the dataset: sorted N-Quads (the source of truth), TriG, Turtle, JSON-LD, summary.

Output must be byte-identical on every rebuild, so N-Quads lines are sorted and nothing
time-dependent goes into the graph. A build is written to a fresh directory and only then
swapped in (an atomic rename of the ``build`` symlink), so a failed build never touches the
last good one and a server never sees a half-written graph.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.nt import _quoteLiteral

from mappings.build_files import BuildDir
from mappings.rdf.iri import DOKG, ID

BUILDS_TO_KEEP = 3  # a server that has not yet swapped may still read the one before last


def _term(node: Node, scope: str) -> str:
    """A term in N-Quads syntax (literals escaped on one line, blank nodes scoped)."""
    if isinstance(node, BNode):
        return f"_:{scope}{node}"
    if isinstance(node, Literal):
        return _quoteLiteral(node)
    return node.n3()


def nquad_lines(graphs: Iterable[tuple[URIRef, Graph]]) -> list[str]:
    """Sorted, de-duplicated N-Quads lines.

    Data graphs have no blank nodes (every node is minted in :mod:`mappings.rdf.iri`); the
    ontology's OWL lists and restrictions do, so a graph holding blank nodes is first
    canonicalised (``rdflib.compare``), which labels each blank node by its structure, and the
    labels are scoped per graph — the same every rebuild.
    """
    lines: set[str] = set()
    for name, graph in graphs:
        lines.update(_graph_lines(name, graph))
    return sorted(lines)


def _graph_lines(name: URIRef, graph: Graph) -> Iterator[str]:
    g = name.n3()
    scope = "g" + hashlib.sha256(str(name).encode()).hexdigest()[:8] + "x"
    triples = list(graph)
    if any(isinstance(t, BNode) for triple in triples for t in triple):
        triples = list(to_canonical_graph(graph))
    iris: dict[str, str] = {}  # an IRI's N-Quads form, made once: most IRIs recur often

    def term(node: Node) -> str:
        if type(node) is URIRef:
            key = str.__str__(node)
            text = iris.get(key)
            if text is None:
                text = iris[key] = node.n3()
            return text
        return _term(node, scope)

    for s, p, o in triples:
        yield f"{term(s)} {term(p)} {term(o)} {g} .\n"


def ntriples(nquad_lines: Iterable[str]) -> str:
    """N-Triples text of N-Quads lines from :func:`nquad_lines` (their graph names dropped)."""
    # A line ends in `` <graph> .``; a graph IRI holds neither spaces nor ``<``.
    return "".join(line[: line.rindex(" <")] + " .\n" for line in nquad_lines)


PREFIXES = {
    "dokg": str(DOKG),
    "id": ID,
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


class DatasetWriter:
    """Writes the exports from sorted parts on disk, so memory does not grow with the corpus.

    Each document's lines arrive as one sorted part; the merge into ``dataset.nq`` and the
    exports stream from those files. Everything is written in a fixed order and blank nodes
    keep their canonical labels, so every export is byte-identical on a rebuild.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.parts_dir = out / ".parts"
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self.parts: dict[str, list[Path]] = {}

    def add(self, graph: URIRef, lines: list[str]) -> None:
        """One sorted, de-duplicated part of ``graph`` (lines from :func:`nquad_lines`)."""
        if not lines:
            return
        path = self.parts_dir / f"{sum(len(v) for v in self.parts.values()):06d}.nq"
        path.write_text("".join(lines), encoding="utf-8")
        self.parts.setdefault(str(graph), []).append(path)

    def finish(self) -> dict[str, int]:
        """Write dataset.nq, .trig, .ttl and .jsonld; return the quad count per graph."""
        counts: dict[str, int] = {}
        graph_files: list[tuple[str, Path]] = []
        for graph in sorted(self.parts):
            path = self._merged(graph)
            counts[graph] = _count_lines(path)
            graph_files.append((graph, path))
        build = BuildDir(self.out)
        nq = build.dataset
        with nq.open("w", encoding="utf-8") as sink:
            sink.writelines(_unique(heapq.merge(*(_read_lines(p) for _, p in graph_files))))

        def trig() -> None:
            with build.trig.open("wb") as sink:
                for _, path in graph_files:  # graph by graph, each sorted
                    ox.serialize(_quads(path), sink, ox.RdfFormat.TRIG, prefixes=PREFIXES)

        def turtle() -> None:
            ox.serialize(_union(nq), str(build.turtle), ox.RdfFormat.TURTLE, prefixes=PREFIXES)

        def jsonld() -> None:
            ox.serialize(_union(nq), str(build.jsonld), ox.RdfFormat.JSON_LD)

        run_in_parallel([turtle, jsonld, trig])
        shutil.rmtree(self.parts_dir)
        return counts

    def _merged(self, graph: str) -> Path:
        paths = self.parts[graph]
        if len(paths) == 1:
            return paths[0]
        merged = self.parts_dir / f"merged-{hashlib.sha256(graph.encode()).hexdigest()[:16]}.nq"
        with merged.open("w", encoding="utf-8") as sink:
            sink.writelines(_unique(heapq.merge(*(_read_lines(p) for p in paths))))
        return merged


def run_in_parallel(tasks: list[Callable[[], None]]) -> None:
    """Run ``tasks``, each streaming from files to a file of its own, on all cores.

    All but the last run in forked processes, the last in this one; with one core they run
    one after another. Raises ``OSError`` if any of them failed (its traceback is on stderr).
    """
    if (os.cpu_count() or 1) < 2:
        for task in tasks:
            task()
        return
    fork = multiprocessing.get_context("fork")
    children = [fork.Process(target=task) for task in tasks[:-1]]
    for child in children:
        child.start()
    try:
        tasks[-1]()
    finally:
        for child in children:
            child.join()
    failed = [child.exitcode for child in children if child.exitcode != 0]
    if failed:
        raise OSError(f"writing an export failed (exit codes {failed})")


def _read_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as source:
        yield from source


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
        previous = line


def _count_lines(path: Path) -> int:
    with path.open("rb") as source:
        return sum(1 for _ in source)


def _quads(path: Path) -> Iterator[ox.Quad]:
    return iter(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))


def _union(nq: Path) -> Iterator[ox.Triple]:
    """The triples of all graphs, each once: in sorted N-Quads the copies of a triple in several
    graphs are adjacent (their lines share everything up to the graph name)."""
    previous = None
    for quad in _quads(nq):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if triple != previous:
            yield triple
        previous = triple


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )


def new_build_dir(build_link: Path) -> Path:
    """A fresh directory beside ``build_link`` (``.builds/<n>``) for the next build."""
    root = build_link.parent / ".builds"
    root.mkdir(parents=True, exist_ok=True)
    _remove_killed_builds(root, build_link)
    n = max((int(p.name) for p in root.iterdir() if p.name.isdigit()), default=0) + 1
    path = root / str(n)
    path.mkdir()
    (path / OWNER).write_text(f"{os.getpid()}\n", encoding="utf-8")
    return path


OWNER = ".building"  # the pid of the build writing this directory; removed by swap_in


def _remove_killed_builds(root: Path, build_link: Path) -> None:
    """Delete ``.builds/<n>`` directories whose build was killed (``kill -9``, power loss):
    ``discard`` never ran for them. A directory is dead when its owner process is gone, or
    when it is empty (killed between ``mkdir`` and writing the owner) and not served."""
    served = build_link.resolve() if build_link.is_symlink() else None
    for path in root.iterdir():
        if not path.name.isdigit() or path.resolve() == served:
            continue
        owner = path / OWNER
        if owner.exists():
            try:
                os.kill(int(owner.read_text(encoding="utf-8").strip()), 0)
                continue  # a build running now
            except ProcessLookupError:
                pass
            except (ValueError, PermissionError):
                continue
        elif any(path.iterdir()):
            continue  # a finished build kept for rollback
        shutil.rmtree(path, ignore_errors=True)


def swap_in(build_link: Path, new_dir: Path) -> None:
    """Point ``build_link`` at ``new_dir`` atomically and prune old builds.

    A plain ``build/`` directory from an older layout is moved aside first.
    """
    if build_link.exists() and not build_link.is_symlink():
        shutil.rmtree(build_link)
    tmp_link = build_link.with_name(build_link.name + ".swap")
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(new_dir, build_link.parent), tmp_link)
    os.replace(tmp_link, build_link)
    (new_dir / OWNER).unlink(missing_ok=True)
    root = new_dir.parent
    old = sorted((p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for stale in old[:-BUILDS_TO_KEEP]:
        shutil.rmtree(stale, ignore_errors=True)


def discard(new_dir: Path) -> None:
    shutil.rmtree(new_dir, ignore_errors=True)
