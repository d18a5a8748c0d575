"""The named-query catalog: ``queries/*.rq`` with their ``#+`` YAML headers (docs/queries.md).

A named query is data, not code: its file stem is the route, the operationId and the CLI
name. Request values are validated by the declared parameter type and turned into RDF terms
here, so that no user text ever reaches the query text; the backend binds the terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
import yaml

from api.engine.backends import Backend, Dataset, QueryError
from api.engine.results import XSD, SelectResult, Term, plain_rows, solutions_csv
from mappings.rdf import iri

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
ParamType = Literal["string", "integer", "entity", "iri", "enum"]
PARAM_TYPES: frozenset[str] = frozenset({"string", "integer", "entity", "iri", "enum"})
MAX_STRING = 500
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Entity kinds a parameter may name, and the mappings.rdf.iri function that mints them.
ENTITY_KINDS = {
    "actor": iri.actor,
    "person": iri.person,
    "document": iri.document,
    "place": iri.place,
    "project": iri.project,
    "topic": iri.topic,
    "line": iri.transit_line,
    "event": iri.event,
}


class CatalogError(ValueError):
    """A query file or its header is malformed (names the file)."""


class ParameterError(ValueError):
    """A request value does not fit its parameter (names the parameter)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"parameter {name!r}: {message}")
        self.name = name


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    required: bool = False
    default: str | None = None
    description: str = ""
    example: str | None = None
    kind: str | None = None  # entity kind
    values: tuple[str, ...] = ()  # enum values
    as_: str | None = None  # "dokg": enum values bound as dokg:<value>

    def bind(self, raw: str) -> Term:
        """Validate one request value and return it as an RDF term.

        >>> Param("actor", "entity", kind="actor").bind("dsw21")
        <NamedNode value=https://w3id.org/dortmund-kg/id/actor/dsw21>
        >>> Param("year", "integer").bind("2030")
        <Literal value=2030 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
        """
        if self.type == "integer":
            if not _INTEGER.match(raw.strip()):
                raise ParameterError(self.name, f"expected an integer, got {raw!r}")
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "string":
            if len(raw) > MAX_STRING:
                raise ParameterError(self.name, f"longer than {MAX_STRING} characters")
            return ox.Literal(raw)
        if self.type == "enum":
            if raw not in self.values:
                allowed = ", ".join(self.values)
                raise ParameterError(self.name, f"{raw!r} is not one of: {allowed}")
            if self.as_ == "dokg":
                return ox.NamedNode(str(iri.DOKG[raw]))
            return ox.Literal(raw)
        if self.type == "iri":
            if not _IRI.match(raw):
                raise ParameterError(self.name, f"not an absolute IRI: {raw!r}")
            try:
                return ox.NamedNode(raw)
            except ValueError as error:  # e.g. a code point IRIs may not hold
                raise ParameterError(self.name, f"not a valid IRI: {error}") from None
        return self._bind_entity(raw)

    def _bind_entity(self, raw: str) -> ox.NamedNode:
        kind = self.kind or ""
        prefix = iri.ID + kind + "/"
        slug = raw[len(prefix) :] if raw.startswith(prefix) else raw
        if not _SLUG.match(slug):
            raise ParameterError(
                self.name, f"expected a {kind} slug like {self.example or 'dsw21'!r}, got {raw!r}"
            )
        return ox.NamedNode(str(ENTITY_KINDS[kind](slug)))

    def openapi_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.type == "integer" else "string"}
        if self.type == "enum":
            schema["enum"] = list(self.values)
        if self.type == "string":
            schema["maxLength"] = MAX_STRING
        if self.default is not None:
            schema["default"] = int(self.default) if self.type == "integer" else self.default
        if self.example is not None:
            schema["example"] = int(self.example) if self.type == "integer" else self.example
        return schema


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def bind(self, values: Mapping[str, str]) -> dict[str, Term]:
        """Validate request values against the declared parameters; return RDF terms."""
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParameterError(unknown[0], f"unknown parameter (this query takes: {known})")
        bound: dict[str, Term] = {}
        for param in self.params:
            raw = values.get(param.name)
            if raw is None or raw == "":
                if param.default is not None:
                    raw = param.default
                elif param.required:
                    raise ParameterError(param.name, "is required")
                else:
                    continue
            bound[param.name] = param.bind(raw)
        return bound


@dataclass(frozen=True)
class NamedResult:
    query: NamedQuery
    result: SelectResult
    params: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return list(self.query.columns) or self.result.variables

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query.name,
            "params": self.params,
            "columns": self.columns,
            "rows": plain_rows(self.result, self.columns),
            "truncated": self.result.truncated,
        }

    def to_csv(self) -> bytes:
        return solutions_csv(self.result, columns=self.columns)


def parse_header(text: str, path: Path) -> dict[str, Any]:
    """The YAML of the leading ``#+`` lines of a query file."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    try:
        header = yaml.safe_load("\n".join(lines)) if lines else {}
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: bad #+ header: {error}") from error
    if not isinstance(header, dict):
        raise CatalogError(f"{path}: the #+ header must be a mapping")
    return header


def _param(name: str, spec: Any, path: Path) -> Param:
    if not isinstance(spec, dict):
        raise CatalogError(f"{path}: parameter {name}: expected a mapping")
    kind = spec.get("type", "string")
    if kind not in PARAM_TYPES:
        raise CatalogError(f"{path}: parameter {name}: unknown type {kind!r}")
    if kind == "entity" and spec.get("kind") not in ENTITY_KINDS:
        raise CatalogError(f"{path}: parameter {name}: entity kind must be one of {ENTITY_KINDS}")
    values = tuple(str(v) for v in spec.get("values", ()))
    if kind == "enum" and not values:
        raise CatalogError(f"{path}: parameter {name}: an enum needs values")
    default = spec.get("default")
    example = spec.get("example")
    param = Param(
        name=name,
        type=kind,
        required=bool(spec.get("required", False)),
        default=None if default is None else str(default),
        description=str(spec.get("description", "")).strip(),
        example=None if example is None else str(example),
        kind=spec.get("kind"),
        values=values,
        as_=spec.get("as"),
    )
    if param.default is not None:
        try:
            param.bind(param.default)
        except ParameterError as error:
            raise CatalogError(f"{path}: default does not fit: {error}") from error
    return param


def load_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file with its header."""
    name = path.stem
    if not _NAME.match(name):
        raise CatalogError(f"{path}: a query name must be kebab-case")
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    params = header.get("params") or {}
    if not isinstance(params, dict):
        raise CatalogError(f"{path}: params must be a mapping")
    return NamedQuery(
        name=name,
        summary=str(header.get("summary", name)).strip(),
        description=str(header.get("description", "")).strip(),
        params=tuple(_param(str(k), v, path) for k, v in params.items()),
        columns=tuple(str(c) for c in header.get("columns") or ()),
        text=text,
        path=path,
    )


def load_catalog(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every ``*.rq`` of a directory that has a ``#+`` header, by name."""
    catalog: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        if "#+" not in path.read_text(encoding="utf-8")[:2000]:
            continue
        query = load_query(path)
        catalog[query.name] = query
    return catalog


def run(
    query: NamedQuery,
    backend: Backend,
    values: Mapping[str, str],
    *,
    row_limit: int = 10_000,
) -> NamedResult:
    """Validate, bind and run a named query."""
    bindings = query.bind(values)
    result = backend.query(query.text, bindings=bindings, dataset=Dataset(), row_limit=row_limit)
    if not isinstance(result, SelectResult):
        raise QueryError(f"{query.name} is not a SELECT query")
    return NamedResult(query, result, given_values(values))


def given_values(values: Mapping[str, str]) -> dict[str, str]:
    """The parameters a caller actually gave (empty ones mean "not given"), as echoed back."""
    return {k: v for k, v in values.items() if v not in (None, "")}


INTERNAL_DIR = Path(__file__).resolve().parents[1] / "sparql"


def internal(name: str) -> NamedQuery:
    """One of the API's own queries (``api/sparql/<name>.rq``), with the same header format.

    They back the REST resources, the linked-data pages and the start page; they are not
    operations of their own.
    """
    return load_query(INTERNAL_DIR / f"{name}.rq")
