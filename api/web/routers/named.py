"""``/queries``: every named query as its own typed operation.

Each ``queries/<name>.rq`` becomes ``GET /queries/<name>`` with operationId ``<name>`` and its
declared parameters in the OpenAPI document. Values are validated by :mod:`api.engine.named_queries`
(400 naming the parameter), bound as RDF terms, and answered as JSON (plain rows) or CSV.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from api.engine.backends import Dataset, QueryError
from api.engine.formats import NAMED_FORMATS, NAMED_TYPES, named_format_for
from api.engine.named_queries import NamedQuery, ParameterError, given_values
from api.engine.negotiation import best_match
from api.engine.rendering import NamedRendering, Rendered
from api.engine.runner import QueryTimeout, WorkerCrashed
from api.web.deps import Served, ServedDep, get_served
from api.web.response_cache import CachedAnswer

router = APIRouter(tags=["Named queries"])


@router.get("/queries", summary="List the named queries")
def list_queries(served: ServedDep) -> list[dict[str, Any]]:
    return [
        {
            "name": q.name,
            "summary": q.summary,
            "description": q.description,
            "path": f"/queries/{q.name}",
            "columns": list(q.columns),
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "required": p.required,
                    "default": p.default,
                    "values": list(p.values),
                    "kind": p.kind,
                    "description": p.description,
                    "example": p.example,
                }
                for p in q.params
            ],
            "sparql": q.text,
        }
        for q in served.catalog.values()
    ]


def execute(served: Served, query: NamedQuery, values: dict[str, str], wanted: str) -> Rendered:
    """Bind, run and render a named query; the body is made where the query ran."""
    bindings = query.bind(values)
    given = tuple(given_values(values).items())
    limits = served.settings
    rendering = NamedRendering(query, given, wanted, limits.max_response_bytes, limits.row_limit)
    return served.runner.render(query.text, rendering, bindings=bindings, dataset=Dataset())


def _endpoint(query: NamedQuery):  # type: ignore[no-untyped-def]
    async def endpoint(request: Request) -> Response:
        served = get_served(request)
        given = Counter(k for k, _ in request.query_params.multi_items())
        for name, times in given.items():
            if times > 1:  # last-wins would answer a question the client did not ask
                return JSONResponse(
                    {"error": f"parameter '{name}' given {times} times; give it once",
                     "parameter": name},
                    status_code=400,
                )
        values = {k: v for k, v in request.query_params.items() if k != "format"}
        fmt = request.query_params.get("format")
        if fmt is not None and fmt not in NAMED_FORMATS:
            return PlainTextResponse(
                f"parameter 'format': {' or '.join(NAMED_FORMATS)}\n", status_code=400
            )
        wanted = fmt or named_format_for(best_match(request.headers.get("accept"), NAMED_TYPES))
        key = served.cache.key(query.name, values, wanted)
        cached = served.cache.get(key)
        if cached is not None:
            return Response(
                cached.body,
                media_type=cached.media_type,
                headers=dict(cached.headers) | {"X-Cache": "hit"},
            )
        try:
            rendered = await run_in_threadpool(execute, served, query, values, wanted)
        except ParameterError as error:
            return JSONResponse({"error": str(error), "parameter": error.name}, status_code=400)
        except QueryError as error:
            return JSONResponse({"error": f"query rejected: {error}"}, status_code=400)
        except QueryTimeout as error:
            return JSONResponse({"error": str(error)}, status_code=503)
        except WorkerCrashed as error:
            return JSONResponse({"error": str(error)}, status_code=500)
        served.cache.put(key, CachedAnswer(rendered.body, rendered.media_type, rendered.headers))
        return Response(
            rendered.body,
            media_type=rendered.media_type,
            headers=dict(rendered.headers) | {"X-Cache": "miss"},
        )

    endpoint.__name__ = query.name.replace("-", "_")
    return endpoint


def _openapi_extra(query: NamedQuery) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description or p.name,
            "schema": p.openapi_schema(),
        }
        for p in query.params
    ]
    parameters.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": f"{' or '.join(NAMED_FORMATS)} (the first is the default), or Accept",
            "schema": {"type": "string", "enum": list(NAMED_FORMATS)},
        }
    )
    row_schema = {
        "type": "object",
        "properties": {c: {} for c in query.columns},
    }
    return {
        "parameters": parameters,
        "responses": {
            "200": {
                "description": "result rows",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "query": {"type": "string"},
                                "params": {"type": "object"},
                                "columns": {"type": "array", "items": {"type": "string"}},
                                "rows": {"type": "array", "items": row_schema},
                                "truncated": {"type": "boolean"},
                            },
                        }
                    },
                    "text/csv": {"schema": {"type": "string"}},
                },
            },
            "400": {"description": "a parameter does not fit (the message names it)"},
            "503": {"description": "the query ran out of time"},
        },
    }


def add_named_query_routes(app: FastAPI, catalog: dict[str, NamedQuery]) -> None:
    """One GET operation per named query, typed in the OpenAPI document."""
    for query in catalog.values():
        app.add_api_route(
            f"/queries/{query.name}",
            _endpoint(query),
            methods=["GET"],
            operation_id=query.name,
            summary=query.summary,
            description=query.description,
            tags=["Named queries"],
            openapi_extra=_openapi_extra(query),
            response_class=Response,
        )
