"""The dataset's own IRIs dereference: named graphs, the dataset, its build, software,
distributions, publisher, the corpus files that ``dcterms:source`` points into, the JSON-LD
context.

The data (``graph/build``: PROV of the build) and the VoID/DCAT description (made per request
base, kept once per served graph) publish these IRIs; each answers like an ``/id/`` IRI: HTML
for browsers, Turtle / JSON-LD / N-Triples / RDF/XML otherwise, 404 when nothing is known.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from api.engine.ld_formats import context_document
from api.engine.negotiation import best_match
from api.engine.results import GraphResult, text_of
from api.web.deps import Served, ServedDep
from api.web.descriptions import dataset_description
from api.web.routers.linked_data import RDF_TYPES, dereference, negotiate, rdf_response
from api.web.routers.pages import TEMPLATES
from mappings.rdf import iri

router = APIRouter(tags=["Linked data"])
CORPUS_FILE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*\.(txt|md)")


def void_triples(served: Served, base: str) -> tuple[ox.Triple, ...]:
    """The VoID/DCAT description as triples, made once per served graph and base URL."""
    key = ("void", base)
    cached = served.pages.get(key)
    if not isinstance(cached, tuple):
        data = dataset_description(base, served, "application/n-triples")
        cached = tuple(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        served.pages[key] = cached
    return cached


def _about(request: Request, served: Served, resource: str) -> Response:
    """A dataset-level IRI: what the store says about it plus what VoID/DCAT says."""
    void = void_triples(served, str(request.base_url))
    subjects = {resource}
    extra = tuple(t for t in void if text_of(t.subject) in subjects)
    objects = {t.object.value for t in extra if isinstance(t.object, ox.NamedNode)}
    labels = tuple(
        t for t in void if text_of(t.subject) in objects and t.predicate.value.endswith("title")
    )
    return dereference(request, served, resource, extra + labels)


async def _answer(request: Request, served: Served, path: str) -> Response:
    response: Response = await run_in_threadpool(_about, request, served, iri.BASE + path)
    return response


@router.get("/graph/{path:path}", summary="A named graph: its VoID record", response_model=None)
async def named_graph(path: str, request: Request, served: ServedDep) -> Response:
    return await _answer(request, served, "graph/" + path)


@router.get("/dataset", summary="The dataset: VoID and DCAT-AP.de", response_model=None)
async def dataset(request: Request, served: ServedDep) -> Response:
    """The whole VoID/DCAT description for RDF clients, the dataset's page for browsers."""
    media = negotiate(request)
    if media == "text/html":
        return await _answer(request, served, "dataset")
    triples = list(void_triples(served, str(request.base_url)))
    return rdf_response(GraphResult(triples), media, "/dataset")


@router.get("/dataset/{path:path}", summary="The build (PROV) of the dataset", response_model=None)
async def dataset_part(path: str, request: Request, served: ServedDep) -> Response:
    return await _answer(request, served, "dataset/" + path)


@router.get("/software/{path:path}", summary="The software that built it", response_model=None)
async def software(path: str, request: Request, served: ServedDep) -> Response:
    return await _answer(request, served, "software/" + path)


@router.get("/distribution/{name}", summary="A DCAT distribution", response_model=None)
async def distribution(name: str, request: Request, served: ServedDep) -> Response:
    return await _answer(request, served, "distribution/" + name)


@router.get("/publisher", summary="The publisher of the dataset", response_model=None)
async def publisher(request: Request, served: ServedDep) -> Response:
    return await _answer(request, served, "publisher")


@router.get("/context.jsonld", summary="The JSON-LD @context of every JSON-LD answer")
def context() -> Response:
    return Response(
        context_document(),
        media_type="application/ld+json",
        headers={"Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/corpus/{name}", summary="A corpus file, line by line (#L12)", response_model=None)
def corpus_file(name: str, request: Request, served: ServedDep) -> Response:
    """The source a ``dcterms:source`` such as ``corpus:…txt#L472`` points to.

    Browsers get numbered lines with anchors (``#L472``, ranges ``#L203-L204``), everyone else
    the file byte for byte as ``text/plain``.
    """
    path = served.settings.corpus_dir / name
    if not CORPUS_FILE.fullmatch(name) or not path.is_file():
        raise HTTPException(404, f"no corpus file {name!r}")
    text = path.read_text(encoding="utf-8")
    wanted = best_match(request.headers.get("accept"), ["text/plain", "text/html", *RDF_TYPES])
    if wanted != "text/html" or request.query_params.get("format") == "txt":
        return PlainTextResponse(text, headers={"Vary": "Accept"})
    response: HTMLResponse = TEMPLATES.TemplateResponse(
        request, "corpus.html", {"name": name, "lines": text.split("\n")}
    )
    response.headers["Vary"] = "Accept"
    return response
