"""What the entity pages show, as plain data for the templates: company, author, pledge.

A company page answers "Wer verspricht was für DSW21?" from the named query
``pledges-for-actor`` (named in the text, or reached through a chain in the graph); an author
page lists the pledges the author *made*; a pledge page puts the repaired quote first. Quotes
are always ``dokg:normalisedText`` (the repaired text), the verbatim characters on request.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from api.engine.backends import Dataset
from api.engine.results import SelectResult, plain_rows
from api.web.deps import Served
from api.web.page_cache import per_build
from api.web.routers.common import local_path, run_rows

MODALITIES = {
    "commitment": "Zusagen",
    "demand": "Forderungen",
    "opposition": "Ablehnungen",
    "review": "Prüfaufträge",
    "vision": "Visionen",
    "contextStatement": "Kontext",
}
KIND_ORDER = ["company", "place", "project", "line", "actor", "other"]


def modality_key(value: object) -> str:
    """``dokg:commitment`` (as IRI or local name) → ``commitment``."""
    return str(value).rsplit("/", 1)[-1]


def source_href(document: object, statement: object, line: object) -> str:
    """The document page opened at the statement's highlighted characters."""
    anchor = str(statement).rsplit("/", 1)[-1] if statement else f"L{line or 1}"
    return f"{local_path(document)}#{anchor}"


def pledge_item(row: dict[str, object], pledge_key: str = "pledge") -> dict[str, Any]:
    start, end = row.get("lineStart", "?"), row.get("lineEnd", row.get("lineStart", "?"))
    return {
        "quote": row.get("quote", ""),
        "pledge": local_path(row[pledge_key]),
        "source": source_href(row["document"], row[pledge_key], start),
        "lines": f"{start}–{end}" if start != end else str(start),
    }


def company_view(served: Served, slug: str, scope: str | None) -> dict[str, Any]:
    """Pledges for a company per author and modality, each saying how it concerns it."""
    query = served.catalog["pledges-for-actor"]
    values = {"actor": slug}
    scopes = [p for p in query.params if p.name == "scope"]
    if scopes and scope:
        values["scope"] = scope
    rows = named_rows(served, "pledges-for-actor", values)
    authors: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (str(row["pledge"]), str(row["author"]))
        if key in seen:
            continue
        seen.add(key)
        entry = authors.setdefault(
            str(row["author"]),
            {
                "path": local_path(row["author"]),
                "label": row.get("authorLabel", row["author"]),
                "modalities": defaultdict(list),
                "count": 0,
            },
        )
        item = pledge_item(row)
        item["explicit"] = row.get("mention") == "explicit"
        item["how"] = _how(str(row.get("path", "")), item["explicit"])
        entry["modalities"][modality_key(row["modality"])].append(item)
        entry["count"] += 1
    grouped = sorted(authors.values(), key=lambda a: -int(a["count"]))
    for entry in grouped:
        entry["modalities"] = sorted(
            entry["modalities"].items(),
            key=lambda m: list(MODALITIES).index(m[0]) if m[0] in MODALITIES else 99,
        )
    return {
        "authors": grouped,
        "topics": topic_chart(served, grouped),
        "total": len(seen),
        "explicit": sum(
            1 for a in grouped for _, ps in a["modalities"] for p in ps if p["explicit"]
        ),
        "scopes": [v for p in scopes for v in p.values],
        "scope": scope or (scopes[0].default if scopes else None),
    }


def pledge_topics(served: Served) -> dict[str, list[str]]:
    """Every pledge's topic labels by its server path, once per served graph."""

    def compute() -> dict[str, list[str]]:
        topics: dict[str, list[str]] = defaultdict(list)
        for row in run_rows(served, "pledge-topics"):
            topics[local_path(row["pledge"])].append(str(row["topicLabel"]))
        return dict(topics)

    return per_build(served, "pledge-topics", compute)


def topic_chart(served: Served, authors: list[dict[str, Any]], most: int = 8) -> dict[str, Any]:
    """Pledges per author (rows) and topic (the ``most`` frequent topics, columns)."""
    topics = pledge_topics(served)
    per_author: list[tuple[dict[str, Any], Counter[str]]] = []
    overall: Counter[str] = Counter()
    for author in authors:
        counts: Counter[str] = Counter(
            t
            for _, items in author["modalities"]
            for p in items
            for t in topics.get(p["pledge"], [])
        )
        overall.update(counts)
        per_author.append((author, counts))
    columns = [t for t, _ in overall.most_common(most)]
    rows = [
        {"label": a["label"], "path": a["path"], "counts": [c[t] for t in columns]}
        for a, c in per_author
        if any(c[t] for t in columns)
    ]
    peak = max((n for r in rows for n in r["counts"]), default=0)
    return {"columns": columns, "rows": rows, "max": peak}


def named_rows(served: Served, name: str, values: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of a named query with bound ``values``, once per served graph."""

    def compute() -> list[dict[str, Any]]:
        query = served.catalog[name]
        result = served.runner.run(query.text, bindings=query.bind(values), dataset=Dataset())
        assert isinstance(result, SelectResult)
        return plain_rows(result, query.columns)

    return per_build(served, ("named", name, tuple(sorted(values.items()))), compute)


def _how(path: str, explicit: bool) -> str:
    """The chain in German words: "nennt „DSW21“" or "nennt U41 → betrieben von DSW21"."""
    steps = [s.strip() for s in path.split(" | ") if s.strip()]
    words = {
        "names ": "nennt ",
        "mentions ": "nennt ",
        "operated by": "betrieben von",
        "subsidiary of": "Tochter von",
        "involves": "beteiligt",
        "located in": "liegt in",
        "part of": "Teil von",
    }
    out = []
    for step in steps[:3]:
        for en, de in words.items():
            step = step.replace(en, de)
        out.append(step)
    return " · ".join(out) or ("genannt" if explicit else "über den Graphen")


def author_view(served: Served, resource: str) -> dict[str, Any]:
    """The author's own pledges, by document and chapter, with counts per modality and topic."""
    rows = run_rows(served, "author-pledges", author=resource)
    documents: dict[str, dict[str, Any]] = {}
    modalities: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for row in rows:
        doc = documents.setdefault(
            str(row["document"]),
            {
                "path": local_path(row["document"]),
                "title": row.get("documentTitle", ""),
                "chapters": defaultdict(list),
                "count": 0,
            },
        )
        chapter = str(row.get("sectionPath", "")).split(" › ", 1)[0] or "–"
        item = pledge_item(row)
        item["modality"] = modality_key(row["modality"])
        item["section"] = row.get("sectionPath", "")
        doc["chapters"][chapter].append(item)
        doc["count"] += 1
        modalities[item["modality"]] += 1
        for topic in str(row.get("topics", "")).split(" | "):
            if topic:
                topics[topic] += 1
    for doc in documents.values():
        doc["chapters"] = list(doc["chapters"].items())
    return {
        "documents": list(documents.values()),
        "count": len(rows),
        "modalities": [(MODALITIES.get(m, m), m, n) for m, n in modalities.most_common()],
        "topics": topics.most_common(12),
    }


def pledge_view(served: Served, resource: str) -> dict[str, Any] | None:
    """The statement's quote, author(s), document, section, lead-in, links and source span."""
    rows = run_rows(served, "statement", statement=resource)
    if not rows:
        return None
    first = rows[0]
    authors = {str(r["author"]): r.get("authorLabel", r["author"]) for r in rows if "author" in r}
    start, end = first.get("lineStart", "?"), first.get("lineEnd", first.get("lineStart", "?"))
    links: dict[str, list[dict[str, Any]]] = defaultdict(list)
    chosen: dict[tuple[str, str], str] = {}
    link_rows = run_rows(served, "statement-links", statement=resource)
    for row in link_rows:  # a company is also an actor: keep the most specific kind
        key = (str(row["thing"]), str(row["how"]))
        kind = str(row.get("kind", "other"))
        old = chosen.get(key)
        if old is None or KIND_ORDER.index(kind) < KIND_ORDER.index(old):
            chosen[key] = kind
    labels = {str(r["thing"]): r.get("label", r.get("targetText", "")) for r in link_rows}
    for (thing, how), kind in sorted(chosen.items()):
        links[kind].append(
            {
                "path": local_path(thing),
                "label": labels.get(thing) or thing.rsplit("/", 1)[-1],
                "how": how,
            }
        )
    return {
        "quote": first.get("quote") or first.get("verbatim", ""),
        "verbatim": first.get("verbatim", ""),
        "authors": [{"path": local_path(a), "label": label} for a, label in authors.items()],
        "document": {
            "path": local_path(first["document"]),
            "title": first.get("documentTitle", ""),
        },
        "section": first.get("sectionPath", ""),
        "lead_in": first.get("leadIn", ""),
        "modality": modality_key(first.get("modality", "")),
        "modality_label": first.get("modalityLabel", ""),
        "is_pledge": "pledge" in first,
        "lines": f"{start}–{end}" if start != end else str(start),
        "source": source_href(first["document"], resource, start),
        "span": (first.get("start"), first.get("end")),
        "links": {
            k: links[k]
            for k in ["target", "company", "actor", "place", "project", "line", "topic", "other"]
            if links.get(k)
        },
    }
