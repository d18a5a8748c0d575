"""Reasoning: inferred triples are kept apart, text never enters owlrl, clashes stop the build."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from graph_build.errors import BuildError
from graph_build.ontology import load_ontology
from graph_build.reasoning import Reasoner, reasoning_input
from mappings import iri
from mappings.iri import DOKG

STATEMENT = iri.statement("doc", "abc")
FACTION = iri.actor("cdu-fraktion-dortmund")


@pytest.fixture(scope="module")
def reasoner() -> Reasoner:
    reference = Graph()
    reference.add((FACTION, RDF.type, DOKG.CouncilFaction))
    return Reasoner(load_ontology(), reference)


def _document() -> Graph:
    g = Graph()
    g.add((STATEMENT, RDF.type, DOKG.Statement))
    g.add((STATEMENT, RDF.type, DOKG.Pledge))
    g.add((STATEMENT, DOKG.author, FACTION))
    g.add((STATEMENT, DOKG.verbatimText, Literal("Wir bauen.", lang="de")))
    return g


def test_author_entails_attribution_in_the_inferred_graph_only(reasoner: Reasoner) -> None:
    doc = _document()
    before = set(doc)
    inferred = reasoner.infer(doc)
    assert (STATEMENT, PROV.wasAttributedTo, FACTION) in inferred
    assert (STATEMENT, RDF.type, PROV.Entity) in inferred
    assert set(doc) == before  # the source graph is never written to
    assert not set(inferred) & before


def test_text_literals_never_enter_the_reasoner() -> None:
    assert all(not isinstance(o, Literal) for _, _, o in reasoning_input(_document()))


def test_reference_types_are_inferred_once(reasoner: Reasoner) -> None:
    assert (FACTION, RDF.type, DOKG.Actor) in reasoner.reference_inferred


def test_inconsistent_data_fails_the_build(reasoner: Reasoner) -> None:
    """A node that is both a person and an organisation (declared disjoint) must stop it."""
    doc = _document()
    clash = URIRef(iri.ID + "person/jane")
    doc.add((clash, RDF.type, DOKG.Person))
    doc.add((clash, RDF.type, DOKG.CouncilFaction))
    with pytest.raises(BuildError, match="inconsistent"):
        reasoner.infer(doc)


def test_shared_signatures_give_the_same_inferences_as_plain_reasoning(
    reasoner: Reasoner,
) -> None:
    """Reasoning once per link signature must be exact, checked on a whole real document."""
    from pathlib import Path

    from graph_build import pipeline
    from mappings.registry import load_registry

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    (info,) = [d for d in load_registry() if d.id == "2021-gruene-cdu-leitlinien"]
    ctx = pipeline.BuildContext.load()
    source, parsed = pipeline.parse_document(corpus, info)
    graph = pipeline.map_document(info, source, parsed)
    pipeline.link_document(info, parsed, graph)
    shared = ctx.reasoner.infer(graph)
    plain = ctx.reasoner.infer(graph, share_signatures=False)
    assert len(shared) > 1000
    assert set(shared) == set(plain)
