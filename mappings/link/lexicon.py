"""The linker's lexicon: surface-form patterns per thing, read from ``reference/lexicon.toml``.

Patterns are data so that adding an alias is an edit to a table, not to code. Compiling them
here adds what every pattern needs: tolerance for the OCR damage of the SPD and Zielbilder texts
(an umlaut written once in a pattern also matches "ii", "a", "o"; ß also matches "B" and "ss").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import URIRef

from mappings.link.compounds import CompoundMatcher, compound_terms, is_compound_modifier
from mappings.link.places import place_patterns
from mappings.rdf import iri

LEXICON_FILE = Path(__file__).resolve().parents[1] / "reference" / "lexicon.toml"

_OCR_VARIANTS = {
    "ü": "(?:ü|ii|u)",
    "ä": "(?:ä|a)",
    "ö": "(?:ö|o|é)",
    "Ü": "(?:Ü|U)",
    "Ä": "(?:Ä|A)",
    "Ö": "(?:Ö|O)",
    "ß": "(?:ß|B|ss)",
}

KINDS: dict[str, Callable[[str], URIRef]] = {
    "actor": iri.actor,
    "place": iri.place,
    "project": iri.project,
    "line": iri.transit_line,
    "service": iri.service,
}


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Entry:
    """One thing and the compiled patterns that name it."""

    ref: str  # "<kind>/<slug>"
    entity: URIRef
    patterns: tuple[re.Pattern[str], ...]
    not_before: tuple[re.Pattern[str], ...] = ()
    not_after: tuple[re.Pattern[str], ...] = ()
    compounds: tuple[tuple[str, ...], ...] = ()  # terms as stems, matched inside compounds
    sites: tuple[URIRef, ...] = ()  # the places an institution's name also names (guideline §6)
    always_site: bool = False  # a building complex: its name names its place wherever it stands

    @property
    def kind(self) -> str:
        return self.ref.split("/", 1)[0]


@dataclass(frozen=True)
class Hit:
    """A match in a view text: ``[start, end)`` and the entry it names."""

    start: int
    end: int
    entry: Entry


def ocr_tolerant(pattern: str) -> str:
    """Let umlauts and ß in a pattern also match their OCR damage (outside character classes).

    >>> bool(re.fullmatch(ocr_tolerant("Grünflächenamt"), "Griinflachenamt"))
    True
    """
    out: list[str] = []
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append(ch if in_class or ch not in _OCR_VARIANTS else _OCR_VARIANTS[ch])
    return "".join(out)


def entity_for(ref: str) -> URIRef:
    """The IRI for a ``"<kind>/<slug>"`` reference, minted by :mod:`mappings.rdf.iri`."""
    kind, _, slug = ref.partition("/")
    if kind not in KINDS:
        raise LexiconError(f"unknown kind in ref {ref!r}")
    return KINDS[kind](slug)


def _site(ref: str, where: str) -> URIRef:
    if not ref.startswith("place/"):
        raise LexiconError(f"{where}: a site must be a place, not {ref!r}")
    return entity_for(ref)


def _compile(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(ocr_tolerant(pattern), flags)
    except re.error as exc:
        raise LexiconError(f"{where}: bad pattern {pattern!r}: {exc}") from None


@cache
def load_lexicon(path: Path = LEXICON_FILE) -> tuple[Entry, ...]:
    """Read and compile the lexicon; raise :class:`LexiconError` naming a bad entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from None
    entries: list[Entry] = []
    for n, raw in enumerate(data.get("entry", []), start=1):
        where = f"{path}: [[entry]] #{n}"
        if "ref" not in raw or not (raw.get("patterns") or raw.get("compounds")):
            raise LexiconError(f"{where}: needs ref and patterns or compounds")
        flags = re.IGNORECASE if raw.get("ignore_case") else 0
        entries.append(
            Entry(
                ref=raw["ref"],
                entity=entity_for(raw["ref"]),
                patterns=tuple(_compile(p, flags, where) for p in raw.get("patterns", [])),
                not_before=tuple(_compile(p, 0, where) for p in raw.get("not_before", [])),
                not_after=tuple(_compile(p, 0, where) for p in raw.get("not_after", [])),
                compounds=compound_terms(raw.get("compounds", [])),
                sites=tuple(_site(ref, where) for ref in raw.get("sites", [])),
                always_site=bool(raw.get("always_site", False)),
            )
        )
    for ref, patterns in place_patterns(explicit=(e.ref for e in entries)):
        where = f"places.ttl: {ref}"
        entries.append(Entry(ref, entity_for(ref), tuple(_compile(p, 0, where) for p in patterns)))
    return tuple(entries)


def _allowed(text: str, start: int, end: int, entry: Entry) -> bool:
    before, after = text[max(0, start - 30) : start], text[end : end + 30]
    if any(p.search(before) for p in entry.not_before):
        return False
    if any(p.match(after) for p in entry.not_after):
        return False
    # a place word that only modifies a longer compound names no place (Innenstadtparkplatz…)
    return not (entry.kind == "place" and is_compound_modifier(text, start, end))


def _candidates(text: str, entries: tuple[Entry, ...]) -> list[Hit]:
    hits: list[Hit] = []
    for entry in entries:
        for pattern in entry.patterns:
            for match in pattern.finditer(text):
                group = "m" if "m" in pattern.groupindex and match.group("m") else 0
                start, end = match.span(group)
                if start != end and _allowed(text, start, end, entry):
                    hits.append(Hit(start, end, entry))
    for found in _matcher(entries).find(text):
        entry = entries[found.index]
        if _allowed(text, found.start, found.end, entry):
            hits.append(Hit(found.start, found.end, entry))
    return hits


_MATCHERS: dict[int, tuple[tuple[Entry, ...], CompoundMatcher]] = {}


def _matcher(entries: tuple[Entry, ...]) -> CompoundMatcher:
    """One compound matcher per lexicon for the whole build (keyed by identity: hashing every
    entry on each statement would cost more than it saves)."""
    kept = _MATCHERS.get(id(entries))
    if kept is None or kept[0] is not entries:
        terms = [(i, stems) for i, e in enumerate(entries) for stems in e.compounds]
        kept = (entries, CompoundMatcher(terms))
        _MATCHERS[id(entries)] = kept
    return kept[1]


def find_mentions(text: str, entries: tuple[Entry, ...] | None = None) -> list[Hit]:
    """Non-overlapping mentions in ``text``, longest first, then leftmost; in text order."""
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    candidates = _candidates(text, entries if entries is not None else load_lexicon())
    for hit in sorted(candidates, key=lambda h: (-(h.end - h.start), h.start, h.entry.ref)):
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue
        chosen.append(hit)
        taken.append((hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)
