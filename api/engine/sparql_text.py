"""What a query text asks for, decided before any engine sees it.

The endpoint refuses ``SERVICE`` (pyoxigraph would fetch from any address the host can reach),
updates, ``FROM`` naming a graph outside the dataset, and nesting deeper than a cap (pyoxigraph
overflows its stack on a few thousand nested groups or ``!`` signs). The decision is made on the
engine's own terminals (:mod:`api.engine.sparql_lexer`): a comment ends where the engine ends it, a
prefixed name reaches as far as the engine reads it, and text that is no terminal is refused.

The engine is a PEG parser: a keyword matches its letters without a word boundary
(``SERVICESILENT<…>`` and ``trueSERVICE`` run), and a prefixed name whose IRI does not parse
falls back to its bare prefix, so the engine may restart reading inside what looks like one
token. Hence the rule for ``SERVICE`` is wider than the keyword: every word must be a keyword of
the grammar (``SERVICE`` itself refused), and the letters ``service`` in a prefixed name pass
only where no restart can reach them (see :func:`_service_in_pname`). Variable names, strings,
IRIs in angle brackets and comments may say ``service`` freely.

>>> analyse("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o }").form
'SELECT'
>>> analyse("ASK FROM <http://g/> {}").from_graphs
('http://g/',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.engine.sparql_lexer import LexError, Token, lex

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
# Every word of the engine's grammar (spargebra 0.5 parser.rs: its i("…") keywords, "a",
# "true", "false"); any other bare word is text this check does not read.
_GRAMMAR_WORDS = """A ABS ADD ADJUST ALL AS ASC ASK AVG BASE BIND BNODE BOUND BY CEIL CLEAR
    COALESCE CONCAT
    CONSTRUCT CONTAINS COPY COUNT CREATE DATA DATATYPE DAY DEFAULT DELETE DESC DESCRIBE DISTINCT
    DROP ENCODE_FOR_URI EXISTS FALSE FILTER FLOOR FROM GRAPH GROUP GROUP_CONCAT HASLANG HASLANGDIR
    HAVING HOURS IF IN INSERT INTO IRI ISBLANK ISIRI ISLITERAL ISNUMERIC ISTRIPLE ISURI LANG
    LANGDIR LANGMATCHES LATERAL LCASE LIMIT LOAD MAX MD5 MIN MINUS MINUTES MONTH MOVE NAMED NOT
    NOW OBJECT OFFSET OPTIONAL ORDER PREDICATE PREFIX RAND REDUCED REGEX REPLACE ROUND SAMETERM
    SAMPLE SECONDS SELECT SEPARATOR SERVICE SHA1 SHA256 SHA384 SHA512 SILENT STR STRAFTER
    STRBEFORE STRDT STRENDS STRLANG STRLANGDIR STRLEN STRSTARTS STRUUID SUBJECT SUBSTR SUM
    TIMEZONE TO TRIPLE TRUE TZ UCASE UNDEF UNION URI USING UUID VALUES VERSION WHERE WITH
    YEAR"""
KEYWORDS = frozenset(_GRAMMAR_WORDS.split())
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)?")
_UNICODE_ESCAPE = re.compile(r"\\[uU]")
# spargebra re-reads a "\" among an escape's digits in ways this check does not copy
_ESCAPE_WITH_BACKSLASH = re.compile(r"\\u.{0,3}\\|\\U.{0,7}\\", re.DOTALL)


class QueryRefused(ValueError):
    """The query text asks for something a read-only endpoint never does."""


@dataclass(frozen=True)
class QueryShape:
    """What the scan learned about one query text."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE; None when it is no query
    update_keyword: str | None  # the first update keyword at top level, if any
    uses_service: bool  # SERVICE, or "service" where the engine might read the keyword
    from_graphs: tuple[str, ...]  # IRIs of FROM clauses (prefixed names resolved)
    from_named_graphs: tuple[str, ...]
    max_depth: int  # brackets, "<<" and runs of "!" (each a level of the engine's recursion)
    where_brace: int | None  # offset of the "{" opening the outermost WHERE group
    unreadable: str | None = None  # why the check cannot read the text, if it cannot


def _lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)  # the engine folds ASCII case only


def _keyword_prefixed(text: str) -> bool:
    """Whether a keyword could match the first letters of ``text`` (no word boundary)."""
    upper = text[:16].upper()
    return any(upper.startswith(k) for k in KEYWORDS)


def _service_in_pname(token: Token, prefixes: dict[str, str]) -> bool:
    """Whether the engine might read ``SERVICE`` inside a prefixed name.

    Safe only when the engine surely reads the whole name as one IRI: its prefix is declared
    with an IRI ending in ``/`` or ``#`` and the local name is plain letters, digits, ``_-``
    (so the IRI parses and nothing falls back), and no keyword matches its first letters.
    """
    prefix, _, local = token.text.partition(":")
    if "service" in _lower(prefix):
        return True
    if "service" not in _lower(local):
        return False
    declared = prefixes.get(prefix)
    return (
        declared is None
        or not declared.endswith(("/", "#"))
        or "\\" in declared
        or _SAFE_LOCAL.fullmatch(local) is None
        or _keyword_prefixed(token.text)
    )


def _resolve(token: Token, prefixes: dict[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


def _depth_of(token: Token, bangs: int) -> int:
    if token.kind == "iri":  # the engine may read "<" as an operator and what follows as code
        return token.depth + sum(token.text.count(c) for c in "([!{")
    return token.depth + (1 if token.kind == "open" else 0) + bangs


def analyse(text: str) -> QueryShape:
    """Scan a query or update text for its form, refusals and nesting depth."""
    try:
        tokens = lex(text)
    except LexError as error:
        return QueryShape(None, None, False, (), (), 0, None, unreadable=str(error))
    prefixes: dict[str, str] = {}
    form: str | None = None
    update_keyword: str | None = None
    uses_service = False
    unreadable: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    max_depth = bangs = 0
    where_brace: int | None = None
    saw_where = False
    for index, token in enumerate(tokens):
        bangs = bangs + 1 if token.text == "!" else 0
        max_depth = max(max_depth, _depth_of(token, bangs))
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "pname":
            uses_service = uses_service or _service_in_pname(token, prefixes)
            if _lower(token.text).startswith("from"):
                unreadable = unreadable or f"{token.text!r} may be read as FROM; write FROM <…>"
        opens_where = token.text == "{" and token.depth == 0 and where_brace is None
        if opens_where and (saw_where or form in ("SELECT", "ASK")):
            where_brace = token.start
        if token.kind != "word":
            continue
        upper = token.text.upper()
        if upper not in KEYWORDS:
            unreadable = unreadable or f"{token.text!r} is no SPARQL keyword"
        elif upper == "PREFIX" and nxt is not None and nxt.kind == "pname":
            after = tokens[index + 2] if index + 2 < len(tokens) else None
            if nxt.text.endswith(":") and after is not None and after.kind == "iri":
                prefixes[nxt.text[:-1]] = after.text[1:-1]
        elif upper in QUERY_FORMS and form is None and update_keyword is None:
            form = upper
        elif upper in UPDATE_KEYWORDS and token.depth == 0 and form is None:
            update_keyword = update_keyword or upper
        elif upper == "SERVICE":
            uses_service = True
        elif upper == "WHERE" and token.depth == 0:
            saw_where = True
        elif upper == "FROM":
            named = nxt is not None and nxt.kind == "word" and nxt.text.upper() == "NAMED"
            target = tokens[index + 2] if named and index + 2 < len(tokens) else nxt
            iri = _resolve(target, prefixes) if target is not None else None
            if iri is None:
                unreadable = unreadable or "FROM must name a graph by an IRI or declared prefix"
            else:
                (from_named if named else from_graphs).append(iri)
    return QueryShape(
        form=form,
        update_keyword=update_keyword,
        uses_service=uses_service,
        from_graphs=tuple(from_graphs),
        from_named_graphs=tuple(from_named),
        max_depth=max_depth,
        where_brace=where_brace,
        unreadable=unreadable,
    )


def unescape_codepoints(text: str) -> str:
    r"""The text after SPARQL 1.1's optional ``\u``/``\U`` pass, as spargebra implements it.

    pyoxigraph 0.5.13 is built without it; the check reads both ways so that an engine built
    with it cannot see a keyword the check missed. A ``\`` that starts no valid escape is
    kept and the next character is read again (so ``\\u0041`` becomes ``\A``).

    >>> unescape_codepoints(r"\u0053ERVICE \\u0041 \u12")
    'SERVICE \\A \\u12'
    """
    out: list[str] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "\\" and i + 1 < end and text[i + 1] in "uU":
            width = 4 if text[i + 1] == "u" else 8
            digits = text[i + 2 : i + 2 + width]
            # Rust's u32::from_str_radix also takes a leading "+"
            if len(digits) == width and re.fullmatch(r"\+?[0-9A-Fa-f]+", digits):
                value = int(digits, 16)
                if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
                    out.append(chr(value))
                    i += 2 + width
                    continue
        out.append(char)
        i += 1
    return "".join(out)


def _refuse(shape: QueryShape, *, known_graphs: frozenset[str], max_depth: int) -> None:
    if shape.max_depth > max_depth:
        raise QueryRefused(f"query nests brackets {shape.max_depth} deep; the limit is {max_depth}")
    if shape.update_keyword is not None:
        raise QueryRefused(
            f"SPARQL Update ({shape.update_keyword}) is refused: this endpoint is read-only"
        )
    if shape.uses_service:
        raise QueryRefused(
            "SERVICE is refused: this endpoint never queries other services (a prefixed name "
            "holding 'service' where the engine might read the keyword counts; write the IRI "
            "in <…>)"
        )
    if shape.unreadable is not None:
        raise QueryRefused(f"{shape.unreadable}; the endpoint refuses text it cannot check")
    for iri in shape.from_graphs + shape.from_named_graphs:
        if iri not in known_graphs:
            raise QueryRefused(
                f"FROM <{iri}> is refused: it is not a graph of this dataset, and this "
                "endpoint never fetches graphs from elsewhere"
            )
    if shape.form is None:
        raise QueryRefused("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")


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
    rather than silently answered from an empty graph. Time is linear in the length, which is
    checked first.
    """
    if len(text) > max_length:
        raise QueryRefused(f"query is {len(text)} characters long; the limit is {max_length}")
    shape = analyse(text)
    _refuse(shape, known_graphs=known_graphs, max_depth=max_depth)
    if _UNICODE_ESCAPE.search(text):
        if _ESCAPE_WITH_BACKSLASH.search(text):
            raise QueryRefused("a \\u escape holding a backslash cannot be checked; refused")
        unescaped = unescape_codepoints(text)
        if unescaped != text:
            _refuse(analyse(unescaped), known_graphs=known_graphs, max_depth=max_depth)
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
