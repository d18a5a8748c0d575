"""HTML renderings of resources for people: entity pages, document text, ontology docs.

Actor, place, topic and project pages group the pledges about the entity by author and
modality, each quote linking to its source lines on the document page; the document page shows
the source text with line anchors (``#L13``) and its pledges marked.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import Served
from api.results import GraphResult, text_of
from api.routers.common import local_path, run_rows
from mappings import iri

TEMPLATES = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
LABELS = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
}
ABOUT_KINDS = {"actor", "place", "topic", "project", "line"}
PREFIXES = {
    str(iri.DOKG): "dokg:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "http://www.w3.org/ns/oa#": "oa:",
}


def short(value: str) -> str:
    for namespace, prefix in PREFIXES.items():
        if value.startswith(namespace):
            return prefix + value[len(namespace) :]
    return value


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
    request: Request, served: Served, resource: str, result: GraphResult
) -> HTMLResponse:
    labels = _labels(result)
    properties: dict[str, list[dict[str, str]]] = defaultdict(list)
    incoming: list[dict[str, str]] = []
    for t in result.triples:
        if text_of(t.subject) == resource:
            properties[short(t.predicate.value)].append(_cell(t.object, labels))
        elif isinstance(t.object, ox.NamedNode) and text_of(t.object) == resource:
            incoming.append({"property": short(t.predicate.value), **_cell(t.subject, labels)})
    kind = resource[len(iri.ID) :].split("/", 1)[0] if resource.startswith(iri.ID) else "def"
    context: dict[str, Any] = {
        "resource": resource,
        "label": labels.get(resource, short(resource)),
        "kind": kind,
        "properties": sorted(properties.items()),
        "incoming": sorted(incoming, key=lambda c: (c["property"], c["text"]))[:200],
    }
    if kind in ABOUT_KINDS:
        context["by_author"] = _by_author(run_rows(served, "about-pledges", about=resource))
    if kind == "document":
        context["lines"] = _document_lines(served, resource, result)
    if kind == "statement":
        context["source"] = _source_link(result, resource)
    return TEMPLATES.TemplateResponse(request, "resource.html", context)


def _by_author(rows: list[dict[str, object]]) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        author = str(row["author"])
        entry = grouped.setdefault(
            author,
            {
                "author": local_path(author),
                "label": row.get("authorLabel", author),
                "modalities": defaultdict(list),
            },
        )
        modality = str(row["modality"]).rsplit("/", 1)[-1]
        doc_path = local_path(row["document"])
        entry["modalities"][modality].append(
            {
                "quote": row["quote"],
                "pledge": local_path(row["pledge"]),
                "source": f"{doc_path}#L{row.get('lineStart', 1)}",
                "lines": f"{row.get('lineStart', '?')}–{row.get('lineEnd', '?')}",
                "how": row.get("how", ""),
            }
        )
    return [
        dict(entry, modalities=sorted(entry["modalities"].items())) for entry in grouped.values()
    ]


def _document_lines(served: Served, resource: str, result: GraphResult) -> list[dict[str, Any]]:
    """The source text, one entry per line, with the pledges that cover each line."""
    file_name = None
    sources = [
        text_of(t.object)
        for t in result.triples
        if text_of(t.subject) == resource and t.predicate.value == str(iri.DOKG.sourceFile)
    ]
    rows = run_rows(served, "document-statements", document=resource)
    doc_id = resource.rsplit("/", 1)[-1]
    candidate = served.settings.corpus_dir / f"{doc_id}.txt"
    if sources or candidate.exists():
        file_name = candidate
    marks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if not row.get("pledge") or "lineStart" not in row:
            continue
        start = int(str(row["lineStart"]))
        end = int(str(row.get("lineEnd", start)))
        for number in range(start, end + 1):
            marks[number].append(
                {
                    "path": local_path(row["statement"]),
                    "modality": str(row.get("modality", "")).rsplit("/", 1)[-1],
                }
            )
    if file_name is None or not file_name.exists():
        return []
    text = file_name.read_text(encoding="utf-8")
    return [
        {"number": n, "text": line, "marks": marks.get(n, [])}
        for n, line in enumerate(text.splitlines(), start=1)
    ]


def _source_link(result: GraphResult, resource: str) -> str | None:
    document = line = None
    for t in result.triples:
        if text_of(t.subject) != resource:
            continue
        if t.predicate.value == str(iri.DOKG.inDocument):
            document = text_of(t.object)
        if t.predicate.value == str(iri.DOKG.lineStart):
            line = text_of(t.object)
    if document is None:
        return None
    return f"{local_path(document)}#L{line or 1}"


def render_ontology(request: Request, served: Served) -> HTMLResponse:
    rows = run_rows(served, "ontology-terms")
    terms: dict[str, dict[str, Any]] = {}
    for row in rows:
        term = terms.setdefault(str(row["term"]), dict(row, types=[]))
        term["types"].append(short(str(row["type"])))
    items = [dict(v, short=short(k), path=local_path(k)) for k, v in sorted(terms.items())]
    return TEMPLATES.TemplateResponse(request, "ontology.html", {"terms": items})
