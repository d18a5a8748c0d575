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
from mappings.rdf import iri
from mappings.rdf.iri import DOKG

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


@pytest.mark.slow
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
    shared = ctx.reasoner.infer_owlrl(graph)
    plain = ctx.reasoner.infer_owlrl(graph, share_signatures=False)
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


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", _real_documents())
def test_rules_and_sliced_base_give_owlrls_inferences_over_the_whole_base(
    doc_id: str, context: object
) -> None:
    """The default engine (owlrl's rules run semi-naively, :mod:`graph_build.rules`) and owlrl
    over the sliced base both give what owlrl gives over the whole base, on every document."""
    from graph_build import pipeline
    from mappings.registry import load_registry

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    (info,) = [d for d in load_registry() if d.id == doc_id]
    ctx: pipeline.BuildContext = context  # type: ignore[assignment]
    source, parsed = pipeline.parse_document(corpus, info)
    graph = pipeline.map_document(info, source, parsed)
    pipeline.link_document(info, parsed, graph)
    ctx.reasoner.rules.closure(reasoning_input(graph))  # no fall-back to owlrl on real data
    fast = ctx.reasoner.infer(graph)
    sliced = ctx.reasoner.infer_owlrl(graph)
    whole = ctx.reasoner.infer_owlrl(graph, slice_base=False)
    assert len(sliced) > 100
    assert set(fast) == set(sliced) == set(whole)


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
    assert set(inferred) == set(reasoner.infer_owlrl(doc, slice_base=False))
    assert set(inferred) == set(reasoner.infer_owlrl(doc))
    assert (place, EX.code, Literal("T-1")) in reasoner.slice
    assert (place, RDFS.label, Literal("Testhausen", lang="de")) not in reasoner.slice


def test_rules_give_way_to_owlrl_where_they_cannot_promise_its_answer() -> None:
    """Two values of a functional property make owlrl infer owl:sameAs, which the rules do not
    implement: they must say so, and ``infer`` must then give owlrl's answer."""
    from graph_build.rules import Unsupported

    reasoner = Reasoner(load_ontology(), Graph())
    doc = _document()
    doc.add((STATEMENT, DOKG.modality, DOKG.commitment))
    doc.add((STATEMENT, DOKG.modality, DOKG.demand))
    data = list(doc)  # modality is left out of reasoning input, so reason over it directly
    with pytest.raises(Unsupported, match="functional"):
        reasoner.rules.closure([t for t in data if not isinstance(t[2], Literal)])
    with pytest.raises(Unsupported, match="IRIs"):
        reasoner.rules.closure(data)


def test_rules_follow_chains_transitivity_and_has_value_like_owlrl() -> None:
    """A small graph that exercises each rule the engine implements, against owlrl."""
    onto = load_ontology()
    reference = Graph()
    a, b, c = (iri.place(x) for x in ("a", "b", "c"))
    for x in (a, b, c):
        reference.add((x, RDF.type, DOKG.Place))
    reference.add((b, DOKG.partOf, c))
    reasoner = Reasoner(onto, reference)
    doc = _document()
    doc.add((STATEMENT, DOKG.mentions, a))
    doc.add((a, DOKG.partOf, b))
    fast = reasoner.infer(doc)
    assert (STATEMENT, DOKG.concernsViaLocation, c) in fast
    assert (a, DOKG.partOf, c) in fast
    assert set(fast) == set(reasoner.infer_owlrl(doc, share_signatures=False))
