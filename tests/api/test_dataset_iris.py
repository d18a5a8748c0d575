"""Every IRI the VoID/DCAT description and the build's PROV publish dereferences.

Regression (issue 13): ``/graph/*``, ``/dataset/build``, ``/software/…``, ``/distribution/*``
and ``/publisher`` were published in the data and in VoID but answered 404.
"""

from __future__ import annotations

import json
from urllib.parse import urldefrag

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF

from mappings.rdf import iri

KINDS = [
    "graph",
    "dataset",
    "dataset/build",
    "software",
    "distribution",
    "publisher",
    "corpus",
    "id",
    "def",
]


def published(client: TestClient) -> set[str]:
    """Our IRIs in VoID/DCAT and in the build graph (PROV), without fragments."""
    graph = rdflib.Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    prov = client.get("/dataset/build", headers={"Accept": "text/turtle"}).text
    graph.parse(data=prov, format="turtle")
    found = {
        urldefrag(str(term))[0]
        for triple in graph
        for term in triple
        if isinstance(term, rdflib.URIRef) and str(term).startswith(iri.BASE)
    }
    return found


def kind_of(value: str) -> str:
    path = value[len(iri.BASE) :]
    return "dataset/build" if path.startswith("dataset/") else path.split("/", 1)[0] or "/"


@pytest.mark.parametrize("kind", KINDS)
def test_every_published_iri_of_each_kind_dereferences(client: TestClient, kind: str) -> None:
    iris = sorted(i for i in published(client) if kind_of(i) == kind)
    if kind == "corpus":  # the fixture's reference data cites a corpus line
        iris = [iri.BASE + "corpus/2021-gruene-cdu-leitlinien.txt"]
    assert iris, f"VoID/PROV publish no {kind} IRI"
    for value in iris:
        path = value[len(iri.BASE) - 1 :]
        rdf = client.get(path, headers={"Accept": "text/turtle"})
        assert rdf.status_code == 200, path
        html = client.get(path, headers={"Accept": "text/html"})
        assert html.status_code == 200, path
        assert html.headers["content-type"].startswith("text/html"), path


def test_named_graph_says_how_many_triples_it_holds(client: TestClient) -> None:
    response = client.get("/graph/reference", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    name = rdflib.URIRef(iri.GRAPH + "reference")
    assert int(graph.value(name, rdflib.URIRef("http://rdfs.org/ns/void#triples"))) > 10
    assert "Accept" in response.headers["vary"]


def test_unknown_graph_and_distribution_are_404(client: TestClient) -> None:
    assert client.get("/graph/nothing", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/distribution/x", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/corpus/../pyproject.toml").status_code == 404


def test_jsonld_refers_to_the_published_context_and_means_what_turtle_means(
    client: TestClient,
) -> None:
    document = client.get("/id/actor/dsw21", headers={"Accept": "application/ld+json"}).json()
    assert document["@context"] == iri.BASE + "context.jsonld"
    context = client.get("/context.jsonld")
    assert context.status_code == 200
    assert context.headers["content-type"].startswith("application/ld+json")
    document["@context"] = context.json()["@context"]  # what a document loader does
    from_jsonld = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    turtle = client.get("/id/actor/dsw21", headers={"Accept": "text/turtle"}).text
    from_turtle = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(from_jsonld) == len(from_turtle) > 5
    assert set(from_jsonld) == set(from_turtle)


def test_turtle_declares_the_graphs_prefixes_and_groups_by_subject(client: TestClient) -> None:
    turtle = client.get("/id/actor/dsw21", headers={"Accept": "text/turtle"}).text
    assert "@prefix actor: <https://w3id.org/dortmund-kg/id/actor/> ." in turtle
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in turtle
    subjects = [line.split()[0] for line in turtle.splitlines() if line and line[0] not in "@\t "]
    assert len(subjects) == len(set(subjects)), "a subject opens more than one block"
    assert "actor:dsw21 a dokg:MunicipalCompany ;" in turtle


def test_class_page_is_paged_not_every_instance_inline(client: TestClient) -> None:
    from api.web.routers import class_pages

    turtle = client.get("/def/Pledge", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    pledge = rdflib.URIRef(str(iri.DOKG) + "Pledge")
    instances = set(graph.subjects(RDF.type, pledge))
    assert 0 < len(instances) <= class_pages.PAGE_SIZE
    html = client.get("/def/Pledge", headers={"Accept": "text/html"}).text
    assert 'id="instances"' in html and "Seite 1 von 1" in html
    assert client.get("/def/Pledge?page=9", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/def/Pledge?page=x").status_code == 400


def test_class_pages_link_the_next_slice(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.web.routers import class_pages

    monkeypatch.setattr(class_pages, "PAGE_SIZE", 1)
    first = client.get("/def/Pledge", headers={"Accept": "text/turtle"})
    assert '</def/Pledge?page=2>; rel="next"' in first.headers["link"]
    second = client.get("/def/Pledge?page=2", headers={"Accept": "text/turtle"})
    a = set(rdflib.Graph().parse(data=first.text, format="turtle").subjects(RDF.type, None))
    b = set(rdflib.Graph().parse(data=second.text, format="turtle").subjects(RDF.type, None))
    assert '</def/Pledge?page=1>; rel="prev"' in second.headers["link"]
    assert a != b


def test_corpus_line_a_source_points_to_is_served_with_its_anchor(client: TestClient) -> None:
    page = client.get("/corpus/2021-gruene-cdu-leitlinien.txt", headers={"Accept": "text/html"})
    assert '<li id="L5">' in page.text
    plain = client.get("/corpus/2021-gruene-cdu-leitlinien.txt", headers={"Accept": "text/plain"})
    assert plain.headers["content-type"].startswith("text/plain")
    assert plain.text.splitlines()[4] in page.text.replace("&#34;", '"').replace("&#39;", "'")
