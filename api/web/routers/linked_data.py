"""Linked data: every ``/id/...`` and ``/def/...`` IRI dereferences here.

Practice chosen: direct content negotiation (200 with ``Vary: Accept``, ``Content-Location``
and ``Link: rel=alternate`` headers for the other forms) rather than 303 redirects: the IRIs
name documents' contents and concepts, and a 303 hop costs every client a round trip for no
information. People get an HTML page, clients Turtle, JSON-LD, N-Triples or RDF/XML. The
ontology is documented at ``/def/``; VoID/DCAT-AP.de at ``/.well-known/void``; dumps at
``/dumps/<file>``.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.concurrency import run_in_threadpool

from api.engine.formats import GRAPH_FORMATS, GRAPHS
from api.engine.ld_formats import jsonld, turtle
from api.engine.negotiation import best_match
from api.engine.results import GraphResult, serialise_graph, text_of
from api.web.deps import Served, ServedDep
from api.web.descriptions import DUMPS, dataset_description
from api.web.page_cache import per_build
from api.web.routers.class_pages import InstancePage, instance_page
from api.web.routers.common import run_internal
from api.web.routers.pages import render_ontology, render_resource
from mappings.rdf import iri

router = APIRouter(tags=["Linked data"])
RDF_TYPES = [fmt.media_type for fmt in GRAPHS]
OFFERED = ["text/html", *RDF_TYPES]
EXTENSIONS = {fmt.extension: fmt.media_type for fmt in GRAPHS}


def rdf_body(result: GraphResult, media: str) -> bytes:
    """Turtle with prefixes, grouped by subject; JSON-LD compacted by the published context."""
    if media == "text/turtle":
        return turtle(result.triples)
    if media == "application/ld+json":
        return jsonld(result.triples)
    return serialise_graph(result, media)


def rdf_response(result: GraphResult, media: str, location: str) -> Response:
    return Response(
        rdf_body(result, media),
        media_type=media + ("; charset=utf-8" if media.startswith("text/") else ""),
        headers={"Vary": "Accept", "Content-Location": location},
    )


def _alternates(path: str) -> str:
    return ", ".join(
        f'<{path}?format={ext}>; rel="alternate"; type="{media}"'
        for ext, media in EXTENSIONS.items()
    )


def negotiate(request: Request) -> str:
    fmt = request.query_params.get("format")
    if fmt:
        if fmt == "html":
            return "text/html"
        if fmt not in EXTENSIONS:
            raise HTTPException(400, f"format: one of html, {', '.join(EXTENSIONS)}")
        return EXTENSIONS[fmt]
    media = best_match(request.headers.get("accept"), OFFERED)
    if media is None:
        raise HTTPException(406, "available as " + ", ".join(OFFERED))
    return media


def dereference(
    request: Request, served: Served, resource: str, extra: tuple[ox.Triple, ...] = ()
) -> Response:
    """The resource as HTML or RDF; ``extra`` triples (from VoID/DCAT) join the store's."""
    media = negotiate(request)
    answer = described(served, resource)
    page = instance_page(served, request, resource)
    result = GraphResult([*answer.triples, *extra, *page.triples], answer.truncated)
    if not any(text_of(t.subject) == resource for t in result.triples):
        raise HTTPException(404, f"nothing is known about {resource}")
    path = request.url.path
    response: Response
    if media != "text/html":
        response = rdf_response(result, media, path)
    else:
        response = render_resource(request, served, resource, result, page)
    encoded = "content-encoding" in response.headers
    response.headers["Vary"] = "Accept, Accept-Encoding" if encoded else "Accept"
    response.headers["Link"] = ", ".join([_alternates(path), *_paging(path, page)])
    return response


def described(served: Served, resource: str) -> GraphResult:
    """The describe answer of ``resource``, once per build (also used to warm the pages)."""
    return per_build(served, ("describe", resource), lambda: _describe(served, resource))


def _describe(served: Served, resource: str) -> GraphResult:
    """What the store says about ``resource`` (kept per build: a document's is 2,000 links)."""
    described = run_internal(served, "describe", resource=resource)
    assert isinstance(described, GraphResult)
    return described


def _paging(path: str, page: InstancePage) -> list[str]:
    return [f'<{path}?page={n}>; rel="{rel}"' for rel, n in page.neighbours().items()]


@router.get("/id/{path:path}", summary="Dereference a thing of the graph", response_model=None)
async def thing(path: str, request: Request, served: ServedDep) -> Response:
    response: Response = await run_in_threadpool(dereference, request, served, iri.ID + path)
    return response


def _ontology(request: Request, served: Served) -> Response:
    media = negotiate(request)
    result = run_internal(served, "ontology")
    assert isinstance(result, GraphResult)
    if media != "text/html":
        return rdf_response(result, media, "/def/")
    return render_ontology(request, served)


@router.get("/def/", summary="The ontology: HTML documentation or RDF", response_model=None)
async def ontology(request: Request, served: ServedDep) -> Response:
    response: Response = await run_in_threadpool(_ontology, request, served)
    return response


@router.get("/def/{term}", summary="One ontology term", response_model=None)
async def term(term: str, request: Request, served: ServedDep) -> Response:
    response: Response = await run_in_threadpool(dereference, request, served, str(iri.DOKG) + term)
    return response


def _void(request: Request, served: Served) -> Response:
    media = best_match(request.headers.get("accept"), RDF_TYPES) or "text/turtle"
    base = str(request.base_url)
    data = dataset_description(base, served, media)
    return Response(data, media_type=GRAPH_FORMATS[media].media_type, headers={"Vary": "Accept"})


@router.get("/.well-known/void", summary="VoID and DCAT-AP.de description", response_model=None)
async def void(request: Request, served: ServedDep) -> Response:
    response: Response = await run_in_threadpool(_void, request, served)
    return response


@router.get("/dumps/{name}", summary="Download a dump of the whole graph", response_model=None)
def dump(name: str, served: ServedDep) -> Any:
    if name not in DUMPS:
        raise HTTPException(404, "dumps: " + ", ".join(DUMPS))
    path = served.settings.build_dir / name
    if not path.exists():
        raise HTTPException(404, f"{name} is not in this build")
    return FileResponse(path, media_type=DUMPS[name][0], filename=name)


def _include_dataset_iris() -> None:
    """The dataset-level IRIs (graphs, distributions, …) live beside ``/id/`` and ``/def/``."""
    from api.web.routers import dataset_ld  # imports this module: bound after it is complete

    router.include_router(dataset_ld.router)


_include_dataset_iris()
