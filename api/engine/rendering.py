"""Turning a query answer into the bytes a client gets, where the answer is made.

A rendering is a small picklable description of the response a route wants (format, limits,
named-query columns). The query workers (:mod:`api.engine.workers`) apply it next to the engine and
send back only the finished body: pickling thousands of pyoxigraph terms across the pipe cost
more than the query itself (measured: 5 ms for the 304 rows of ``party-pledges``), and the
server process never holds a large answer as Python objects, which kept its memory fragmenting
under load (bench/results/soak.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from api.engine.formats import (
    GRAPH_FORMATS,
    GRAPH_TYPES,
    NAMED_FORMATS,
    SHORTCUTS,
    SOLUTION_FORMATS,
    SOLUTION_TYPES,
)
from api.engine.named_queries import NamedQuery, NamedResult
from api.engine.negotiation import best_match
from api.engine.results import (
    GraphResult,
    QueryResult,
    SelectResult,
    fit_to_size,
    serialise_graph,
    serialise_solutions,
)

TRUNCATION_HINT = "; more results exist: add LIMIT/OFFSET or narrow the query"

@dataclass(frozen=True)
class Rendered:
    """A finished response body with its status, media type and headers."""

    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 200


class Rendering(Protocol):
    """Makes the response body of one answer; must pickle (it travels to a query worker)."""

    def __call__(self, result: QueryResult) -> Rendered: ...


@dataclass(frozen=True)
class NamedRendering:
    """A named query's rows as plain JSON or CSV, within the response size limit."""

    query: NamedQuery
    params: tuple[tuple[str, str], ...]
    wanted: str  # a name in api.engine.formats.NAMED_FORMATS
    max_bytes: int
    row_limit: int

    def __call__(self, result: QueryResult) -> Rendered:
        if not isinstance(result, SelectResult):
            raise TypeError(f"{self.query.name} is not a SELECT query")
        params = dict(self.params)

        def render(rows: SelectResult) -> bytes:
            shown = NamedResult(self.query, rows, params)
            if self.wanted == "csv":
                return shown.to_csv()
            return orjson.dumps(shown.to_json())

        data, _, cut = fit_to_size(result, render, self.max_bytes)
        headers = truncation_headers(cut, result.truncated, self.max_bytes, self.row_limit)
        return Rendered(data, with_charset(NAMED_FORMATS[self.wanted].media_type), headers)


def size_note(max_bytes: int) -> str:
    return f"response size limit {max_bytes} bytes"


def row_note(row_limit: int) -> str:
    return f"row limit {row_limit}"


def truncation_headers(
    cut: bool, truncated: bool, max_bytes: int, row_limit: int
) -> tuple[tuple[str, str], ...]:
    """``Vary``, and ``X-Result-Truncated`` naming the limit that cut the answer, if one did."""
    headers = [("Vary", "Accept")]
    if cut:
        headers.append(("X-Result-Truncated", f"true; {size_note(max_bytes)}"))
    elif truncated:
        headers.append(("X-Result-Truncated", f"true; {row_note(row_limit)}"))
    return tuple(headers)


def choose_format(accept: str | None, fmt: str, offered: list[str]) -> str | None:
    """The media type to answer in: ``format=`` (or its shortcut) wins over ``Accept``."""
    if fmt:
        wanted = SHORTCUTS.get(fmt, fmt)
        return wanted if wanted in offered else None
    return best_match(accept, offered)


def with_charset(media_type: str) -> str:
    return media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")


def plain_error(status: int, message: str) -> Rendered:
    return Rendered((message + "\n").encode(), "text/plain; charset=utf-8", (), status)


@dataclass(frozen=True)
class ProtocolRendering:
    """A SPARQL Protocol answer in the negotiated format, within the size limit; 406 if the
    client accepts no format this kind of answer comes in."""

    accept: str | None
    fmt: str
    max_bytes: int
    row_limit: int

    def __call__(self, result: QueryResult) -> Rendered:
        def note(shown: object) -> str | None:
            """The body's note: the size limit if rows were dropped for it, else the row limit."""
            if shown is not result:
                return size_note(self.max_bytes) + TRUNCATION_HINT
            return row_note(self.row_limit) + TRUNCATION_HINT if result.truncated else None

        serialise: Callable[[Any, str, str | None], bytes]
        if isinstance(result, GraphResult):
            kind, offered, formats, serialise = (
                "graph results",
                GRAPH_TYPES,
                GRAPH_FORMATS,
                serialise_graph,
            )
        else:
            kind, offered, formats, serialise = (
                "results",
                SOLUTION_TYPES,
                SOLUTION_FORMATS,
                serialise_solutions,
            )
        media = choose_format(self.accept, self.fmt, offered)
        if media is None:
            return plain_error(406, f"{kind} are available as " + ", ".join(offered[:4]))
        info = formats[media]
        data, _, cut = fit_to_size(
            result, lambda r: serialise(r, info.media_type, note(r)), self.max_bytes
        )
        headers = truncation_headers(cut, result.truncated, self.max_bytes, self.row_limit)
        if self.fmt:
            download = f'attachment; filename="result.{info.extension}"'
            headers += (("Content-Disposition", download),)
        return Rendered(data, with_charset(info.media_type), headers)
