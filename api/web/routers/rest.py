"""JSON resources for developers: actors, places, projects, topics, documents, pledges.

Lists are paginated (``limit``/``offset``, at most 500 per page) in a stable order (by IRI, or
by document and line for pledges), and filterable by author, modality, topic, place and year
where it makes sense. Each item carries its IRI and the server path that dereferences it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query

from api.engine.results import GraphResult, text_of
from api.web.deps import Served, ServedDep
from api.web.routers.common import local_path, run_internal, run_rows
from mappings.rdf import iri

router = APIRouter(tags=["Resources"])

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Filter = Annotated[str | None, Query(max_length=200)]
CLASSES = {
    "actors": str(iri.DOKG.Actor),
    "places": str(iri.DOKG.Place),
    "projects": str(iri.DOKG.Project),
    "topics": "http://www.w3.org/2004/02/skos/core#Concept",
}
KINDS = {"actors": "actor", "places": "place", "projects": "project", "topics": "topic"}


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


def describe(served: Served, resource: str) -> dict[str, Any]:
    """A resource as JSON: its IRI and its properties (predicate IRI → list of values)."""
    result = run_internal(served, "describe", resource=resource)
    assert isinstance(result, GraphResult)
    properties: dict[str, list[Any]] = {}
    for triple in result.triples:
        if text_of(triple.subject) != resource:
            continue
        obj = triple.object
        value: Any = text_of(obj)
        if isinstance(obj, ox.Literal) and obj.language:
            value = {"value": obj.value, "lang": obj.language}
        properties.setdefault(triple.predicate.value, []).append(value)
    if not properties:
        raise HTTPException(404, f"nothing is known about {resource}")
    for values in properties.values():
        values.sort(key=str)
    return {"iri": resource, "path": local_path(resource), "properties": properties}


def _entities(served: Served, kind: str, limit: int, offset: int) -> dict[str, Any]:
    rows = run_rows(served, "entities", **{"class": CLASSES[kind]})
    items = [dict(row, path=local_path(row["entity"])) for row in rows]
    return page(items, limit, offset)


@router.get("/actors", summary="Actors (parties, factions, the city, companies)")
def actors(served: ServedDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _entities(served, "actors", limit, offset)


@router.get("/projects", summary="Projects")
def projects(served: ServedDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _entities(served, "projects", limit, offset)


@router.get("/topics", summary="Topics")
def topics(served: ServedDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _entities(served, "topics", limit, offset)


@router.get("/places", summary="Places")
def places(served: ServedDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _entities(served, "places", limit, offset)


def _iri(kind: str, slug: str) -> str:
    try:
        return str(getattr(iri, kind)(slug))
    except ValueError as error:
        raise HTTPException(400, str(error)) from error


def pledges_about(
    served: Served,
    about: str,
    *,
    author: str | None = None,
    modality: str | None = None,
    year: int | None = None,
    scope: str = "own",
) -> list[dict[str, Any]]:
    rows = run_rows(served, "about-pledges", about=about, scope=scope)
    if author:
        rows = [r for r in rows if r["author"] == _iri("actor", author)]
    if modality:
        rows = [r for r in rows if r["modality"] == str(iri.DOKG[modality])]
    if year is not None:
        rows = [r for r in rows if r.get("year") == year]
    return [dict(row, path=local_path(row["pledge"])) for row in rows]


@router.get("/actors/{slug}", summary="One actor")
def actor(slug: str, served: ServedDep) -> dict[str, Any]:
    return describe(served, _iri("actor", slug))


@router.get("/actors/{slug}/pledges", summary="Pledges about an actor, per author")
def actor_pledges(
    slug: str,
    served: ServedDep,
    author: Filter = None,
    modality: Filter = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    scope: Annotated[
        Literal["own", "group"],
        Query(description="own: the company's own operations; group: also its subsidiaries'"),
    ] = "own",
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    about = _iri("actor", slug)
    describe(served, about)  # 404 for an unknown actor
    items = pledges_about(served, about, author=author, modality=modality, year=year, scope=scope)
    return page(items, limit, offset)


@router.get("/places/{slug}", summary="One place, with the pledges about it")
def place(slug: str, served: ServedDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    about = _iri("place", slug)
    body = describe(served, about)
    body["pledges"] = page(pledges_about(served, about), limit, offset)
    return body


@router.get("/documents/{slug}", summary="One document, with its statements in order")
def document(
    slug: str,
    served: ServedDep,
    modality: Filter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    about = _iri("document", slug)
    body = describe(served, about)
    rows = run_rows(served, "document-statements", document=about)
    if modality:
        rows = [r for r in rows if r.get("modality") == str(iri.DOKG[modality])]
    items = [dict(r, path=local_path(r["statement"])) for r in rows]
    body["statements"] = page(items, limit, offset)
    return body


@router.get("/pledges/{document_id}/{key}", summary="One pledge or statement")
def pledge(document_id: str, key: str, served: ServedDep) -> dict[str, Any]:
    try:
        resource = str(iri.statement(document_id, key))
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    return describe(served, resource)
