"""``/sparql``: the SPARQL 1.1 Protocol, read-only.

Query by GET, by POST form and by POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` select among the dataset's graphs (an unknown graph is simply empty: nothing
is ever fetched). Results as SPARQL JSON, XML, CSV, TSV; graphs as Turtle, N-Triples, JSON-LD,
RDF/XML, by ``Accept`` (or ``format=`` for download links). A GET without a query returns the
SPARQL Service Description. Every malformed request gets the protocol's 4xx with a plain-text
message; updates, ``LOAD``, ``SERVICE`` and foreign ``FROM`` are refused before the engine sees
the query (:mod:`api.engine.sparql_text`).
"""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from api.engine.backends import Dataset, QueryError
from api.engine.formats import GRAPH_FORMATS, GRAPH_TYPES, SHORTCUTS
from api.engine.negotiation import best_match
from api.engine.rendering import ProtocolRendering, Rendered, with_charset
from api.engine.runner import QueryTimeout, WorkerCrashed, WorkersBusy
from api.engine.sparql_text import QueryRefused, check_read_only
from api.web.deps import Served, ServedDep
from api.web.descriptions import service_description

router = APIRouter(tags=["SPARQL"])
# Pre-checks running at once: each is pure Python holding the GIL (at most ~0.2 s for the longest
# query allowed), so a flood of them is kept to the cores instead of the whole thread pool.
_CHECKS = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


def _one(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise ProtocolError(400, f"{len(found)} '{name}' parameters given; send exactly one")
    return found[0] if found else None


def _charset_ok(content_type: str) -> bool:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value.strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


async def _read_request(request: Request, served: Served) -> tuple[str | None, Dataset, str]:
    """The query text, dataset and requested format of a protocol request."""
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    params: dict[str, list[str]] = {k: list(v) for k, v in url_params.items()}
    if request.method == "POST":
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > served.settings.max_body:
            raise ProtocolError(413, f"request body larger than {served.settings.max_body} bytes")
        try:
            body = await request.body()
        except ClientDisconnect:
            raise ProtocolError(400, "the client went away before sending its body") from None
        if len(body) > served.settings.max_body:
            raise ProtocolError(413, f"request body larger than {served.settings.max_body} bytes")
        content_type = request.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if not media:
            raise ProtocolError(400, "POST needs a Content-Type header")
        if not _charset_ok(content_type):
            raise ProtocolError(415, "only UTF-8 request bodies are accepted")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, "request body is not valid UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise ProtocolError(400, "a direct POST carries the query in the body only")
            params["query"] = [text]
        elif media == "application/sparql-update":
            raise ProtocolError(400, "SPARQL Update is refused: this endpoint is read-only")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {media!r}")
    if "update" in params:
        raise ProtocolError(400, "SPARQL Update is refused: this endpoint is read-only")
    query = _one(params, "query")
    dataset = Dataset(
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
    )
    return query, dataset, _one(params, "format") or ""


def answer(served: Served, query: str, dataset: Dataset, accept: str | None, fmt: str) -> Response:
    """Check, run and serialise one query; used by ``/sparql`` and the web UI.

    The body is made where the query ran (:mod:`api.engine.rendering`), so only bytes cross back.
    """
    limits = served.settings
    rendering = ProtocolRendering(accept, fmt, limits.max_response_bytes, limits.row_limit)
    try:
        with _CHECKS:
            check_read_only(
                query,
                known_graphs=served.graphs,
                max_length=limits.max_query_length,
                max_depth=limits.max_depth,
            )
        rendered = served.runner.render(query, rendering, dataset=dataset)
    except QueryRefused as error:
        return _error(400, str(error))
    except QueryError as error:
        return _error(400, f"query rejected: {error}")
    except WorkersBusy as error:
        response = _error(503, f"{error}. Try again shortly.")
        response.headers["Retry-After"] = "1"
        return response
    except QueryTimeout as error:
        return _error(503, f"{error}; the query was stopped. Narrow it down or add a LIMIT.")
    except WorkerCrashed as error:  # the server's failure, not the client's
        return _error(500, f"{error}; it has been replaced. Please report the query.")
    return as_response(rendered)


def as_response(rendered: Rendered) -> Response:
    return Response(
        rendered.body,
        status_code=rendered.status,
        media_type=rendered.media_type,
        headers=dict(rendered.headers),
    )


RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "query results, or the service description without a query"},
    400: {"description": "malformed or refused query"},
    500: {"description": "the query crashed the process running it (a server fault)"},
    503: {"description": "the query ran out of time, or no query worker came free in time"},
}


_PROTOCOL_PARAMS: list[dict[str, Any]] = [
    {
        "name": "query",
        "in": "query",
        "required": False,
        "description": "a SPARQL 1.1 query; without it, the service description",
        "schema": {"type": "string"},
    },
    {
        "name": "default-graph-uri",
        "in": "query",
        "required": False,
        "description": "a graph of the dataset to use as the default graph",
        "schema": {"type": "array", "items": {"type": "string"}},
        "explode": True,
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "required": False,
        "description": "a graph of the dataset to use as a named graph",
        "schema": {"type": "array", "items": {"type": "string"}},
        "explode": True,
    },
    {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "download as: " + ", ".join(SHORTCUTS),
        "schema": {"type": "string"},
    },
]
_GET_DOC: dict[str, Any] = {"parameters": _PROTOCOL_PARAMS}
_POST_DOC: dict[str, Any] = {
    "parameters": [p for p in _PROTOCOL_PARAMS if p["name"] != "query"],
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "string"},
                        "named-graph-uri": {"type": "string"},
                    },
                    "required": ["query"],
                }
            },
        },
    },
}
RESPONSES[413] = {"description": "request body larger than the limit"}
RESPONSES[415] = {"description": "unsupported Content-Type or charset"}
RESPONSES[429] = {"description": "too many requests from this client; see Retry-After"}


@router.get(
    "/sparql",
    summary="SPARQL query by GET",
    responses=RESPONSES,
    operation_id="sparql",
    openapi_extra=_GET_DOC,
)
async def sparql(request: Request, served: ServedDep) -> Response:
    return await _sparql(request, served)


@router.post(
    "/sparql",
    summary="SPARQL query by POST (form or application/sparql-query)",
    responses=RESPONSES,
    operation_id="sparqlPost",
    openapi_extra=_POST_DOC,
)
async def sparql_post(request: Request, served: ServedDep) -> Response:
    return await _sparql(request, served)


async def _sparql(request: Request, served: Served) -> Response:
    try:
        query, dataset, fmt = await _read_request(request, served)
    except ProtocolError as error:
        return _error(error.status, error.message)
    accept = request.headers.get("accept")
    if query is None:
        if request.method == "POST":
            return _error(400, "no query given")
        media = best_match(accept, GRAPH_TYPES) or "text/turtle"
        data = service_description(str(request.url_for("sparql")), served, media)
        return Response(data, media_type=with_charset(GRAPH_FORMATS[media].media_type))
    response: Response = await run_in_threadpool(answer, served, query, dataset, accept, fmt)
    return response
