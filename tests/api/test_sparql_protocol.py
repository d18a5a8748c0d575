"""``/sparql``: the W3C SPARQL 1.1 Protocol cases, media types and the read-only refusals."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse
from rdflib.namespace import RDF, RDFS

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.server import create_app

W3C = Path(__file__).parent / "data" / "w3c"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")


def _manifest_cases() -> list[Any]:
    graph = rdflib.Graph().parse(W3C / "manifest.ttl", publicID="http://w3c.test/manifest.ttl")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    entries = rdflib.collection.Collection(graph, graph.value(manifest, MF.entries))
    cases = []
    for entry in entries:
        name = str(entry).rsplit("#", 1)[-1]
        action = graph.value(entry, MF.action)
        requests = []
        for request in rdflib.collection.Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            for header in (
                rdflib.collection.Collection(graph, graph.value(request, HT.headers))
                if graph.value(request, HT.headers)
                else []
            ):
                headers[str(graph.value(header, HT.fieldName))] = str(
                    graph.value(header, HT.fieldValue)
                )
            body = graph.value(request, HT.body)
            response = graph.value(request, HT.resp)
            requests.append(
                {
                    "method": str(graph.value(request, HT.methodName)),
                    "path": str(graph.value(request, HT.absolutePath)),
                    "headers": headers,
                    "body": str(graph.value(body, CNT.chars)) if body is not None else None,
                    "status": {
                        str(s).rsplit("#", 1)[-1]
                        for s in graph.objects(response, MF.expectedStatus)
                    },
                    "format": str(graph.value(response, MF.expectedFormat) or ""),
                    "boolean": graph.value(response, MF.expectedBoolean),
                }
            )
        data = {
            str(graph.value(gd, RDFS.label)): W3C / str(graph.value(gd, UT.graph)).rsplit("/")[-1]
            for gd in graph.objects(entry, UT.graphData)
        }
        cases.append(pytest.param(name, requests, data, id=name))
    return cases


CASES = _manifest_cases()


def test_the_w3c_manifest_has_its_cases() -> None:
    assert len(CASES) == 34


def _client_with(data: dict[str, Path]) -> TestClient:
    store = Store()
    for graph_name, path in data.items():
        for quad in parse(path=str(path), format=RdfFormat.N_TRIPLES):
            store.add(Quad(quad.subject, quad.predicate, quad.object, NamedNode(graph_name)))
    settings = Settings(build_dir=W3C, workers=0)
    return TestClient(create_app(settings, backend=OxigraphBackend(store), catalog={}))


@pytest.mark.parametrize(("name", "requests", "data"), CASES)
def test_w3c_protocol_case(
    name: str, requests: list[dict[str, Any]], data: dict[str, Path]
) -> None:
    """Query cases answer as the manifest expects; update cases are refused (read-only)."""
    client = _client_with(data)
    first = requests[0]
    path = first["path"].replace("/sparql/", "/sparql", 1)
    body = first["body"]
    headers = dict(first["headers"])
    if name == "bad_query_non_utf8":
        body = body.encode("utf-16")
    response = client.request(first["method"], path, content=body, headers=headers)
    is_update = name.startswith("update_") or "update" in name
    if is_update or "StatusCode4xx" in first["status"]:
        assert 400 <= response.status_code < 500, response.text
        return
    assert response.status_code < 400, response.text
    if first["format"] == "boolean":
        assert isinstance(response.json()["boolean"], bool)
        if first["boolean"] is not None:
            assert response.json()["boolean"] is first["boolean"].toPython()
    elif first["format"] == "tabular":
        assert "vars" in response.json()["head"]
    elif first["format"] == "RDF":
        assert response.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", '"bindings"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("text/csv", "text/csv", "s\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", "?s\n"),
    ],
)
def test_select_results_in_every_protocol_format(
    client: TestClient, accept: str, media: str, marker: str
) -> None:
    query = quote("SELECT ?s WHERE { ?s a <https://w3id.org/dortmund-kg/def/Pledge> }")
    response = client.get(f"/sparql?query={query}", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert marker in response.text
    assert "a00000000001" in response.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_results_parse_in_every_graph_format(
    client: TestClient, accept: str, rdflib_format: str
) -> None:
    reference = "<https://w3id.org/dortmund-kg/graph/reference>"
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {reference} {{ ?s ?p ?o }} }}"
    response = client.post(
        "/sparql",
        content=query,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert (
        rdflib.URIRef("https://w3id.org/dortmund-kg/id/actor/dsw21"),
        RDFS.label,
        rdflib.Literal("DSW21", lang="de"),
    ) in graph


def test_default_graph_is_the_union_of_all_named_graphs(client: TestClient) -> None:
    query = quote(
        "ASK { ?pledge <https://w3id.org/dortmund-kg/def/concerns> ?x . "
        "?x <http://www.w3.org/2000/01/rdf-schema#label> 'DSW21'@de }"
    )
    assert client.get(f"/sparql?query={query}").json()["boolean"] is True


def test_get_without_query_is_the_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, RDF.type, sd.Service) in graph
    assert (None, sd.name, rdflib.URIRef("https://w3id.org/dortmund-kg/graph/reference")) in graph


def test_cors_is_open_for_reads(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={"Origin": "https://portal.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "query",
    ["INSERT DATA { <a:s> <a:p> <a:o> }", "LOAD <http://example.org/x>", "DROP ALL"],
)
def test_updates_are_refused_and_leave_the_graph_unchanged(
    client: TestClient, fixture_backend: OxigraphBackend, query: str
) -> None:
    before = len(fixture_backend.store)
    for response in (
        client.post("/sparql", data={"update": query}),
        client.post(
            "/sparql", content=query, headers={"Content-Type": "application/sparql-update"}
        ),
        client.post("/sparql", data={"query": query}),
    ):
        assert response.status_code == 400
        assert "read-only" in response.text or "refused" in response.text
    assert len(fixture_backend.store) == before


class _Listener:
    """A TCP listener on loopback that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ],
)
def test_service_and_from_never_connect_anywhere(client: TestClient, template: str) -> None:
    listener = _Listener()
    try:
        query = template.format(port=listener.port)
        response = client.post("/sparql", data={"query": query})
        assert response.status_code == 400
        listener.thread.join(timeout=0.5)
        assert listener.connections == 0
    finally:
        listener.close()


def test_deeply_nested_query_is_refused_before_the_engine(client: TestClient) -> None:
    """pyoxigraph crashes its process on a few thousand nested groups (hardening issue)."""
    query = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "nests" in response.text


def test_syntax_error_is_a_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s ?p }"))
    assert response.status_code == 400
    assert "query rejected" in response.text


def test_row_cap_truncates_and_says_so(fixture_backend: OxigraphBackend) -> None:
    settings = Settings(build_dir=W3C, workers=0, row_limit=3)
    client = TestClient(create_app(settings, backend=fixture_backend, catalog={}))
    response = client.get(
        "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["x-result-truncated"].startswith("true")


def test_oversized_body_is_refused(fixture_backend: OxigraphBackend) -> None:
    settings = Settings(build_dir=W3C, workers=0, max_body=100)
    client = TestClient(create_app(settings, backend=fixture_backend, catalog={}))
    response = client.post(
        "/sparql",
        content="ASK {}" + " " * 200,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 413


def test_download_format_parameter_sets_attachment(client: TestClient) -> None:
    response = client.get("/sparql?format=csv&query=" + quote("SELECT (1 AS ?one) {}"))
    assert response.headers["content-disposition"] == 'attachment; filename="result.csv"'
    assert response.text == "one\r\n1\r\n"


def test_json_results_are_valid_sparql_json(client: TestClient) -> None:
    response = client.get(
        "/sparql?query="
        + quote("SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1")
    )
    body = json.loads(response.text)
    assert body["head"]["vars"] == ["l"]
    assert body["results"]["bindings"][0]["l"]["type"] == "literal"


def test_row_cap_is_said_in_the_json_body_too(fixture_backend: OxigraphBackend) -> None:
    settings = Settings(build_dir=W3C, workers=0, row_limit=3)
    client = TestClient(create_app(settings, backend=fixture_backend, catalog={}))
    response = client.get(
        "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.json()["truncated"].startswith("row limit 3")


def test_response_size_cap_truncates_and_says_so(fixture_backend: OxigraphBackend) -> None:
    settings = Settings(build_dir=W3C, workers=0, max_response_bytes=2_000)
    client = TestClient(create_app(settings, backend=fixture_backend, catalog={}))
    query = "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }")
    response = client.get(query, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert len(response.content) <= 2_000
    assert response.headers["x-result-truncated"] == "true; response size limit 2000 bytes"
    body = response.json()
    assert body["truncated"].startswith("response size limit 2000 bytes")
    assert 0 < len(body["results"]["bindings"]) < len(fixture_backend.store)
    turtle = client.get(
        "/sparql?query=" + quote("CONSTRUCT WHERE { ?s ?p ?o }"), headers={"Accept": "text/turtle"}
    )
    assert len(turtle.content) <= 2_000
    assert turtle.text.startswith("# truncated: response size limit 2000 bytes")


def test_an_answer_under_both_caps_says_nothing(client: TestClient) -> None:
    response = client.get("/sparql?query=" + quote("SELECT (1 AS ?one) {}"))
    assert "x-result-truncated" not in response.headers
    assert "truncated" not in response.json()


def test_a_graph_parameter_that_is_no_iri_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        data={"query": "ASK { ?s ?p ?o }", "named-graph-uri": "no scheme"},
    )
    assert response.status_code == 400
    assert "named-graph-uri" in response.text


class _FailingRunner:
    """A runner that fails the way the worker pool can."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def run(self, *args: object, **kwargs: object) -> Any:
        raise self.error

    def render(self, *args: object, **kwargs: object) -> Any:
        raise self.error

    def close(self) -> None:
        pass


def _served_with(error: Exception, fixture_backend: OxigraphBackend) -> Any:
    from api.web.deps import Served

    settings = Settings(build_dir=Path("."), workers=0, rate_limit=0)
    return Served(settings, fixture_backend, _FailingRunner(error), {})


def test_a_crashed_worker_is_a_server_error_not_the_clients(
    fixture_backend: OxigraphBackend,
) -> None:
    """Issue 10: a query that crashed its worker was answered 400."""
    from api.engine.backends import Dataset
    from api.engine.runner import WorkerCrashed
    from api.web.sparql_protocol import answer

    served = _served_with(WorkerCrashed("the query crashed its worker process"), fixture_backend)
    response = answer(served, "ASK {}", Dataset(), None, "")
    assert response.status_code == 500 and b"crashed" in response.body


def test_no_free_worker_says_the_query_was_not_run(fixture_backend: OxigraphBackend) -> None:
    """Issue 10: the "all workers busy" 503 said "the query was stopped", which was untrue."""
    from api.engine.backends import Dataset
    from api.engine.runner import WorkersBusy
    from api.web.sparql_protocol import answer

    busy = WorkersBusy("all 2 query workers are busy; waited 5.0 s and did not run the query")
    response = answer(_served_with(busy, fixture_backend), "ASK {}", Dataset(), None, "")
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert b"did not run the query" in response.body and b"stopped" not in response.body


def test_a_client_leaving_mid_body_is_no_server_error(app: Any) -> None:
    """Issue 10: a client that disconnected mid-body logged an ASGI traceback."""
    import asyncio

    sent: list[dict[str, Any]] = []
    messages = iter([
        {"type": "http.request", "body": b"ASK", "more_body": True},
        {"type": "http.disconnect"},
    ])

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/sparql", "raw_path": b"/sparql",
        "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
        "headers": [(b"content-type", b"application/sparql-query"), (b"host", b"x")],
        "client": ("127.0.0.1", 5), "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 400
