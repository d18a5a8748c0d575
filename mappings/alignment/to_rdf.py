"""The alignment's records as triples of the alignment graph (IRIs from :mod:`mappings.iri`)."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from mappings import iri
from mappings.alignment.method import Alignment

DOKG = iri.DOKG


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
        g.add((node, DOKG.score, Literal(Decimal(f"{rel.score:.3f}"), datatype=XSD.decimal)))
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
