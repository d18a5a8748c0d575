"""Fixtures for the ontology tests: the parsed ontology files and an owlrl run over them.

owlrl does not raise on an inconsistency. It records a message per clash (disjoint classes
with a common member, a functional property whose values are declared different, a member of
owl:Nothing) and, at the end of ``expand``, adds each message to the graph as a blank node of
type ``err:ErrorMessage`` with an ``err:error`` literal, in the namespace
``http://www.daml.org/2002/03/agents/agent-ont#`` (owlrl.Namespaces.ERRNS). The fixtures read
those triples back so that a test can say "consistent" or name the clash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = ROOT / "ontology"
CORE = ONTOLOGY_DIR / "core.ttl"
ALIGNMENTS = ONTOLOGY_DIR / "alignments.ttl"
ONTOLOGY_SHAPES = ONTOLOGY_DIR / "shapes" / "ontology-shapes.ttl"
HERE = Path(__file__).resolve().parent
REASONING = HERE / "reasoning"


def parse(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def reason(*graphs: Graph) -> Graph:
    """Merge ``graphs`` into a fresh graph and expand it with OWL 2 RL (inputs unchanged)."""
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(merged)
    return merged


def inconsistencies(closure: Graph) -> tuple[str, ...]:
    """The messages owlrl added to ``closure``, sorted; empty when it found no clash."""
    return tuple(sorted(str(m) for m in closure.objects(None, ERRNS.error)))


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """core.ttl and alignments.ttl, the files this test package is about."""
    return parse(CORE, ALIGNMENTS)


@pytest.fixture(scope="session")
def reasoner() -> Callable[..., Graph]:
    """:func:`reason`: merge graphs and expand them with owlrl."""
    return reason


@pytest.fixture(scope="session")
def owl_errors() -> Callable[[Graph], tuple[str, ...]]:
    """:func:`inconsistencies`: the clashes owlrl recorded in a closure."""
    return inconsistencies


@pytest.fixture(scope="session")
def sample_closure(ontology: Graph) -> Graph:
    """The ontology plus the consistent sample instance graph, expanded once per session."""
    return reason(ontology, parse(REASONING / "consistent.ttl"))
