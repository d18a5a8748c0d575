"""Every answer format the API speaks, in one table.

The SPARQL endpoint, the linked-data pages, the named queries, their OpenAPI documents and the
command line all read their formats from here: a new format is a row below (and, for a new
kind of body, its serialiser in :mod:`api.engine.results`), not an edit in four modules.

>>> SHORTCUTS["ttl"], SHORTCUTS["json"]
('text/turtle', 'application/sparql-results+json')
>>> SOLUTION_TYPES[-1], GRAPH_FORMATS["text/plain"].media_type
('application/json', 'application/n-triples')
>>> sorted(NAMED_FORMATS)
['csv', 'json']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One format: the media type it is sent as, its file extension for downloads, the
    ``format=`` names that select it, and further media types that select it in ``Accept``."""

    media_type: str
    extension: str
    shortcuts: tuple[str, ...] = ()
    also_accepted: tuple[str, ...] = ()
    oxigraph: ox.RdfFormat | None = field(default=None, compare=False)


# SELECT and ASK answers (SPARQL 1.1 Query Results).
SOLUTIONS: tuple[Format, ...] = (
    Format("application/sparql-results+json", "srj", ("json",), ("application/json",)),
    Format("application/sparql-results+xml", "srx", ("xml",)),
    Format("text/csv", "csv", ("csv",)),
    Format("text/tab-separated-values", "tsv", ("tsv",)),
)

# CONSTRUCT and DESCRIBE answers, and the linked-data pages.
GRAPHS: tuple[Format, ...] = (
    Format("text/turtle", "ttl", ("ttl", "turtle"), oxigraph=ox.RdfFormat.TURTLE),
    Format("application/ld+json", "jsonld", ("jsonld",), oxigraph=ox.RdfFormat.JSON_LD),
    Format("application/n-triples", "nt", ("nt",), ("text/plain",), ox.RdfFormat.N_TRIPLES),
    Format("application/rdf+xml", "rdf", ("rdfxml",), oxigraph=ox.RdfFormat.RDF_XML),
)

# Named queries answer with plain rows: ``format=`` name → format. Their JSON is the rows as
# plain values (``{"rows": [{"author": "…"}]}``), not SPARQL results JSON.
NAMED_FORMATS: dict[str, Format] = {
    "json": Format("application/json", "json", ("json",)),
    "csv": Format("text/csv", "csv", ("csv",)),
}


def by_media_type(formats: Iterable[Format]) -> dict[str, Format]:
    """Media type → format: each format's own type first, then the ones also accepted."""
    formats = tuple(formats)
    table = {fmt.media_type: fmt for fmt in formats}
    for fmt in formats:
        table.update({alias: fmt for alias in fmt.also_accepted if alias not in table})
    return table


SOLUTION_FORMATS = by_media_type(SOLUTIONS)
GRAPH_FORMATS = by_media_type(GRAPHS)
# What content negotiation offers, preferred first (a client accepting anything gets the first).
SOLUTION_TYPES = list(SOLUTION_FORMATS)
GRAPH_TYPES = list(GRAPH_FORMATS)
SHORTCUTS: dict[str, str] = {
    name: fmt.media_type for fmt in (*SOLUTIONS, *GRAPHS) for name in fmt.shortcuts
}
NAMED_TYPES = [fmt.media_type for fmt in NAMED_FORMATS.values()]


def named_format_for(media_type: str | None) -> str:
    """The ``format=`` name of a named-query answer in ``media_type`` (JSON by default)."""
    return next((n for n, f in NAMED_FORMATS.items() if f.media_type == media_type), "json")
