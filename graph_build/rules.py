"""OWL 2 RL over a closed base, for new instance data only: owlrl's rules, run semi-naively.

owlrl re-reads every triple of its graph against every rule in every cycle, so a document pays
for the whole ontology and reference data several times over. Here the base (ontology +
reference, closed once by owlrl) is indexed once, and only the new triples and what they
entail are visited, each once: the least fixpoint of the same rules (owlrl's ``_properties``,
``_classes``, ``_class_axioms``; its ``_equality`` never fires without ``owl:sameAs``).

It covers what a document can bring in — instance triples between IRIs — under the axioms this
project's ontology uses. Whatever else could happen raises :class:`Unsupported` and the caller
falls back to owlrl: an axiom the rules here do not implement (``someValuesFrom``,
``intersectionOf``, keys, cardinalities, …), schema or literals in the new triples, and any
outcome owlrl would turn into ``owl:sameAs`` or an inconsistency (functional properties with
two values, disjoint classes, ``owl:Nothing``). A test compares with owlrl on every document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Set

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

# Axioms whose rules read instance data and are not implemented here: their presence in the
# base sends every document to owlrl.
_UNSUPPORTED_PREDICATES = {
    OWL.intersectionOf,
    OWL.unionOf,
    OWL.complementOf,
    OWL.someValuesFrom,
    OWL.allValuesFrom,
    OWL.maxCardinality,
    OWL.maxQualifiedCardinality,
    OWL.hasKey,
    OWL.propertyDisjointWith,
    OWL.sourceIndividual,
}
_UNSUPPORTED_TYPES = {
    OWL.IrreflexiveProperty,
    OWL.AsymmetricProperty,
    OWL.AllDisjointProperties,
}
_VOCABULARIES = (str(RDF), str(RDFS), str(OWL))
_INSTANCE_TYPES = {OWL.Thing, OWL.NamedIndividual}
_NONE: frozenset[Node] = frozenset()
_TYPE, _SAME_AS, _NOTHING = RDF.type, OWL.sameAs, OWL.Nothing  # rdflib's attribute look-up is slow


class Unsupported(Exception):  # noqa: N818 - a signal to fall back, not an error
    """The rules here cannot promise owlrl's answer for this input; use owlrl."""


class Rules:
    """The closed base, indexed (plain sets and dicts: rdflib's look-ups cost ~10× more)."""

    def __init__(self, base: Graph) -> None:
        self.triples: set[Triple] = set(base)
        self.by_sp: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.by_po: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        for s, p, o in self.triples:
            self.by_sp[(s, p)].add(o)
            self.by_po[(p, o)].add(s)
        self.reason_unsupported: str | None = None
        self.domain: dict[Node, set[Node]] = defaultdict(set)
        self.range: dict[Node, set[Node]] = defaultdict(set)
        self.super_properties: dict[Node, set[Node]] = defaultdict(set)
        self.inverse: dict[Node, set[Node]] = defaultdict(set)
        self.super_classes: dict[Node, set[Node]] = defaultdict(set)
        self.disjoint: dict[Node, set[Node]] = defaultdict(set)
        self.has_value_of_class: dict[Node, set[tuple[Node, Node]]] = defaultdict(set)
        self.class_of_value: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.chains: dict[Node, list[tuple[Node, tuple[Node, ...]]]] = defaultdict(list)
        self.symmetric: set[Node] = set()
        self.transitive: set[Node] = set()
        self.functional: set[Node] = set()
        self.inverse_functional: set[Node] = set()
        self._read(base)

    def _read(self, base: Graph) -> None:
        for s, p, o in base:
            if p in _UNSUPPORTED_PREDICATES or (p == RDF.type and o in _UNSUPPORTED_TYPES):
                self.reason_unsupported = f"{p} {o}"
            if p == RDFS.domain:
                self.domain[s].add(o)
            elif p == RDFS.range:
                self.range[s].add(o)
            elif p == RDFS.subPropertyOf:
                self.super_properties[s].add(o)
            elif p == OWL.equivalentProperty and s != o:
                self.super_properties[s].add(o)
                self.super_properties[o].add(s)
            elif p == OWL.inverseOf:
                self.inverse[s].add(o)
                self.inverse[o].add(s)
            elif p == RDFS.subClassOf and s != o:
                self.super_classes[s].add(o)
            elif p == OWL.equivalentClass and s != o:
                self.super_classes[s].add(o)
                self.super_classes[o].add(s)
            elif p == OWL.disjointWith:
                self.disjoint[s].add(o)
                self.disjoint[o].add(s)
            elif p == OWL.propertyChainAxiom:
                chain = tuple(Collection(base, o))
                for link in set(chain):
                    self.chains[link].append((s, chain))
            elif p == OWL.hasValue:
                for prop in base.objects(s, OWL.onProperty):
                    self.has_value_of_class[s].add((prop, o))
                    self.class_of_value[(prop, o)].add(s)
            elif p == RDF.type:
                if o == OWL.FunctionalProperty:
                    self.functional.add(s)
                elif o == OWL.InverseFunctionalProperty:
                    self.inverse_functional.add(s)
                elif o == OWL.SymmetricProperty:
                    self.symmetric.add(s)
                elif o == OWL.TransitiveProperty:
                    self.transitive.add(s)
                elif o == OWL.AllDisjointClasses:
                    for members in base.objects(s, OWL.members):
                        classes = list(Collection(base, members))
                        for a in classes:
                            self.disjoint[a].update(c for c in classes if c != a)

    def check_input(self, triples: Iterable[Triple]) -> None:
        """Raise :class:`Unsupported` unless every triple is instance data between IRIs."""
        if self.reason_unsupported is not None:
            raise Unsupported(f"the base uses {self.reason_unsupported}")
        for s, p, o in triples:
            if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)):
                raise Unsupported(f"not a triple between IRIs: {s} {p} {o}")
            if str(p).startswith(_VOCABULARIES) and p != RDF.type:
                raise Unsupported(f"vocabulary predicate in the data: {p}")
            if p == RDF.type and str(o).startswith(_VOCABULARIES) and o not in _INSTANCE_TYPES:
                raise Unsupported(f"vocabulary class in the data: {o}")

    def closure(self, triples: Iterable[Triple]) -> set[Triple]:
        """What base + ``triples`` entail that the base does not hold (``triples`` included)."""
        data = list(triples)
        self.check_input(data)
        return _Run(self).run(data)


class _Run:
    """One fixpoint: the base's triples are looked up in it, the new ones in local indexes."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.base = rules.triples
        self.new: set[Triple] = set()
        self.by_sp: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.by_po: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.agenda: list[Triple] = []

    def holds(self, t: Triple) -> bool:
        return t in self.new or t in self.base

    def objects(self, s: Node, p: Node) -> Set[Node]:
        return self.rules.by_sp.get((s, p), _NONE) | self.by_sp.get((s, p), _NONE)

    def subjects(self, p: Node, o: Node) -> Set[Node]:
        return self.rules.by_po.get((p, o), _NONE) | self.by_po.get((p, o), _NONE)

    def add(self, t: Triple) -> None:
        if isinstance(t[1], Literal) or self.holds(t):
            return
        self.new.add(t)
        s, p, o = t
        self.by_sp[(s, p)].add(o)
        self.by_po[(p, o)].add(s)
        self.agenda.append(t)

    def run(self, data: list[Triple]) -> set[Triple]:
        for t in data:
            self.add(t)
        while self.agenda:
            self.fire(self.agenda.pop())
        return self.new

    def fire(self, t: Triple) -> None:
        r = self.rules
        s, p, o = t
        if p == _SAME_AS and s != o:
            raise Unsupported(f"owl:sameAs {s} {o}")
        for c in r.domain.get(p, ()):  # prp-dom
            self.add((s, _TYPE, c))
        for c in r.range.get(p, ()):  # prp-rng
            self.add((o, _TYPE, c))
        for q in r.super_properties.get(p, ()):  # prp-spo1, prp-eqp1/2
            self.add((s, q, o))
        for q in r.inverse.get(p, ()):  # prp-inv1/2
            self.add((o, q, s))
        if p in r.symmetric:  # prp-symp
            self.add((o, p, s))
        if p in r.transitive:  # prp-trp
            for z in self.objects(o, p):
                self.add((s, p, z))
            for w in self.subjects(p, s):
                self.add((w, p, o))
        if p in r.functional and len(self.objects(s, p)) > 1:  # prp-fp
            raise Unsupported(f"functional {p} with two values on {s}")
        if p in r.inverse_functional and len(self.subjects(p, o)) > 1:  # prp-ifp
            raise Unsupported(f"inverse functional {p} with two subjects of {o}")
        for c in r.class_of_value.get((p, o), ()):  # cls-hv2
            self.add((s, _TYPE, c))
        for q, chain in r.chains.get(p, ()):  # prp-spo2
            for i, link in enumerate(chain):
                if link == p:
                    for start in self._walk_back(s, chain[:i]):
                        for end in self._walk(o, chain[i + 1 :]):
                            self.add((start, q, end))
        if p == _TYPE:
            if o == _NOTHING:
                raise Unsupported(f"{s} is of type owl:Nothing")
            for c in r.super_classes.get(o, ()):  # cax-sco, cax-eqc1/2
                self.add((s, _TYPE, c))
            for prop, value in r.has_value_of_class.get(o, ()):  # cls-hv1
                self.add((s, prop, value))
            for other in r.disjoint.get(o, ()):  # cax-dw, cax-adc
                if self.holds((s, _TYPE, other)):
                    raise Unsupported(f"{s} in disjoint classes {o} and {other}")

    def _walk(self, node: Node, links: tuple[Node, ...]) -> set[Node]:
        nodes = {node}
        for link in links:
            nodes = {n for m in nodes for n in self.objects(m, link)}
        return nodes

    def _walk_back(self, node: Node, links: tuple[Node, ...]) -> set[Node]:
        nodes = {node}
        for link in reversed(links):
            nodes = {n for m in nodes for n in self.subjects(link, m)}
        return nodes
