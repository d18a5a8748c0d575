"""Result serialisation under the response size limit, and the truncation notes in bodies."""

from __future__ import annotations

import json

import pyoxigraph as ox

from api.engine.results import (
    GraphResult,
    SelectResult,
    fit_to_size,
    serialise_graph,
    serialise_solutions,
)


def _rows(n: int) -> SelectResult:
    return SelectResult(["x"], [{"x": ox.Literal("v" * 50 + str(i))} for i in range(n)])


def test_an_answer_within_the_limit_is_untouched() -> None:
    result = _rows(10)
    data, shown, cut = fit_to_size(result, lambda r: serialise_solutions(r, "text/csv"), 10_000)
    assert not cut and shown is result and data.count(b"\r\n") == 11


def test_an_oversized_answer_keeps_leading_rows_that_fit() -> None:
    result = _rows(1000)
    data, shown, cut = fit_to_size(result, lambda r: serialise_solutions(r, "text/csv"), 5_000)
    assert cut and shown.truncated and len(data) <= 5_000
    assert isinstance(shown, SelectResult)
    assert 0 < len(shown.rows) < 1000 and shown.rows == result.rows[: len(shown.rows)]
    assert len(data) > 0.9 * 5_000  # close to the limit: rows are not thrown away needlessly


def test_an_oversized_graph_is_cut_too() -> None:
    s = ox.NamedNode("http://example.org/s")
    triples = [ox.Triple(s, ox.NamedNode(f"http://example.org/p{i}"), s) for i in range(500)]
    data, shown, cut = fit_to_size(
        GraphResult(triples), lambda r: serialise_graph(r, "application/n-triples"), 2_000
    )
    assert cut and len(data) <= 2_000 and isinstance(shown, GraphResult) and shown.triples


def test_json_results_carry_the_note_and_still_parse() -> None:
    data = serialise_solutions(_rows(2), "application/sparql-results+json", "row limit 2")
    assert json.loads(data)["truncated"] == "row limit 2"
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == 2  # type: ignore[arg-type]


def test_xml_results_carry_the_note_as_a_comment_and_still_parse() -> None:
    data = serialise_solutions(_rows(2), "application/sparql-results+xml", "size -- limit")
    assert b"<!-- truncated: size - - limit -->" in data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)
    assert len(list(parsed)) == 2  # type: ignore[arg-type]


def test_turtle_and_rdfxml_carry_the_note_as_a_comment_and_still_parse() -> None:
    s = ox.NamedNode("http://example.org/s")
    result = GraphResult([ox.Triple(s, s, ox.Literal("x"))])
    for media, fmt in [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ]:
        data = serialise_graph(result, media, "row limit 1")
        assert b"truncated: row limit 1" in data
        assert len(list(ox.parse(data, format=fmt))) == 1


XSD = "http://www.w3.org/2001/XMLSchema#"


def test_plain_values_are_numbers_booleans_and_strings_as_a_developer_expects() -> None:
    from api.engine.results import term_to_plain

    def typed(value: str, datatype: str) -> ox.Literal:
        return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))

    assert term_to_plain(typed("2035", "integer")) == 2035
    assert term_to_plain(typed("2030", "gYear")) == 2030
    assert term_to_plain(typed("12.5", "decimal")) == 12.5
    assert term_to_plain(typed("true", "boolean")) is True
    assert term_to_plain(typed("0", "boolean")) is False
    assert term_to_plain(typed("zwölf", "integer")) == "zwölf"  # ill-typed stays as written
    assert term_to_plain(typed("2030-12-31", "date")) == "2030-12-31"
    assert term_to_plain(ox.Literal("Straße", language="de")) == "Straße"
    assert term_to_plain(ox.NamedNode("https://w3id.org/dortmund-kg/id/actor/dsw21")).endswith(
        "/dsw21"
    )


def test_solutions_json_is_utf8_and_parses_back() -> None:
    result = SelectResult(["x"], [{"x": ox.Literal("Öffentlicher Nahverkehr → DSW21")}])
    data = serialise_solutions(result, "application/sparql-results+json")
    assert "→".encode() in data  # not \\u-escaped
    assert json.loads(data)["results"]["bindings"][0]["x"]["value"].startswith("Öffentlicher")
