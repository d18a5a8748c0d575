"""The web UI: start page, SPARQL editor, offline API docs, HTML errors for browsers.

The start page answers the headline question in one click (the municipal companies, each
with who commits to what); the editor is CodeMirror 6 with a SPARQL mode, bundled from npm by
``make assets`` and served from ``/static/vendor`` like Swagger UI: nothing from a CDN.
:func:`install` wires all of it into the app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.engine.negotiation import best_match
from api.web import page_cache
from api.web.deps import Served, ServedDep, get_served
from api.web.routers import browse, linked_data
from api.web.routers.common import run_rows, slug_of
from api.web.routers.document_view import document_text
from api.web.routers.pages import PREFIXES, TEMPLATES
from api.web.routers.ui_data import authors_with_counts, companies
from api.web.routers.views import author_view, company_view
from api.web.sparql_protocol import sparql as sparql_endpoint
from mappings.rdf import iri

STATIC = Path(__file__).resolve().parents[2] / "static"
router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, served: ServedDep) -> HTMLResponse:
    documents, authors = authors_with_counts(served)
    graphs = run_rows(served, "graph-counts")
    return TEMPLATES.TemplateResponse(
        request,
        "index.html",
        {
            "documents": documents,
            "authors": authors,
            "companies": companies(served),
            "triples": sum(int(str(g["triples"])) for g in graphs),
            "graphs": len(graphs),
            "queries": list(served.catalog.values()),
        },
    )


def warm(served: Served) -> None:
    """What the start page, the lists and the company and author pages ask, ahead of time."""
    documents, authors = authors_with_counts(served)
    found = companies(served)
    run_rows(served, "graph-counts")
    run_rows(served, "places")
    for _, _, klass in browse.CLASSES.values():
        run_rows(served, "entities", **{"class": klass})
    for document in documents:  # the largest pages: their marks and incoming links
        resource = iri.BASE + document["path"][1:]
        source = served.settings.corpus_dir / f"{resource.rsplit('/', 1)[-1]}.txt"
        document_text(served, resource, source)
        linked_data.described(served, resource)
    for company in found:
        company_view(served, slug_of(iri.BASE + company["path"][1:]), None)
    for author in authors:
        author_view(served, iri.BASE + author["path"][1:])


page_cache.WARMERS.append(warm)


def _body(text: str) -> str:
    """A named query's text without its ``#+`` header: what a person reads and edits."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip()


@router.get("/editor", response_class=HTMLResponse)
def editor(request: Request, served: ServedDep) -> HTMLResponse:
    examples = [
        {
            "name": q.name,
            "summary": q.summary,
            "body": _body(q.text),
            "params": [
                {
                    "name": p.name,
                    "required": p.required,
                    "default": p.default,
                    "example": p.example,
                    "description": p.description,
                    "values": list(p.values),
                }
                for p in q.params
            ],
        }
        for q in served.catalog.values()
    ]
    data = {"examples": examples, "prefixes": PREFIXES}
    return TEMPLATES.TemplateResponse(request, "editor.html", {"data": data, "examples": examples})


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """Swagger UI from /static/vendor (npm's swagger-ui-dist), so the docs work offline."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="dortmund-kg – API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/vendor/favicon-32x32.png",
    )


async def sparql_page(request: Request) -> Response:
    """``GET /sparql`` from a browser (HTML preferred, no parameters at all) opens the editor."""
    accept = request.headers.get("accept")
    wants_html = best_match(accept, ["text/html", "text/turtle", "application/sparql-results+json"])
    if wants_html == "text/html" and not request.query_params:
        return editor(request, get_served(request))
    return await sparql_endpoint(request, get_served(request))


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept") or ""
    return "text/html" in accept and best_match(accept, ["text/html", "application/json"]) == (
        "text/html"
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """Errors as a page for browsers, as JSON ``{"detail": …}`` for everyone else."""
    assert isinstance(exc, StarletteHTTPException)
    response: Response
    if _wants_html(request):
        response = TEMPLATES.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
        )
    else:
        response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def install(app: FastAPI) -> None:
    """Mount the UI: pages, lists, search, static assets, the editor at GET /sparql, HTML errors.

    Call before the SPARQL router is included, so that GET /sparql reaches :func:`sparql_page`.
    """
    app.add_api_route("/sparql", sparql_page, methods=["GET"], include_in_schema=False)
    serving = app.router.lifespan_context

    @asynccontextmanager
    async def warm_on_start(a: FastAPI) -> AsyncIterator[Any]:
        """The served build's pages are made at start-up; a swapped-in build's on first use."""
        async with serving(a) as state:
            holder = getattr(a.state, "graph", None)
            if holder is not None:
                page_cache.touch(holder.current)
            yield state

    app.router.lifespan_context = warm_on_start
    app.include_router(router)
    app.include_router(browse.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, http_error)
