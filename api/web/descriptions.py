"""Self-descriptions: the SPARQL Service Description and the VoID / DCAT-AP.de dataset record.

Harvesters (GovData, the Open-Data-Portal of the city) read DCAT-AP.de; linked-data tools read
VoID; SPARQL clients read the Service Description. All three are built from the served graph
(triple counts, documents, graphs) and the request's own base URL, so a mirror describes itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from api.engine.backends import internal_query
from api.engine.results import SelectResult, text_of
from mappings.build_files import EXPORTS
from mappings.rdf import iri

if TYPE_CHECKING:
    from api.web.deps import Served

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "text/plain": "nt",
}
DUMPS = dict(EXPORTS)
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DORTMUND_KEY = URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/059130000000")
MUNICIPALITY = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
GOVE = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")


def _serialise(graph: Graph, media_type: str) -> bytes:
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.bind("dcatde", DCATDE)
    graph.bind("dokg", iri.DOKG)
    return graph.serialize(format=FORMATS.get(media_type, "turtle"), encoding="utf-8")


def service_description(endpoint: str, served: Served, media_type: str) -> bytes:
    """The SPARQL 1.1 Service Description of ``/sparql``."""
    graph = Graph()
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        graph.add((service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/" + fmt)))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, DCTERMS.source, iri.DATASET))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    for name in sorted(served.graphs):
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return _serialise(graph, media_type)


def dataset_description(base: str, served: Served, media_type: str) -> bytes:
    """VoID and DCAT-AP.de for the whole dataset, with its dumps and endpoint."""
    graph = Graph()
    ds = iri.DATASET
    graph.add((ds, RDF.type, VOID.Dataset))
    graph.add((ds, RDF.type, DCAT.Dataset))
    graph.add(
        (ds, DCTERMS.title, Literal("Dortmunder Kommunalpolitik als Wissensgraph", lang="de"))
    )
    graph.add((ds, DCTERMS.title, Literal("Dortmund local policy knowledge graph", lang="en")))
    graph.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Jede Zusage, Forderung und Ablehnung aus fünf Dortmunder Programmen und "
                "Strategiepapieren, verknüpft mit Akteuren, Orten und Themen, mit Quellenangabe "
                "bis auf die Zeile.",
                lang="de",
            ),
        )
    )
    graph.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Every pledge of five Dortmund policy documents, linked to actors, places and "
                "topics, "
                "with provenance down to the source line.",
                lang="en",
            ),
        )
    )
    publisher = URIRef(iri.BASE + "publisher")
    graph.add((ds, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal("dortmund-kg project")))
    graph.add((ds, DCTERMS.license, LICENCE))
    graph.add(
        (
            ds,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/DEU"),
        )
    )
    graph.add((ds, DCAT.theme, GOVE))
    graph.add((ds, DCATDE.politicalGeocodingURI, DORTMUND_KEY))
    graph.add((ds, DCATDE.politicalGeocodingLevelURI, MUNICIPALITY))
    graph.add((ds, DCTERMS.spatial, URIRef("http://www.wikidata.org/entity/Q1295")))
    graph.add((ds, DCATDE.contributorID, URIRef("http://dcat-ap.de/def/contributors/")))
    graph.add((ds, VOID.uriSpace, Literal(iri.ID)))
    graph.add((ds, VOID.vocabulary, URIRef(str(iri.DOKG))))
    graph.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    graph.add((ds, VOID.rootResource, URIRef(iri.ID + "actor/stadt-dortmund")))
    counts = served.backend.query(internal_query("graph-counts"))
    total = 0
    if isinstance(counts, SelectResult):
        for row in counts.rows:
            subset = URIRef(text_of(row["g"]))
            triples = int(text_of(row["triples"]))
            total += triples
            graph.add((ds, VOID.subset, subset))
            graph.add((subset, RDF.type, VOID.Dataset))
            graph.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
            graph.add((subset, RDF.type, SD.NamedGraph))
            graph.add((subset, SD.name, subset))
            graph.add((subset, DCTERMS.title, Literal("Graph " + str(subset)[len(iri.GRAPH) :])))
            if str(subset).startswith(iri.GRAPH + "document/"):
                stem = str(subset)[len(iri.GRAPH + "document/") :]
                graph.add((subset, DCTERMS.source, iri.document(stem)))
    graph.add((ds, VOID.triples, Literal(total, datatype=XSD.integer)))
    documents = served.backend.query(internal_query("documents"))
    if isinstance(documents, SelectResult):
        for row in documents.rows:
            graph.add((ds, DCTERMS.source, URIRef(text_of(row["document"]))))
    for file_name, (media, title) in DUMPS.items():
        if not (served.settings.build_dir / file_name).exists():
            continue
        url = URIRef(base + "dumps/" + file_name)
        dist = URIRef(iri.BASE + "distribution/" + file_name.replace(".", "-"))
        graph.add((ds, VOID.dataDump, url))
        graph.add((ds, DCAT.distribution, dist))
        graph.add((dist, RDF.type, DCAT.Distribution))
        graph.add((dist, DCTERMS.title, Literal(title, lang="en")))
        graph.add((dist, DCAT.downloadURL, url))
        graph.add((dist, DCAT.accessURL, url))
        graph.add(
            (dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media))
        )
        graph.add((dist, DCTERMS.license, LICENCE))
    endpoint_dist = URIRef(iri.BASE + "distribution/sparql")
    graph.add((ds, DCAT.distribution, endpoint_dist))
    graph.add((endpoint_dist, RDF.type, DCAT.Distribution))
    graph.add((endpoint_dist, DCAT.accessURL, URIRef(base + "sparql")))
    graph.add((endpoint_dist, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((endpoint_dist, DCTERMS.license, LICENCE))
    return _serialise(graph, media_type)
