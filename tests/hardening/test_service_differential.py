"""Differential test of the SERVICE pre-check against the engine itself.

hypothesis builds queries from pieces of the SPARQL grammar with ``SERVICE`` (in any case,
with or without ``SILENT`` and spaces), comments (ended by ``\\r``, ``\\n`` or both), escapes in
prefixed names (``\\#``, ``\\'``), an unparsable IRI that makes the engine fall back to a bare
prefix, booleans run into keywords, strings and IRIs saying "service", and nested groups, in
random places. Each query runs in pyoxigraph in this process against a loopback listener. The
property: whatever made the engine connect was refused by the check, and nothing the check
accepts ever connects. The test also asserts that some generated queries did connect and some
were accepted, so it can fail.
"""

from __future__ import annotations

import time
from collections import Counter

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.engine.backends import OxigraphBackend
from api.engine.sparql_text import QueryRefused, check_read_only
from tests.hardening.loopback import listening

LIMITS = {"known_graphs": frozenset[str](), "max_length": 20_000, "max_depth": 64}

SPACE = st.sampled_from(["", " ", "\t", "\n", "\r", "\r\n", " # c\r", " # c\n", "#c\r\n"])
SERVICE_WORD = st.sampled_from(["SERVICE", "service", "Service", "SeRvIcE"])
SILENT = st.sampled_from(["", "SILENT", "silent", " SILENT "])
TERM = st.sampled_from(
    ["?s", "?service", "$o", "ex:a", "ex:service", "ex:a\\#", "ex:a\\'", "ex:a.b", "p:x",
     "true", "false", "1", "2.5", "'service'", '"SERVICE"', "<http://e/service>",
     "dokg:PublicService", "_:b", "[]", "()"]
)


@st.composite
def endpoint(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["<{U}>", ":x", ":", "?e", "<{U}x>"]))


@st.composite
def service_pattern(draw: st.DrawFn) -> str:
    return (
        draw(SERVICE_WORD) + draw(SPACE) + draw(SILENT) + draw(SPACE) + draw(endpoint())
        + draw(SPACE) + "{" + draw(SPACE) + "?a ?b ?c" + draw(SPACE) + "}"
    )


@st.composite
def hider(draw: st.DrawFn) -> str:
    """Text put before a SERVICE pattern that a careless check misreads."""
    return draw(
        st.sampled_from(
            ["", "# x\r", "# x\n", "#\r\n", "BIND(ex:a\\# AS ?v) ", "BIND(ex:a\\' AS ?v) ",
             "?s ?p true", "?s ?p 1", "p:atrue", "?s ?p p:", "\"# x\" ", "'''a\nb''' ",
             "FILTER(?x < 1) ", "?s ?p ?o .", "OPTIONAL { } "]
        )
    )


@st.composite
def group(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["triple", "service", "hidden", "nested", "values"]))
        if kind == "triple":
            parts.append(" ".join(draw(TERM) for _ in range(3)) + " .")
        elif kind == "service":
            parts.append(draw(service_pattern()))
        elif kind == "hidden":
            parts.append(draw(hider()) + draw(service_pattern()))
        elif kind == "values":
            parts.append("VALUES ?e { <{U}> }")
        elif depth < 3:
            wrap = draw(st.sampled_from(["{}", "OPTIONAL {}", "FILTER EXISTS {}", "MINUS {}"]))
            head = wrap[:-2]
            parts.append(head + " {" + draw(group(depth + 1)) + "}")
    return draw(SPACE).join(parts) if parts else ""


@st.composite
def query(draw: st.DrawFn) -> str:
    prologue = draw(
        st.sampled_from(
            ["", "PREFIX : <{U}> ", "PREFIX : <{U}> PREFIX p: <http://e/#> ",
             "PREFIX ex: <http://e/> PREFIX : <{U}> PREFIX p: <http://e/#> "
             "PREFIX dokg: <https://w3id.org/dortmund-kg/def/> "]
        )
    )
    head = draw(st.sampled_from(["SELECT * WHERE", "select *", "ASK", "SELECT ?a WHERE"]))
    return prologue + head + draw(SPACE) + "{" + draw(SPACE) + draw(group()) + draw(SPACE) + "}"


def test_whatever_the_engine_would_send_out_is_refused() -> None:
    seen: Counter[str] = Counter()
    backend = OxigraphBackend(ox.Store())
    with listening() as listener:
        url = f"http://127.0.0.1:{listener.port}/"

        @settings(
            max_examples=400, deadline=None, suppress_health_check=list(HealthCheck)
        )
        @given(query())
        def check(template: str) -> None:
            text = template.replace("{U}", url)
            try:
                check_read_only(text, **LIMITS)  # type: ignore[arg-type]
                accepted = True
            except QueryRefused:
                accepted = False
            before = listener.connections
            try:
                backend.query(text)
                ran = True
            except Exception:  # noqa: BLE001 - syntax errors and refused connections alike
                ran = False
            time.sleep(0.002)
            connected = listener.connections > before
            seen["connected" if connected else "quiet"] += 1
            seen["accepted" if accepted else "refused"] += 1
            seen["ran" if ran else "failed"] += 1
            assert not (connected and accepted), f"the check let through: {text!r}"

        check()
    print(dict(seen))
    assert seen["connected"] > 20, seen  # the generator does make the engine connect
    assert seen["accepted"] > 20, seen  # and the check does not simply refuse everything
