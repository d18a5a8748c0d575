"""The lexical checks that run before any engine sees a query."""

from __future__ import annotations

import pytest

from api.sparql_text import QueryRefused, analyse, check_read_only, inject_values

LIMITS = {"known_graphs": frozenset({"http://g/1"}), "max_length": 5000, "max_depth": 20}


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:s> <a:p> <a:o> }",
        "PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://g/1>",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <http://evil/> SELECT * FROM ex:x WHERE { ?s ?p ?o }",
        "SELECT * WHERE " + "{" * 30 + "}" * 30,
        "SELECT * WHERE { ?s ?p ?o } # " + "x" * 6000,
        "this is not sparql",
    ],
)
def test_refused_queries_never_reach_the_engine(text: str) -> None:
    with pytest.raises(QueryRefused):
        check_read_only(text, **LIMITS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?s WHERE { ?s ?p "SERVICE LOAD INSERT" }',
        "SELECT ?s FROM <http://g/1> WHERE { ?s ?p ?o }",
        "# INSERT in a comment\nASK { }",
        "PREFIX ex: <http://e/> SELECT (COUNT(*) AS ?n) WHERE { ?s ex:service ?o }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_keywords_in_strings_comments_and_names_are_not_refused(text: str) -> None:
    assert check_read_only(text, **LIMITS).form is not None  # type: ignore[arg-type]


def test_values_block_goes_into_the_outermost_where_group() -> None:
    text = "PREFIX ex: <http://e/> CONSTRUCT { ?s ex:p ?o } WHERE { ?s ex:p ?o }"
    injected = inject_values(text, {"o": '"x"'})
    assert injected.endswith('WHERE { VALUES ?o { "x" } ?s ex:p ?o }')
    assert analyse(injected).form == "CONSTRUCT"
