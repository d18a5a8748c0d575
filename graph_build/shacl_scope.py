"""Which nodes pySHACL needs to see: rudof finds them, their forward closure is what they read.

pySHACL walks every focus node of a document through every shape in Python, ~20 s for the
largest document, though almost every node conforms. rudof (``pyrudof``, Rust) runs the same
shapes over the same data in a fraction of that; the nodes it reports are then validated by
pySHACL over their *forward closure* — every triple reachable from them along outgoing links.
pySHACL's findings come from there, so their wording, paths and duplicates are pySHACL's own.

Exact where the shapes only select focus nodes by class and only follow paths forwards
(:func:`scopable`): then a node's results depend only on triples reachable from it, so they are
the same in the closure as in the whole graph, and every node in the closure gets them. What
remains is that rudof reports every node pySHACL would; a test compares the findings with
pySHACL over the whole data on every real document and every invalid fixture.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Node

# Anything by which a shape selects or reaches a node other than forwards from a typed node.
_NOT_SCOPABLE = (
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.inversePath,
    SH.sparql,
    SH.rule,
    SH.zeroOrMorePath,  # forwards too, but the closure below follows single links only
    SH.oneOrMorePath,
    SH.alternativePath,
)


def scopable(shapes: Graph) -> bool:
    """Whether a forward closure holds everything the shapes can read about its nodes."""
    return not any(True for p in _NOT_SCOPABLE for _ in shapes.triples((None, p, None)))


def forward_closure(data: Graph, nodes: Iterable[Node]) -> Graph:
    """Every triple of ``data`` reachable from ``nodes`` along outgoing links (types included)."""
    closure = Graph()
    seen: set[Node] = set()
    todo = list(nodes)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in data.predicate_objects(node):
            closure.add((node, p, o))
            if not isinstance(o, Literal):
                todo.append(o)
    return closure


def reported_nodes(ntriples: str, shapes_turtle: str) -> set[str] | None:
    """Focus nodes rudof reports anything for (IRIs); ``None`` if rudof cannot say.

    ``None`` also when it reports a node that is not an IRI, which the closure above could not
    be started from by name.
    """
    try:
        import pyrudof
    except ImportError:
        return None
    try:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(ntriples, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes_turtle)
        report = rudof.validate_shacl()
    except Exception:  # noqa: BLE001 - any failure of the fast path means: use pySHACL
        return None
    nodes: set[str] = set()
    for entry in report:
        focus = str(entry.focus_node)
        if focus.startswith("<") and focus.endswith(">"):
            focus = focus[1:-1]
        if focus.startswith(("_:", '"')) or ":" not in focus:
            return None
        nodes.add(focus)
    return nodes
