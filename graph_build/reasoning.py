"""OWL RL reasoning with owlrl, over what needs it: ontology, reference data and links.

owlrl is slow on large graphs, so text literals and text selectors never go into the reasoner:
a document contributes only its IRI-to-IRI triples (types, authors, mentions, topics,
sections). The ontology plus reference data are closed once; each document is then reasoned on
top of that closure, and only what is new about the project's own things is kept, in its own
named graph (inferred triples never go into the source graphs).

owlrl walks every triple of its graph in every cycle, so a document pays for the size of the
closed base each time. Most of that base is labels and definitions, literal-valued triples no
rule can join with a document's links; :func:`reasoning_slice` leaves those out (exactly: see
its docstring; a test compares with reasoning over the whole base on every real document).
"""

from __future__ import annotations

from collections.abc import Iterable

import owlrl
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from graph_build.errors import BuildError
from graph_build.rules import Rules, Unsupported
from mappings.rdf.iri import DOKG, ID

ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
OA = Namespace("http://www.w3.org/ns/oa#")
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
# Links that entail nothing a query needs (text structure, provenance of spans, targets):
# leaving them out keeps owlrl's fixpoint loop short.
_NOT_FOR_REASONING = {
    DOKG.textSpan,
    OA.hasSelector,
    OA.hasSource,
    DOKG.inSection,
    DOKG.parentSection,
    DOKG.parentStatement,
    DOKG.hasTarget,
    DOKG.modality,
    DOKG.testability,
    DOKG.sourceFile,
    DOKG.topic,
    DOKG.hasMention,
    DOKG.refersTo,
}
_STRUCTURE_SUFFIXES = ("/span", "/position", "/quote")


def _closure(graph: Graph) -> Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = sorted(str(o) for o in graph.objects(None, ERRNS.error))
    if errors:
        raise BuildError("ontology inconsistent (OWL RL): " + "; ".join(errors))
    return graph


def reasoning_input(data: Graph) -> Iterable[tuple[URIRef, URIRef, URIRef]]:
    """The IRI-to-IRI triples of a document graph that reasoning needs."""
    for s, p, o in data:
        if isinstance(o, Literal) or p in _NOT_FOR_REASONING:
            continue
        if str(s).endswith(_STRUCTURE_SUFFIXES) or "/target/" in str(s) or "/mention/" in str(s):
            continue
        if isinstance(s, URIRef) and str(s).startswith(ID + "section/"):
            continue
        yield s, p, o  # type: ignore[misc]


# Property characteristics and axioms under which a triple's value takes part in a rule with a
# second data triple (OWL 2 RL tables 4-6: prp-fp, prp-ifp, prp-trp, prp-symp, prp-asyp,
# prp-irp, prp-inv, prp-pdw, prp-adp, prp-spo2, prp-key, prp-npa, cls-svf/avf/hv/maxc/maxqc).
_JOINING_TYPES = {
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.IrreflexiveProperty,
    OWL.ReflexiveProperty,
}
_JOINING_AXIOMS = {OWL.inverseOf, OWL.propertyDisjointWith, OWL.propertyChainAxiom}
_JOINING_OBJECTS = {OWL.onProperty, OWL.onProperties, OWL.assertionProperty, RDF.first}


def joining_properties(base: Graph) -> set[URIRef]:
    """Properties whose literal values an OWL RL rule can join with another data triple.

    Over-approximate on purpose: any property with a characteristic or axiom of that kind, any
    restriction's property and anything in an RDF list (chains, keys, disjoint sets).
    """
    found: set[URIRef] = set()
    for s, p, o in base:
        if p == RDF.type and o in _JOINING_TYPES and isinstance(s, URIRef):
            found.add(s)
        elif p in _JOINING_AXIOMS:
            found.update(n for n in (s, o) if isinstance(n, URIRef))
        elif p in _JOINING_OBJECTS and isinstance(o, URIRef):
            found.add(o)
    return found


def reasoning_slice(base: Graph) -> list[tuple[Node, Node, Node]]:
    """The closed base without the literal-valued triples no new inference can use.

    ``base`` is closed, so a triple of it can only add something new by joining, in one rule,
    with a triple that a document brings in. A document brings in no literals and no schema
    (see :func:`reasoning_input`), so a literal-valued triple ``x p "v"`` can only join on
    ``x``: through a rule with a second data triple on ``p`` (kept: :func:`joining_properties`)
    or through ``owl:sameAs``, which copies it onto another node as a literal-valued triple
    again — never kept as an inference, and harmless unless ``p`` joins. Rules reading one data
    triple (domain, range, sub-property, hasValue) gave their result when the base was closed.
    RDF and OWL's own vocabulary is always kept. Triples *about* a literal (``"v" owl:sameAs
    "v"``, ``"v" rdf:type xsd:string``) are owlrl's own by-products, made again for every
    literal that is still in the graph; the others' literals are not.
    """
    joining = joining_properties(base)
    return [
        (s, p, o)
        for s, p, o in base
        if not isinstance(s, Literal)
        and (not isinstance(o, Literal) or p in joining or str(p).startswith((str(RDF), str(OWL))))
    ]


def _keep(s: object, p: object, o: object) -> bool:
    if not isinstance(s, URIRef) or not str(s).startswith(ID) or not isinstance(o, URIRef):
        return False  # literals and anonymous classes (OWL restrictions) are not kept
    if p == OWL.sameAs and s == o:
        return False
    return not (p == RDF.type and o in _TRIVIAL_TYPES)


class Reasoner:
    """Closes ontology + reference once, then reasons document by document on top of it."""

    def __init__(self, ontology: Graph, reference: Graph) -> None:
        base = Graph()
        for t in ontology:
            base.add(t)
        for t in reference:
            base.add(t)
        asserted = set(base)
        self.base = _closure(base)
        self.reference_inferred = Graph()
        for t in self.base:
            if t not in asserted and _keep(*t):
                self.reference_inferred.add(t)
        self.slice = reasoning_slice(self.base)
        self.rules = Rules(self.base)

    @classmethod
    def from_closure(cls, base: Graph, reference_inferred: Graph) -> Reasoner:
        """A reasoner over a base another process has already closed (see ``__init__``)."""
        reasoner = cls.__new__(cls)
        reasoner.base = base
        reasoner.reference_inferred = reference_inferred
        reasoner.slice = reasoning_slice(base)
        reasoner.rules = Rules(base)
        return reasoner

    def infer(self, document: Graph, *, reference: bool = False) -> Graph:
        """Triples entailed by the document's links that are not already asserted anywhere.

        By default owlrl's rules run semi-naively over the indexed base (:mod:`graph_build.rules`);
        where those cannot promise owlrl's answer, and with ``reference``, owlrl itself runs
        (:meth:`infer_owlrl`). Tests compare both on every real document.
        """
        if not reference:
            doc_triples = list(reasoning_input(document))
            try:
                entailed = self.rules.closure(doc_triples)
            except Unsupported:
                pass
            else:
                known = set(doc_triples)
                inferred = Graph()
                for t in entailed:
                    if _keep(*t) and t not in known and t not in document:
                        inferred.add(t)
                return inferred
        return self.infer_owlrl(document)

    def infer_owlrl(
        self, document: Graph, *, share_signatures: bool = True, slice_base: bool = True
    ) -> Graph:
        """What :meth:`infer` gives, computed by owlrl (the reference implementation).

        With ``share_signatures`` (the default), statements whose outgoing links are identical
        — same types, authors, document, mentions — are reasoned once through a representative
        and its results copied to the others. That is exact here: nothing in the reasoning input
        points *to* such a node, so under OWL RL's rules what is entailed about it depends only
        on its own outgoing links and on the shared ontology and reference data. A node that
        something points to (the document itself) is reasoned as it is.

        With ``slice_base`` (the default), owlrl sees :func:`reasoning_slice` of the base, in a
        context-free store (rdflib's ``SimpleMemory``: the same triples, cheaper look-ups). A
        test checks the defaults give the same graph as plain reasoning on every real document.
        """
        doc_triples = list(reasoning_input(document))
        work = Graph(store="SimpleMemory") if slice_base else Graph()
        for t in self.slice if slice_base else self.base:
            work.add(t)
        members: dict[URIRef, list[URIRef]] = {}
        if share_signatures:
            to_reason, members = _share_signatures(doc_triples)
        else:
            to_reason = doc_triples
        for t in to_reason:
            work.add(t)
        _closure(work)
        known = set(doc_triples)
        inferred = Graph()
        for t in work:
            if not _keep(*t) or t in self.base:
                continue
            for copy in _copies(t, members):  # type: ignore[arg-type]
                if copy not in known and copy not in document:
                    inferred.add(copy)
        return inferred


Triple = tuple[URIRef, URIRef, URIRef]


def _share_signatures(triples: list[Triple]) -> tuple[list[Triple], dict[URIRef, list[URIRef]]]:
    """One representative per group of subjects with identical outgoing links.

    Returns the triples to reason over and, per representative, the subjects it stands for.
    """
    pointed_to = {o for _, _, o in triples}
    outgoing: dict[URIRef, set[tuple[URIRef, URIRef]]] = {}
    for s, p, o in triples:
        outgoing.setdefault(s, set()).add((p, o))
    groups: dict[frozenset[tuple[URIRef, URIRef]], list[URIRef]] = {}
    kept: list[Triple] = []
    for subject in sorted(outgoing):
        if subject in pointed_to:
            kept.extend((subject, p, o) for p, o in outgoing[subject])
        else:
            groups.setdefault(frozenset(outgoing[subject]), []).append(subject)
    members: dict[URIRef, list[URIRef]] = {}
    for signature, subjects in groups.items():
        representative = subjects[0]
        members[representative] = subjects
        kept.extend((representative, p, o) for p, o in signature)
    return kept, members


def _copies(t: Triple, members: dict[URIRef, list[URIRef]]) -> list[Triple]:
    """The triple for every subject its representative stands for (itself if none)."""
    s, p, o = t
    if s in members:
        return [(m, p, o) for m in members[s]]
    if o in members:
        return [(s, p, m) for m in members[o]]
    return [t]
