"""What the start page and the list pages count: documents, authors, companies."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from api.web.deps import Served
from api.web.routers.common import local_path, run_rows


def authors_with_counts(served: Served) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents with their authors, and authors with their pledge counts summed over them."""
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
    ranked = sorted(authors.values(), key=lambda a: (-int(a["pledges"]), str(a["label"])))
    return list(documents.values()), ranked


def companies(served: Served) -> list[dict[str, Any]]:
    """The municipal companies, most-pledged first, with the pledges per author."""
    found: dict[str, dict[str, Any]] = {}
    for row in run_rows(served, "companies"):
        entry = found.setdefault(
            str(row["company"]),
            {
                "path": local_path(row["company"]),
                "label": row.get("label", row["company"]),
                "alt": row.get("altLabel", ""),
                "authors": [],
                "total": 0,
            },
        )
        if "author" in row:
            n = int(str(row["pledges"]))
            entry["authors"].append({"label": row.get("authorLabel", ""), "pledges": n})
            entry["total"] += n
    return sorted(found.values(), key=lambda c: (-int(c["total"]), str(c["label"])))
