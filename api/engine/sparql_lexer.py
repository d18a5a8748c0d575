"""The terminals of SPARQL as pyoxigraph 0.5 reads them, in one linear pass.

The pre-check (:mod:`api.engine.sparql_text`) must see a query the way the engine does: where a
comment ends (at ``\\r`` or ``\\n``), where a string or an IRI ends, how far a prefixed name
reaches (``\\#`` and the other ``PN_LOCAL_ESC`` escapes, ``%xx``, a final ``.`` left out). Each
pattern below is the engine's own rule (spargebra's ``parser.rs``, a PEG grammar) written with
atomic groups and possessive quantifiers, which is exactly PEG's no-backtracking matching, so a
token ends where the engine's terminal ends and every match takes time linear in its length.

Where the engine and the W3C grammar differ, the engine wins: ``PN_CHARS_BASE`` stops at
U+FFFD, a local name takes one ``.``-separated tail (``ex:a.b`` but not ``ex:a.b.c``), and
``\\u`` escapes are not decoded before parsing (the ``standard-unicode-escaping`` feature is off
in the wheel; :mod:`api.engine.sparql_text` checks both readings anyway). Anything that is none of
these terminals raises :class:`LexError`: text the check cannot read is refused, never guessed.

>>> [t.text for t in lex("ASK { ?s ex:p\\\\#x 'a' } # c")]
['ASK', '{', '?s', 'ex:p\\\\#x', "'a'", '}']
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_VARNAME = rf"[0-9{_U}][0-9{_U}\u00b7\u0300-\u036f\u203f-\u2040]*+"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = rf"[{_BASE}][{_CHARS}]*+(?:\.++[{_CHARS}]++)*+"
_PN_LOCAL = rf"(?>[{_U}:0-9]|{_PLX})(?>[{_CHARS}:]|{_PLX})*+(?:\.++(?>[{_CHARS}:]|{_PLX})++)?+"
_ECHAR = r"""\\[tbnrf"'\\]"""
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_EXPONENT = r"[eE][+-]?+[0-9]++"

_TERMINALS = [
    ("space", r"[ \t\r\n]++"),
    ("comment", r"\#[^\r\n]*+"),
    # The engine reads an IRI to the first ">" and then validates it; this check reads only
    # characters an IRI may hold, so a "<" it does not take for an IRI is read on as code.
    ("iri", rf"<(?>[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*+>"),
    ("string", rf"'''(?>(?:''|')?+(?>[^'\\]|{_ECHAR}|{_UCHAR}))*+'''"),
    ("string", rf'"""(?>(?:""|")?+(?>[^"\\]|{_ECHAR}|{_UCHAR}))*+"""'),
    ("string", rf"'(?>[^'\\\n\r]|{_ECHAR}|{_UCHAR})*+'"),
    ("string", rf'"(?>[^"\\\n\r]|{_ECHAR}|{_UCHAR})*+"'),
    ("var", rf"[?$]{_VARNAME}"),
    ("bnode", rf"_:[0-9{_U}][{_CHARS}]*+(?:\.++[{_CHARS}]++)*+"),
    ("pname", rf"(?:{_PN_PREFIX})?+:(?:{_PN_LOCAL})?+"),
    ("langtag", r"@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?+"),
    ("number", rf"[0-9]++\.[0-9]*+{_EXPONENT}|\.[0-9]++{_EXPONENT}|[0-9]++{_EXPONENT}"
               r"|[0-9]*+\.[0-9]++|[0-9]++"),
    ("word", r"[A-Za-z][A-Za-z0-9_]*+"),
    ("open", r"<<|[{(\[]"),
    ("close", r"[})\]]"),
    ("punct", r">>|\^\^|&&|\|\||!=|<=|>=|[.,;*/|^!=<>+\-?~]"),
]
def _group(*kinds: str) -> re.Pattern[str]:
    """One pattern for the terminals that can start with a given character, in grammar order."""
    chosen = [(i, kind, rx) for i, (kind, rx) in enumerate(_TERMINALS) if kind in kinds]
    return re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, kind, rx in chosen))


_KIND_OF = {f"{kind}{i}": kind for i, (kind, _) in enumerate(_TERMINALS)}
_NAMES = _group("pname", "word")
_BY_FIRST: dict[str, re.Pattern[str]] = {}
for _chars, _kinds in (
    (" \t\r\n", ("space",)),
    ("#", ("comment",)),
    ("<", ("iri", "open", "punct")),
    ("'\"", ("string",)),
    ("?$", ("var", "punct")),
    ("_", ("bnode",)),
    (":", ("pname",)),
    ("@", ("langtag",)),
    ("0123456789.", ("number", "punct")),
    ("{([", ("open",)),
    ("})]", ("close",)),
    (">^&|!=,;*/+-~", ("punct",)),
):
    for _char in _chars:
        _BY_FIRST[_char] = _group(*_kinds)


class LexError(ValueError):
    """Text that is no SPARQL terminal, at a character offset."""

    def __init__(self, offset: int, text: str) -> None:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        shown = text[offset : offset + 12]
        super().__init__(f"cannot read the query at line {line}, column {column}: {shown!r}")
        self.offset = offset


class Token(NamedTuple):
    kind: str  # iri, string, var, bnode, pname, langtag, number, word, open, close, punct
    text: str
    start: int
    depth: int  # bracket depth before this token


def lex(text: str) -> list[Token]:
    """The tokens of ``text`` without white space and comments; raises :class:`LexError`."""
    tokens: list[Token] = []
    depth = 0
    offset = 0
    end = len(text)
    while offset < end:
        pattern = _BY_FIRST.get(text[offset], _NAMES)
        match = pattern.match(text, offset)
        if match is None or match.end() == offset:
            raise LexError(offset, text)
        kind = _KIND_OF[match.lastgroup or ""]
        if kind == "close":
            depth = max(depth - 1, 0)
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group(), offset, depth))
        if kind == "open":
            depth += 1
        offset = match.end()
    return tokens
