"""The alignment's records as triples of the alignment graph (IRIs from :mod:`mappings.rdf.iri`)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from mappings.alignment.method import Alignment
from mappings.rdf import iri

DOKG = iri.DOKG


def decimal_text(value: float) -> str:
    """The canonical xsd:decimal form, rounded to three places (what a store gives back).

    >>> [decimal_text(v) for v in (0.4, 0.3333, 1.0, 0.0)]
    ['0.4', '0.333', '1.0', '0.0']
    """
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def alignment_graph(alignment: Alignment) -> Graph:
    """Relations with score and evidence, progress claims with period, pledge stances."""
    g = Graph()
    for rel in alignment.relations:
        source, target = URIRef(rel.source), URIRef(rel.target)
        node = iri.pledge_relation(source, target)
        g.add((node, RDF.type, DOKG.PledgeRelation))
        g.add((node, DOKG.fromStatement, source))
        g.add((node, DOKG.toStatement, target))
        g.add((node, DOKG.relationType, DOKG[rel.type.value]))
        g.add((node, DOKG.score, Literal(decimal_text(rel.score), datatype=XSD.decimal)))
        for entity in rel.shared_entities:
            g.add((node, DOKG.sharedEntity, URIRef(entity)))
        for term in rel.shared_terms:
            g.add((node, DOKG.sharedTerm, Literal(term)))
    for claim in alignment.claims:
        node = URIRef(claim.statement)
        g.add((node, RDF.type, DOKG.ProgressClaim))
        if claim.claimed_from is not None:
            g.add((node, DOKG.claimedFrom, Literal(str(claim.claimed_from), datatype=XSD.gYear)))
        if claim.claimed_until is not None:
            g.add((node, DOKG.claimedUntil, Literal(str(claim.claimed_until), datatype=XSD.gYear)))
        for pledge in claim.reports_on:
            g.add((node, DOKG.reportsOn, URIRef(pledge)))
    for statement, stance in sorted(alignment.stances.items()):
        g.add((URIRef(statement), DOKG.stance, DOKG[stance.value]))
    return g
