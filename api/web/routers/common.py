"""Helpers the REST, linked-data and UI routers share: run an internal query, slug ↔ IRI."""

from __future__ import annotations

from fastapi import HTTPException

from api.engine.backends import Dataset, QueryError
from api.engine.named_queries import ParameterError, internal
from api.engine.results import GraphResult, SelectResult, plain_rows
from api.engine.runner import QueryTimeout, WorkerCrashed
from api.web.deps import Served
from api.web.page_cache import per_build
from mappings.rdf import iri


def run_rows(served: Served, name: str, **values: str) -> list[dict[str, object]]:
    """Rows of an internal SELECT query as plain values (IRIs as strings), once per build."""
    key = ("rows", name, tuple(sorted(values.items())))
    return per_build(served, key, lambda: _rows(served, name, values))


def _rows(served: Served, name: str, values: dict[str, str]) -> list[dict[str, object]]:
    result = run_internal(served, name, **values)
    if not isinstance(result, SelectResult):
        raise TypeError(f"{name} is not a SELECT query")
    query = internal(name)
    return plain_rows(result, query.columns)


def run_internal(served: Served, name: str, **values: str) -> SelectResult | GraphResult:
    query = internal(name)
    try:
        result = served.runner.run(query.text, bindings=query.bind(values), dataset=Dataset())
    except ParameterError as error:
        raise HTTPException(400, str(error)) from error
    except QueryError as error:
        raise HTTPException(400, f"query rejected: {error}") from error
    except QueryTimeout as error:
        raise HTTPException(503, str(error)) from error
    except WorkerCrashed as error:
        raise HTTPException(500, str(error)) from error
    if isinstance(result, (SelectResult, GraphResult)):
        return result
    raise TypeError(f"{name} is an ASK query")


def slug_of(value: object) -> str:
    """The last path segment of an IRI under /id/, e.g. ``dsw21``."""
    text = str(value)
    return text[len(iri.ID) :].split("/", 1)[1] if text.startswith(iri.ID) else text


def local_path(value: object) -> str:
    """An IRI of this dataset as a path on this server (``/id/actor/dsw21``)."""
    text = str(value)
    return text[len(iri.BASE) - 1 :] if text.startswith(iri.BASE) else text
