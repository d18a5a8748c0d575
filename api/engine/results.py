"""Query results as plain typed values, and their standard serialisations.

Every backend hands back the same three shapes, already materialised and capped, so the HTTP
layer can say "truncated" honestly and serialise to any format the client asks for without
knowing which engine answered. Terms are pyoxigraph terms (pickleable, so they cross process
boundaries to query workers).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import orjson
import pyoxigraph as ox

from api.engine.formats import GRAPH_FORMATS

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = XSD + "string"


@dataclass(frozen=True)
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Term]]
    truncated: bool = False


@dataclass(frozen=True)
class AskResult:
    value: bool
    truncated: bool = False


@dataclass(frozen=True)
class GraphResult:
    triples: list[ox.Triple]
    truncated: bool = False


QueryResult = SelectResult | AskResult | GraphResult


def term_to_json(term: Term) -> dict[str, Any]:
    """One term in SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_to_json(term.subject),
            "predicate": term_to_json(term.predicate),
            "object": term_to_json(term.object),
        },
    }


def _boolean(lexical: str) -> bool:
    return lexical in ("true", "1")


_PLAIN_NUMBERS: dict[str, Callable[[str], int | float | bool]] = {
    **dict.fromkeys((XSD + "integer", XSD + "int", XSD + "long", XSD + "gYear"), int),
    **dict.fromkeys((XSD + "decimal", XSD + "double", XSD + "float"), float),
    XSD + "boolean": _boolean,
}


def term_to_plain(term: Term) -> str | int | float | bool:
    """A term as the plain JSON value a developer wants: IRIs and text as strings, numbers.

    Called once per cell of every named-query answer, so it looks the datatype up in one
    dict instead of testing it against each numeric type.
    """
    if type(term) is ox.Literal:
        convert = _PLAIN_NUMBERS.get(term.datatype.value)
        if convert is None:
            return term.value
        try:
            return convert(term.value)
        except ValueError:
            return term.value
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def term_to_csv(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def solutions_json(result: SelectResult | AskResult, note: str | None = None) -> bytes:
    """SPARQL 1.1 JSON; a truncation ``note`` goes in a ``truncated`` member before ``results``.

    Readers ignore unknown members (pyoxigraph accepts them only before ``results``, so that is
    where it goes).
    """
    if isinstance(result, AskResult):
        return json.dumps({"head": {}, "boolean": result.value}).encode()
    body: dict[str, Any] = {"head": {"vars": result.variables}}
    if note:
        body["truncated"] = note
    body |= {
        "results": {
            "bindings": [
                {name: term_to_json(value) for name, value in row.items()} for row in result.rows
            ]
        },
    }
    return orjson.dumps(body)


def solutions_xml(result: SelectResult | AskResult, note: str | None = None) -> bytes:
    out = io.StringIO()
    out.write('<?xml version="1.0"?>\n')
    if note:
        out.write(f"<!-- truncated: {_comment_safe(note)} -->\n")
    out.write('<sparql xmlns="http://www.w3.org/2005/sparql-results#">')
    if isinstance(result, AskResult):
        out.write(f"<head/><boolean>{'true' if result.value else 'false'}</boolean></sparql>")
        return out.getvalue().encode()
    out.write("<head>")
    for name in result.variables:
        out.write(f"<variable name={quoteattr(name)}/>")
    out.write("</head><results>")
    for row in result.rows:
        out.write("<result>")
        for name, term in row.items():
            out.write(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.write("</result>")
    out.write("</results></sparql>")
    return out.getvalue().encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            dt = quoteattr(term.datatype.value)
            return f"<literal datatype={dt}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<triple>{escape(str(term))}</triple>"


def solutions_csv(
    result: SelectResult | AskResult, *, delimiter: str = ",", columns: Sequence[str] = ()
) -> bytes:
    """SPARQL 1.1 CSV (plain values) or TSV (N-Triples terms, ``?``-prefixed header)."""
    if isinstance(result, AskResult):
        return b"_askResult\r\n" + (b"true" if result.value else b"false") + b"\r\n"
    names = list(columns) or result.variables
    if delimiter == "\t":
        lines = ["\t".join("?" + n for n in names)]
        for row in result.rows:
            lines.append("\t".join(str(row[n]) if n in row else "" for n in names))
        return ("\n".join(lines) + "\n").encode()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in result.rows:
        writer.writerow([term_to_csv(row.get(n)) for n in names])
    return out.getvalue().encode()


def _comment_safe(note: str) -> str:
    return note.replace("--", "- -").replace("\n", " ")


def serialise_solutions(
    result: SelectResult | AskResult, media_type: str, note: str | None = None
) -> bytes:
    """Solutions in ``media_type``; a truncation ``note`` where the format has room for one.

    JSON and XML carry it (a member, a comment); CSV and TSV have no place for it that a reader
    would not take for data, so there the ``X-Result-Truncated`` header alone says it.
    """
    if media_type == "application/sparql-results+xml":
        return solutions_xml(result, note)
    if media_type == "text/csv":
        return solutions_csv(result)
    if media_type == "text/tab-separated-values":
        return solutions_csv(result, delimiter="\t")
    return solutions_json(result, note)


def serialise_graph(result: GraphResult, media_type: str, note: str | None = None) -> bytes:
    """Triples in ``media_type``; a truncation ``note`` as a comment in Turtle, N-Triples and
    RDF/XML (JSON-LD has no comments: the header alone says it there)."""
    fmt = GRAPH_FORMATS.get(media_type, GRAPH_FORMATS["text/turtle"]).oxigraph
    assert isinstance(fmt, ox.RdfFormat)
    prefixes = {"dokg": "https://w3id.org/dortmund-kg/def/"} if fmt == ox.RdfFormat.TURTLE else None
    data = ox.serialize(result.triples, format=fmt, prefixes=prefixes) or b""
    if not note:
        return data
    line = note.replace("\n", " ")
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        return f"# truncated: {line}\n".encode() + data
    if fmt == ox.RdfFormat.RDF_XML:
        comment = f"<!-- truncated: {_comment_safe(line)} -->\n".encode()
        if data.startswith(b"<?xml"):
            end = data.index(b"?>") + 2
            return data[:end] + b"\n" + comment + data[end:].lstrip(b"\n")
        return comment + data
    return data


def fit_to_size(
    result: QueryResult, serialise: Callable[[Any], bytes], max_bytes: int
) -> tuple[bytes, QueryResult, bool]:
    """Serialise ``result``, dropping trailing rows (or triples) until it fits ``max_bytes``.

    Returns the bytes, the result they were made from, and whether rows were dropped. Rows are
    dropped in proportion to the overshoot (at least one per round), so a huge answer costs a
    few serialisations, not one per row. An answer that does not fit even with no rows (cannot
    happen with sane limits) is returned empty of rows.
    """
    data = serialise(result)
    if len(data) <= max_bytes or isinstance(result, AskResult):
        return data, result, False
    items: Sequence[Any] = result.rows if isinstance(result, SelectResult) else result.triples
    keep = len(items)
    while keep > 0 and len(data) > max_bytes:
        keep = max(0, min(keep - 1, int(keep * max_bytes / len(data) * 0.99)))
        if isinstance(result, SelectResult):
            result = replace(result, rows=list(items[:keep]), truncated=True)
        else:
            result = replace(result, triples=list(items[:keep]), truncated=True)
        data = serialise(result)
    return data, result, True


def plain_rows(result: SelectResult, columns: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Rows as ``{column: plain value}``, unbound columns left out, in column order."""
    names = list(columns) or result.variables
    return [{n: term_to_plain(row[n]) for n in names if n in row} for row in result.rows]


def rows_from_mapping(rows: Sequence[Mapping[str, Term]]) -> list[dict[str, Term]]:
    return [dict(row) for row in rows]


def text_of(term: Term) -> str:
    """The IRI, blank node id or lexical form of a term (N-Triples for a quoted triple)."""
    return str(term) if isinstance(term, ox.Triple) else term.value
