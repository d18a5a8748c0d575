"""Reasoning: inferred triples are kept apart, text never enters owlrl, clashes stop the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
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


def _real_documents() -> list[str]:
    from mappings.registry import load_registry

    ids = [d.id for d in load_registry()]
    assert ids
    return ids


@pytest.fixture(scope="module")
def context():  # type: ignore[no-untyped-def]
    from graph_build import pipeline

    return pipeline.BuildContext.load()


@pytest.mark.parametrize("doc_id", _real_documents())
def test_sliced_base_gives_the_same_inferences_as_the_whole_base(
    doc_id: str, context: object
) -> None:
    """Leaving inert literal-valued triples out of owlrl's graph must change nothing."""
    from graph_build import pipeline
    from mappings.registry import load_registry

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    (info,) = [d for d in load_registry() if d.id == doc_id]
    ctx: pipeline.BuildContext = context  # type: ignore[assignment]
    source, parsed = pipeline.parse_document(corpus, info)
    graph = pipeline.map_document(info, source, parsed)
    pipeline.link_document(info, parsed, graph)
    sliced = ctx.reasoner.infer(graph)
    whole = ctx.reasoner.infer(graph, slice_base=False)
    assert len(sliced) > 100
    assert set(sliced) == set(whole)


EX = Namespace("https://example.org/test#")


def test_literals_a_property_chain_reads_stay_in_the_slice() -> None:
    """A chain ending in a literal-valued property joins that literal with a document's link:
    the slice must keep it, while plain labels (which join with nothing) are left out."""
    onto = load_ontology()
    chain = URIRef(EX + "chainHead")
    Collection(onto, chain, [DOKG.mentions, EX.code])
    onto.add((EX.mentionsCode, OWL.propertyChainAxiom, chain))
    onto.add((EX.mentionsCode, RDFS.domain, EX.Coded))
    place = iri.place("testhausen")
    reference = Graph()
    reference.add((place, RDF.type, DOKG.Place))
    reference.add((place, EX.code, Literal("T-1")))
    reference.add((place, RDFS.label, Literal("Testhausen", lang="de")))
    reasoner = Reasoner(onto, reference)
    doc = _document()
    doc.add((STATEMENT, DOKG.mentions, place))
    inferred = reasoner.infer(doc)
    assert (STATEMENT, RDF.type, EX.Coded) in inferred
    assert set(inferred) == set(reasoner.infer(doc, slice_base=False))
    assert (place, EX.code, Literal("T-1")) in reasoner.slice
    assert (place, RDFS.label, Literal("Testhausen", lang="de")) not in reasoner.slice
