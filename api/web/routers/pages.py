"""HTML renderings of resources for people: company, author, pledge, document, other things.

The page kind follows from the resource: a municipal company answers "Wer verspricht was für
…?", an author lists its own pledges, a statement puts its repaired quote first, a document
shows its text with each statement's characters marked; places, topics, projects and lines list
the pledges about them. The property table stays below for linked-data readers.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.engine.ld_formats import VOCABULARIES
from api.engine.results import GraphResult, text_of
from api.web.deps import Served
from api.web.page_cache import per_build
from api.web.routers.class_pages import InstancePage
from api.web.routers.common import local_path, run_rows
from api.web.routers.document_view import document_text
from api.web.routers.views import MODALITIES, author_view, company_view, pledge_item, pledge_view
from mappings.rdf import iri

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parents[2] / "templates")
TEMPLATES.env.globals["MODALITIES"] = MODALITIES
TEMPLATES.env.filters["local"] = local_path
LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ABOUT_KINDS = {"actor", "place", "topic", "project", "line"}
PREFIXES = {"id": iri.ID, **VOCABULARIES}  # the published context's, and id: for our things


def short(value: str) -> str:
    """An IRI with the longest matching known prefix: ``dokg:Pledge``."""
    best = max((ns for ns in PREFIXES.values() if value.startswith(ns)), key=len, default=None)
    if best is None:
        return value
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{value[len(best) :]}"


TEMPLATES.env.filters["short"] = short


def zeilen(lines: object) -> str:
    """``"14"`` → ``Zeile 14``, ``"14–16"`` → ``Zeilen 14–16`` (German singular and plural).

    >>> zeilen("14"), zeilen("14–16")
    ('Zeile 14', 'Zeilen 14–16')
    """
    text = str(lines)
    return f"Zeilen {text}" if "–" in text else f"Zeile {text}"


TEMPLATES.env.filters["zeilen"] = zeilen


def _labels(result: GraphResult) -> dict[str, str]:
    labels: dict[str, str] = {}
    for t in result.triples:
        if t.predicate.value in LABELS and isinstance(t.object, ox.Literal):
            current = labels.get(text_of(t.subject))
            if current is None or t.object.language == "de":
                labels[text_of(t.subject)] = text_of(t.object)
    return labels


def _cell(term: Any, labels: dict[str, str]) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        href = local_path(term.value) if term.value.startswith(iri.BASE) else term.value
        return {"href": href, "text": labels.get(term.value, short(term.value))}
    if isinstance(term, ox.Literal):
        return {"text": term.value, "lang": term.language or ""}
    return {"text": str(term)}


def render_resource(
    request: Request,
    served: Served,
    resource: str,
    result: GraphResult,
    page: InstancePage | None = None,
) -> HTMLResponse:
    labels = _labels(result)
    properties: dict[str, list[dict[str, str]]] = defaultdict(list)
    types: set[str] = set()
    for t in result.triples:
        if text_of(t.subject) == resource:
            properties[short(t.predicate.value)].append(_cell(t.object, labels))
            if t.predicate.value == RDF_TYPE:
                types.add(text_of(t.object))
    kind = resource[len(iri.ID) :].split("/", 1)[0] if resource.startswith(iri.ID) else "def"
    context: dict[str, Any] = {
        "resource": resource,
        "label": labels.get(resource, short(resource)),
        "kind": kind,
        "properties": sorted(properties.items()),
        "page": page or InstancePage(),
    }
    template = "resource.html"
    if kind == "actor":
        context["authored"] = author_view(served, resource)
        if str(iri.DOKG.MunicipalCompany) in types:
            scope = request.query_params.get("scope")
            context["company"] = company_view(served, resource.rsplit("/", 1)[-1], scope)
        elif not context["authored"]["count"]:
            context["by_author"] = _by_author(run_rows(served, "about-pledges", about=resource))
        template = "actor.html"
    elif kind in ABOUT_KINDS:
        context["by_author"] = _by_author(run_rows(served, "about-pledges", about=resource))
    elif kind == "statement":
        context["pledge"] = pledge_view(served, resource)
        template = "pledge.html"
    elif kind == "document":
        source = served.settings.corpus_dir / f"{resource.rsplit('/', 1)[-1]}.txt"
        context["text"] = document_text(served, resource, source)
        return _document_page(request, served, resource, context)
    return TEMPLATES.TemplateResponse(request, template, context)


def _document_page(
    request: Request, served: Served, resource: str, context: dict[str, Any]
) -> HTMLResponse:
    """The document page (up to 1 MB of marked text) rendered and gzipped once per build."""

    def render() -> tuple[bytes, bytes]:
        body = bytes(TEMPLATES.TemplateResponse(request, "document.html", context).body)
        return body, gzip.compress(body, compresslevel=6, mtime=0)

    plain, packed = per_build(served, ("document-page", resource), render)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return HTMLResponse(packed, headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return HTMLResponse(plain, headers={"Vary": "Accept-Encoding"})


def _by_author(rows: list[dict[str, object]]) -> list[dict[str, Any]]:
    """Pledges about a thing, per author and modality (a pledge once per author)."""
    grouped: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        author = str(row["author"])
        if (author, str(row["pledge"])) in seen:
            continue
        seen.add((author, str(row["pledge"])))
        entry = grouped.setdefault(
            author,
            {
                "path": local_path(author),
                "label": row.get("authorLabel", author),
                "modalities": defaultdict(list),
                "count": 0,
            },
        )
        item = pledge_item(row)
        item["how"] = {
            "mentions": "genannt",
            "concernsIndirectly": "über den Graphen",
            "topic": "Thema",
            "addressee": "Adressat",
        }.get(str(row.get("how")), "")
        entry["modalities"][str(row["modality"]).rsplit("/", 1)[-1]].append(item)
        entry["count"] += 1
    return sorted(
        (dict(e, modalities=sorted(e["modalities"].items())) for e in grouped.values()),
        key=lambda e: -int(e["count"]),
    )


def render_ontology(request: Request, served: Served) -> HTMLResponse:
    rows = run_rows(served, "ontology-terms")
    terms: dict[str, dict[str, Any]] = {}
    for row in rows:
        term = terms.setdefault(str(row["term"]), dict(row, types=[]))
        term["types"].append(short(str(row["type"])))
    items = [dict(v, short=short(k), path=local_path(k)) for k, v in sorted(terms.items())]
    return TEMPLATES.TemplateResponse(request, "ontology.html", {"terms": items})
