"""Write the dataset: sorted N-Quads (the source of truth), TriG, Turtle, JSON-LD, summary.

Output must be byte-identical on every rebuild, so N-Quads lines are sorted and nothing
time-dependent goes into the graph. A build is written to a fresh directory and only then
swapped in (an atomic rename of the ``build`` symlink), so a failed build never touches the
last good one and a server never sees a half-written graph.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.nt import _quoteLiteral

from mappings.iri import DOKG, ID

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

    Data graphs have no blank nodes (every node is minted in :mod:`mappings.iri`); the
    ontology's OWL lists and restrictions do, so a graph holding blank nodes is first
    canonicalised (``rdflib.compare``), which labels each blank node by its structure, and the
    labels are scoped per graph — the same every rebuild.
    """
    lines: set[str] = set()
    for name, graph in graphs:
        g = name.n3()
        scope = "g" + hashlib.sha256(str(name).encode()).hexdigest()[:8] + "x"
        if any(isinstance(t, BNode) for triple in graph for t in triple):
            graph = to_canonical_graph(graph)
        for s, p, o in graph:
            lines.add(f"{_term(s, scope)} {p.n3()} {_term(o, scope)} {g} .\n")
    return sorted(lines)


def write_exports(lines: list[str], out: Path) -> dict[str, int]:
    """Write dataset.nq and the derived TriG / Turtle / JSON-LD; return triples per graph.

    The exports are serialised by pyoxigraph, which is two orders of magnitude faster than
    rdflib's serialisers on this size and writes the same bytes for the same store.
    """
    nq = out / "dataset.nq"
    nq.write_text("".join(lines), encoding="utf-8")
    # Keep the canonical blank-node labels (a store would rename them at random) and write
    # in a fixed order, so every export is byte-identical on a rebuild.
    quads = list(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
    prefixes = {
        "dokg": str(DOKG),
        "id": ID,
        "oa": "http://www.w3.org/ns/oa#",
        "dcterms": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
    }
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    ox.serialize(quads, str(out / "dataset.trig"), ox.RdfFormat.TRIG, prefixes=prefixes)
    union = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    ox.serialize(union, str(out / "dataset.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)
    ox.serialize(union, str(out / "dataset.jsonld"), ox.RdfFormat.JSON_LD)
    counts: dict[str, int] = {}
    for line in lines:
        graph = line.rsplit(" ", 2)[-2].strip("<>")
        counts[graph] = counts.get(graph, 0) + 1
    return dict(sorted(counts.items()))


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )


def new_build_dir(build_link: Path) -> Path:
    """A fresh directory beside ``build_link`` (``.builds/<n>``) for the next build."""
    root = build_link.parent / ".builds"
    root.mkdir(parents=True, exist_ok=True)
    n = max((int(p.name) for p in root.iterdir() if p.name.isdigit()), default=0) + 1
    path = root / str(n)
    path.mkdir()
    return path


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
    root = new_dir.parent
    old = sorted((p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for stale in old[:-BUILDS_TO_KEEP]:
        shutil.rmtree(stale, ignore_errors=True)


def discard(new_dir: Path) -> None:
    shutil.rmtree(new_dir, ignore_errors=True)
