"""Backends and real clients: the same answers from the embedded store and over HTTP."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from api.engine.backends import OxigraphBackend, RemoteBackend
from api.engine.named_queries import load_catalog, run
from api.engine.results import SelectResult

PLEDGES = (
    "PREFIX dokg: <https://w3id.org/dortmund-kg/def/> "
    "SELECT ?pledge ?line WHERE { ?pledge a dokg:Pledge ; dokg:lineStart ?line } ORDER BY ?pledge"
)


def _embedded(backend: OxigraphBackend) -> list[tuple[str, int]]:
    result = backend.query(PLEDGES)
    assert isinstance(result, SelectResult)
    return [(r["pledge"].value, int(r["line"].value)) for r in result.rows]


def test_sparqlwrapper_gets_the_embedded_answers(
    live_server: str, fixture_backend: OxigraphBackend
) -> None:
    client = SPARQLWrapper(live_server + "/sparql")
    client.setQuery(PLEDGES)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    remote = [(b["pledge"]["value"], int(b["line"]["value"])) for b in bindings]
    assert remote == _embedded(fixture_backend)
    assert len(remote) == 4


def test_rdflib_sparqlstore_gets_the_embedded_answers(
    live_server: str, fixture_backend: OxigraphBackend
) -> None:
    graph = rdflib.Graph(SPARQLStore(live_server + "/sparql", returnFormat="json"))
    remote = [(str(r[0]), int(r[1])) for r in graph.query(PLEDGES)]  # type: ignore[index,arg-type]
    assert remote == _embedded(fixture_backend)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("search", {"q": "Oepnv"}),
        ("search", {"q": "wir", "modality": "demand", "author": "cdu-fraktion-dortmund"}),
        ("compare-parties", {"actor": "dsw21"}),
        ("document-outline", {"document": "2021-gruene-cdu-leitlinien"}),
    ],
)
def test_remote_backend_binds_like_the_embedded_store(
    live_server: str, fixture_backend: OxigraphBackend, name: str, values: dict[str, str]
) -> None:
    query = load_catalog()[name]
    remote = run(query, RemoteBackend(live_server + "/sparql"), values).to_json()
    local = run(query, fixture_backend, values).to_json()
    assert remote["rows"] == local["rows"]
    assert remote["rows"]


def test_remote_backend_construct_and_graph_names(
    live_server: str, fixture_backend: OxigraphBackend
) -> None:
    backend = RemoteBackend(live_server + "/sparql")
    assert backend.graph_names() == fixture_backend.graph_names()
    result = backend.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", row_limit=5)
    assert len(result.triples) == 5 and result.truncated  # type: ignore[union-attr]


def test_remote_backend_sends_a_query_whose_comments_name_an_update_keyword(
    live_server: str, fixture_backend: OxigraphBackend
) -> None:
    # SPARQLWrapper alone reads "dropped" in a comment as DROP and posts ``update=``; a
    # read-only endpoint then refuses (oxigraph: "The URL query parameter query must be set").
    text = "#+ summary: which pledges were\n#+   continued or dropped\n" + PLEDGES
    result = RemoteBackend(live_server + "/sparql").query(text)
    assert isinstance(result, SelectResult)
    assert [(r["pledge"].value, int(r["line"].value)) for r in result.rows] == _embedded(
        fixture_backend
    )


def test_on_disk_store_opens_read_only_with_the_same_triples(
    tmp_path: object, fixture_backend: OxigraphBackend
) -> None:
    from pathlib import Path

    from tests.api.conftest import FIXTURE

    backend = OxigraphBackend.on_disk(FIXTURE, Path(str(tmp_path)))
    assert len(backend.store) == len(fixture_backend.store)
    with pytest.raises((OSError, RuntimeError)):
        backend.store.update("INSERT DATA { <a:s> <a:p> <a:o> }")
