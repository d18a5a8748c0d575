"""The build's own description: which sources it used and which software made it (PROV,
DCAT), free of time stamps so that a rebuild writes the same bytes."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS

from mappings.build_files import VERSION
from mappings.rdf import iri
from mappings.registry import DocumentInfo


def provenance_graph(documents: list[DocumentInfo]) -> Graph:
    """PROV of the build: which sources, which software. Free of time stamps (reproducible)."""
    g = Graph()
    dataset = iri.DATASET
    activity = iri.BUILD_ACTIVITY
    agent = iri.software(VERSION)
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, PROV.Entity))
    g.add((dataset, DCTERMS.title, Literal("dortmund-kg", lang="en")))
    g.add((dataset, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"dortmund-kg {VERSION}")))
    for info in documents:
        src = iri.source_file(info.id)
        g.add((activity, PROV.used, src))
        g.add((dataset, PROV.wasDerivedFrom, src))
        g.add((dataset, DCTERMS.source, iri.document(info.id)))
    return g
