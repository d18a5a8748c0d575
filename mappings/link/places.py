"""The gazetteer as patterns: every place in ``reference/places.ttl`` is found by its names.

A place added to the reference data with its German label and alternative labels is linked
without a second hand-written pattern: each name becomes a pattern that tolerates what running
text and OCR do to it (a genitive "-s", "Straße" written "Str." or "StraBe", a hyphen written as a
space). A place that needs more than its names (context rules, a generic word as its name) keeps
an entry in ``reference/lexicon.toml``, which then replaces the derived one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mappings.rdf.iri import DOKG

PLACES_FILE = Path(__file__).resolve().parents[1] / "reference" / "places.ttl"

_PLACE_CLASSES = (DOKG.District, DOKG.Quarter, DOKG.Site, DOKG.Road, DOKG.Waterway)
_PLACE_PREFIX = "https://w3id.org/dortmund-kg/id/place/"


def label_pattern(label: str) -> str | None:
    """A regular expression (before OCR tolerance) for one place name; None if unusable.

    >>> bool(re.fullmatch(label_pattern("City (Innenstadt innerhalb des Walls)") or "", "City"))
    True
    >>> bool(re.fullmatch(label_pattern("Kielstraße") or "", "Kielstr."))
    True
    >>> bool(re.search(label_pattern("Phoenix-West") or "", "auf Phoenix West"))
    True
    >>> bool(re.search(label_pattern("A40") or "", "die A 40 und"))
    True
    """
    name = re.sub(r"\s*\([^)]*\)", "", label).strip()
    road = re.fullmatch(r"([AB])\s?(\d+)", name)  # A 40, B54: motorways and federal roads
    if road:
        return rf"\b{road.group(1)}\s?{road.group(2)}\b(?![-.,]?\d)"
    if len(name) < 3 or name.isdigit():
        return None
    pieces: list[str] = []
    for part in re.split(r"([- ]+)", name):
        if not part:
            continue
        if part.strip(" -") == "":
            pieces.append(r"(?:-\s*|\s+)" if "-" in part else r"[-\s]+")
        else:
            pieces.append(re.escape(part))
    body = "".join(pieces)
    body = re.sub(r"stra(?:ß|ss)e$", r"(?:straße|str\\.)", body)
    tail = r"(?:(?<=\.)|(?:s|es)?\b)" if body.endswith(r"str\.)") else r"(?:s|es)?\b"
    return r"\b" + body + tail


def place_names(graph: Graph) -> dict[str, list[str]]:
    """``{"place/<slug>": [German names]}`` for every place below the city, in a stable order."""
    names: dict[str, list[str]] = {}
    for cls in _PLACE_CLASSES:
        for subject in graph.subjects(RDF.type, cls):
            if not isinstance(subject, URIRef) or not str(subject).startswith(_PLACE_PREFIX):
                continue
            ref = "place/" + str(subject)[len(_PLACE_PREFIX) :]
            labels = [*graph.objects(subject, RDFS.label), *graph.objects(subject, SKOS.altLabel)]
            german = sorted(
                str(lit) for lit in labels if isinstance(lit, Literal) and lit.language == "de"
            )
            names[ref] = german
    return dict(sorted(names.items()))


def place_patterns(
    explicit: Iterable[str], path: Path = PLACES_FILE
) -> list[tuple[str, list[str]]]:
    """``(ref, patterns)`` for the places of ``path``.

    A place with an ``explicit`` lexicon entry gets patterns from its names of several words
    only ("Signal Iduna Park"): its one-word names ("Stadion", "Hafen") are generic words whose
    context rules live in the lexicon.
    """
    graph = Graph().parse(path, format="turtle")
    handled = set(explicit)
    out: list[tuple[str, list[str]]] = []
    for ref, names in place_names(graph).items():
        labels = [n for n in names if ref not in handled or _several_words(n)]
        patterns = sorted({p for p in (label_pattern(label) for label in labels) if p})
        if patterns:
            out.append((ref, patterns))
    return out


def _several_words(label: str) -> bool:
    name = re.sub(r"\s*\([^)]*\)", "", label).strip()
    return bool(re.search(r"\w[- ]+\w", name))
