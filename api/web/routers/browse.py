"""List pages (companies, authors, topics, places by Stadtbezirk, projects) and the search.

``/suche?q=…`` runs the named query ``search`` (repaired text, umlaut-folding) with its
filters, as a page or — with ``Accept: application/json`` or ``format=json`` — as JSON.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.engine.named_queries import ParameterError
from api.engine.negotiation import best_match
from api.web.deps import ServedDep
from api.web.routers.common import local_path, run_rows
from api.web.routers.pages import TEMPLATES
from api.web.routers.ui_data import authors_with_counts, companies
from api.web.routers.views import named_rows, pledge_item
from mappings.rdf import iri

router = APIRouter(include_in_schema=False)
CLASSES = {
    "themen": ("Themen", "Concept", "http://www.w3.org/2004/02/skos/core#Concept"),
    "projekte": ("Projekte", "Project", str(iri.DOKG.Project)),
}


def _list(
    request: Request, title: str, groups: list[tuple[str, list[dict[str, Any]]]]
) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "list.html", {"title": title, "groups": groups})


@router.get("/unternehmen", response_class=HTMLResponse)
def company_list(request: Request, served: ServedDep) -> HTMLResponse:
    items = [
        {"path": c["path"], "label": c["label"], "note": c["alt"], "count": c["total"]}
        for c in companies(served)
    ]
    return _list(request, "Städtische Unternehmen", [("", items)])


@router.get("/autoren", response_class=HTMLResponse)
def author_list(request: Request, served: ServedDep) -> HTMLResponse:
    _, authors = authors_with_counts(served)
    items = [
        {
            "path": a["path"],
            "label": a["label"],
            "count": a["pledges"],
            "note": f"{a['documents']} Dokument(e)",
        }
        for a in authors
    ]
    return _list(request, "Parteien und Autoren", [("", items)])


@router.get("/orte", response_class=HTMLResponse)
def place_list(request: Request, served: ServedDep) -> HTMLResponse:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in run_rows(served, "places"):
        district = str(row.get("districtLabel", "")) or "Ohne Stadtbezirk / gesamte Stadt"
        groups[district].append(
            {
                "path": local_path(row["place"]),
                "label": row.get("label", row["place"]),
                "count": row.get("pledges", 0),
            }
        )
    return _list(request, "Orte nach Stadtbezirk", sorted(groups.items()))


@router.get("/themen", response_class=HTMLResponse)
def topic_list(request: Request, served: ServedDep) -> HTMLResponse:
    return class_list("themen", request, served)


@router.get("/projekte", response_class=HTMLResponse)
def project_list(request: Request, served: ServedDep) -> HTMLResponse:
    return class_list("projekte", request, served)


def _search_documents(served: ServedDep) -> list[tuple[str, str]]:
    """(id, title) of every document, for the search's document filter."""
    titles = {str(r["document"]): str(r.get("title", "")) for r in run_rows(served, "documents")}
    return sorted((iri_.rsplit("/", 1)[-1], title) for iri_, title in titles.items())


def _search_topics(served: ServedDep) -> list[tuple[str, str]]:
    """(slug, label) of every topic that has pledges, for the search's topic filter."""
    rows = run_rows(served, "entities", **{"class": CLASSES["themen"][2]})
    return sorted(
        (
            (str(r["entity"]).rsplit("/", 1)[-1], str(r.get("label", r["entity"])))
            for r in rows
            if int(str(r.get("pledges", 0)))
        ),
        key=lambda t: t[1],
    )


def class_list(kind: str, request: Request, served: ServedDep) -> HTMLResponse:
    title, _, klass = CLASSES[kind]
    rows = run_rows(served, "entities", **{"class": klass})
    items = sorted(
        (
            {
                "path": local_path(r["entity"]),
                "label": r.get("label", r["entity"]),
                "count": int(str(r.get("pledges", 0))),
            }
            for r in rows
        ),
        key=lambda i: (-int(str(i["count"])), str(i["label"])),
    )
    return _list(request, title, [("", items)])


@router.get("/suche", response_model=None)
def search(request: Request, served: ServedDep) -> Response:
    params = request.query_params
    q = (params.get("q") or "").strip()
    values = {
        k: params[k] for k in ("q", "author", "modality", "document", "topic") if params.get(k)
    }
    rows: list[dict[str, object]] = []
    error = None
    if q:
        try:
            rows = named_rows(served, "search", values)
        except ParameterError as exc:
            error = str(exc)
    wants_json = (
        params.get("format") == "json"
        or best_match(request.headers.get("accept"), ["text/html", "application/json"])
        == "application/json"
    )
    if wants_json:
        if error:
            return JSONResponse({"error": error}, status_code=400)
        return JSONResponse({"q": q, "count": len(rows), "results": rows})
    hits = []
    for row in rows:
        item = pledge_item(row)
        item.update(
            author=row.get("authorLabel", ""),
            author_path=local_path(row["author"]),
            modality=str(row.get("modality", "")).rsplit("/", 1)[-1],
            section=row.get("sectionPath", ""),
        )
        hits.append(item)
    _, authors = authors_with_counts(served)
    return TEMPLATES.TemplateResponse(
        request,
        "search.html",
        {
            "q": q,
            "hits": hits,
            "error": error,
            "authors": authors,
            "author": params.get("author", ""),
            "modality": params.get("modality", ""),
            "documents": _search_documents(served),
            "document": params.get("document", ""),
            "topics": _search_topics(served),
            "topic": params.get("topic", ""),
        },
        status_code=400 if error else 200,
    )
