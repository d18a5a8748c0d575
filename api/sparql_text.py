"""A lexical look at SPARQL text, done before any engine sees it.

The endpoint must refuse updates, ``LOAD``, ``SERVICE`` and ``FROM`` clauses that would name a
graph outside the dataset, and queries nested deeper than a cap (pyoxigraph crashes on a few
thousand nested groups). None of this needs a full parser: a tokenizer that knows where
comments, strings and IRIs are is enough to find keywords and brackets without being fooled by
``"SERVICE"`` inside a literal. The same tokens tell where the outermost ``WHERE`` group starts,
which is where a remote run injects its ``VALUES`` block for bound parameters.

>>> analyse("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o }").form
'SELECT'
>>> analyse("ASK FROM <http://g/> {}").from_graphs
('http://g/',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00C0-\uFFFF]+)
  | (?P<pname>[A-Za-z\u00C0-\uFFFF][\w.\-\u00C0-\uFFFF]*?:[\w.\-:%\u00C0-\uFFFF]*|:[\w.\-:%]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>\S)
  | (?P<space>\s+)
    """,
    re.VERBOSE,
)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


class QueryRefused(ValueError):
    """The query text asks for something a read-only endpoint never does."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # bracket depth before this token


@dataclass(frozen=True)
class QueryShape:
    """What the lexical scan learned about one query text."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE; None when it is no query
    update_keyword: str | None  # the first update keyword at top level, if any
    uses_service: bool
    from_graphs: tuple[str, ...]  # IRIs of FROM clauses (prefixed names resolved)
    from_named_graphs: tuple[str, ...]
    max_depth: int
    where_brace: int | None  # offset of the "{" opening the outermost WHERE group


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens, skipping white space; never raises."""
    tokens: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "space":
            continue
        if kind == "close":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, match.group(), match.start(), depth))
        if kind == "open":
            depth += 1
    return tokens


def _resolve(token: Token, prefixes: dict[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def analyse(text: str) -> QueryShape:
    """Scan a query or update text for its form, refusals and nesting depth."""
    tokens = tokenize(text)
    prefixes: dict[str, str] = {}
    form: str | None = None
    update_keyword: str | None = None
    uses_service = False
    from_graphs: list[str] = []
    from_named: list[str] = []
    max_depth = 0
    where_brace: int | None = None
    saw_where = False
    for index, token in enumerate(tokens):
        max_depth = max(max_depth, token.depth + (1 if token.kind == "open" else 0))
        upper = token.text.upper() if token.kind in ("word", "pname") else ""
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "word" and upper == "PREFIX" and nxt is not None:
            after = tokens[index + 2] if index + 2 < len(tokens) else None
            if nxt.kind == "pname" and after is not None and after.kind == "iri":
                prefixes[nxt.text.rstrip(":").partition(":")[0]] = after.text[1:-1]
        if token.kind != "word":
            if (
                token.kind == "open"
                and token.text == "{"
                and where_brace is None
                and token.depth == 0
                and (saw_where or form in ("SELECT", "ASK"))
            ):
                where_brace = token.start
            continue
        if upper in QUERY_FORMS and form is None and update_keyword is None:
            form = upper
        elif upper in UPDATE_KEYWORDS and token.depth == 0 and form is None:
            update_keyword = update_keyword or upper
        elif upper == "SERVICE":
            uses_service = True
        elif upper == "WHERE" and token.depth == 0:
            saw_where = True
        elif upper == "FROM" and nxt is not None:
            named = nxt.kind == "word" and nxt.text.upper() == "NAMED"
            target = tokens[index + 2] if named and index + 2 < len(tokens) else nxt
            iri = _resolve(target, prefixes) or target.text
            (from_named if named else from_graphs).append(iri)
    return QueryShape(
        form=form,
        update_keyword=update_keyword,
        uses_service=uses_service,
        from_graphs=tuple(from_graphs),
        from_named_graphs=tuple(from_named),
        max_depth=max_depth,
        where_brace=where_brace,
    )


def check_read_only(
    text: str,
    *,
    known_graphs: frozenset[str],
    max_length: int,
    max_depth: int,
) -> QueryShape:
    """Refuse what a public read-only endpoint must never run, with a message saying why.

    ``FROM``/``FROM NAMED`` may only select graphs this dataset holds: other engines would
    fetch a foreign IRI from the web (or a ``file:`` URL from the host), so naming one is refused
    rather than silently answered from an empty graph.
    """
    if len(text) > max_length:
        raise QueryRefused(f"query is {len(text)} characters long; the limit is {max_length}")
    shape = analyse(text)
    if shape.max_depth > max_depth:
        raise QueryRefused(f"query nests brackets {shape.max_depth} deep; the limit is {max_depth}")
    if shape.update_keyword is not None:
        raise QueryRefused(
            f"SPARQL Update ({shape.update_keyword}) is refused: this endpoint is read-only"
        )
    if shape.uses_service:
        raise QueryRefused("SERVICE is refused: this endpoint never queries other services")
    for iri in shape.from_graphs + shape.from_named_graphs:
        if iri not in known_graphs:
            raise QueryRefused(
                f"FROM <{iri}> is refused: it is not a graph of this dataset, and this "
                "endpoint never fetches graphs from elsewhere"
            )
    if shape.form is None:
        raise QueryRefused("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return shape


def inject_values(text: str, bindings: dict[str, str]) -> str:
    """Put ``VALUES ?var { term }`` at the start of the outermost WHERE group.

    ``bindings`` maps variable names to terms already serialised as N-Triples by the caller
    from parsed RDF terms, never raw user input.

    >>> inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": "<http://x/>"})
    'SELECT ?s WHERE { VALUES ?o { <http://x/> } ?s ?p ?o }'
    """
    if not bindings:
        return text
    brace = analyse(text).where_brace
    if brace is None:
        raise ValueError("cannot find the WHERE group to bind parameters in")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return text[: brace + 1] + " " + block + text[brace + 1 :]
