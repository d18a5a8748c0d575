"""The web UI: a start page with counts, and a SPARQL editor with the named queries as examples.

The editor is a plain ``<textarea>`` with a small script of our own (``static/editor.js``):
no CDN, no npm build step, nothing to vendor; it posts to ``/sparql`` and renders the SPARQL
JSON as a table, with download links for CSV, TSV, JSON and XML.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import ServedDep
from api.routers.common import local_path, run_rows
from api.routers.pages import TEMPLATES

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, served: ServedDep) -> HTMLResponse:
    documents: dict[str, dict[str, Any]] = {}
    authors: dict[str, dict[str, Any]] = defaultdict(lambda: {"pledges": 0, "documents": 0})
    for row in run_rows(served, "documents"):
        doc = documents.setdefault(
            str(row["document"]),
            {
                "path": local_path(row["document"]),
                "title": row.get("title", ""),
                "issued": row.get("issued", ""),
                "statements": row.get("statements", 0),
                "pledges": row.get("pledges", 0),
                "authors": [],
            },
        )
        if "author" in row:
            doc["authors"].append(
                {"path": local_path(row["author"]), "label": row.get("authorLabel", "")}
            )
            entry = authors[str(row["author"])]
            entry.update(path=local_path(row["author"]), label=row.get("authorLabel", ""))
            entry["pledges"] += int(str(row.get("pledges", 0)))
            entry["documents"] += 1
    graphs = run_rows(served, "graph-counts")
    total = sum(int(str(g["triples"])) for g in graphs)
    return TEMPLATES.TemplateResponse(
        request,
        "index.html",
        {
            "documents": list(documents.values()),
            "authors": sorted(authors.values(), key=lambda a: str(a["label"])),
            "triples": total,
            "graphs": len(graphs),
            "queries": list(served.catalog.values()),
        },
    )


@router.get("/editor", response_class=HTMLResponse)
def editor(request: Request, served: ServedDep) -> HTMLResponse:
    examples = [
        {"name": q.name, "summary": q.summary, "text": q.text} for q in served.catalog.values()
    ]
    return TEMPLATES.TemplateResponse(request, "editor.html", {"examples": examples})
