"""Dereferencing /id/ and /def/ IRIs with content negotiation; VoID/DCAT; dumps."""

from __future__ import annotations

import json

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID

DSW21 = rdflib.URIRef("https://w3id.org/dortmund-kg/id/actor/dsw21")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_thing_dereferences_to_rdf_by_accept(client: TestClient, accept: str, fmt: str) -> None:
    response = client.get("/id/actor/dsw21", headers={"Accept": accept})
    assert response.status_code == 200
    assert "Accept" in response.headers["vary"]
    data = response.content
    if fmt == "json-ld":  # resolve the published @context from this server, never the network
        document = response.json()
        document["@context"] = client.get("/context.jsonld").json()["@context"]
        data = json.dumps(document).encode()
    graph = rdflib.Graph().parse(data=data, format=fmt)
    assert (DSW21, RDFS.label, rdflib.Literal("DSW21", lang="de")) in graph
    assert (None, rdflib.URIRef("https://w3id.org/dortmund-kg/def/concerns"), DSW21) in graph


def test_browser_gets_a_company_page_asking_who_commits_to_what(client: TestClient) -> None:
    response = client.get("/id/actor/dsw21", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert '<h1 id="label">Wer verspricht was für DSW21?</h1>' in response.text


def test_author_page_lists_the_pledges_by_the_author_not_about_it(client: TestClient) -> None:
    """Regression (issue 13): the SPD page showed one pledge *about* the SPD, not its own."""
    page = client.get("/id/actor/spd-dortmund", headers={"Accept": "text/html"}).text
    assert '<span id="author-count">2</span>' in page
    assert "Ablehnungen" in page and "Wir werden jährlich 2.500 neue Wohnungen" in page
    assert 'href="/id/document/2020-spd-kommunalwahlprogramm#b00000000002"' in page


def test_unknown_thing_is_404(client: TestClient) -> None:
    assert client.get("/id/actor/nobody", headers={"Accept": "text/turtle"}).status_code == 404


def test_statement_page_links_to_its_source_line(client: TestClient) -> None:
    page = client.get("/id/statement/2021-gruene-cdu-leitlinien/a00000000002").text
    assert 'href="/id/document/2021-gruene-cdu-leitlinien#a00000000002"' in page
    assert "Quelle: Zeile 15<" in page  # one line: singular (issue 13)


def test_ontology_has_html_documentation_and_turtle(client: TestClient) -> None:
    html = client.get("/def/", headers={"Accept": "text/html"})
    assert 'href="/def/Pledge"' in html.text
    turtle = client.get("/def/", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    pledge = rdflib.URIRef("https://w3id.org/dortmund-kg/def/Pledge")
    assert (pledge, RDFS.label, rdflib.Literal("Pledge", lang="en")) in graph


def test_void_and_dcat_describe_the_dataset(client: TestClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    dataset = rdflib.URIRef("https://w3id.org/dortmund-kg/dataset")
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert (
        dataset,
        DCTERMS.license,
        rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in graph
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef("http://testserver/sparql")
    subset_total = sum(
        int(graph.value(s, VOID.triples)) for s in graph.objects(dataset, VOID.subset)
    )
    assert int(graph.value(dataset, VOID.triples)) == subset_total > 150
    assert len(set(graph.objects(dataset, DCTERMS.source))) == 2
    assert (
        dataset,
        rdflib.URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingLevelURI"),
        rdflib.URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality"),
    ) in graph


def test_unknown_dump_is_404(client: TestClient) -> None:
    assert client.get("/dumps/secret.txt").status_code == 404
