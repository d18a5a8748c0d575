"""Compound-aware matching for the linker: terms found as whole stems inside German compounds.

A regular expression cannot tell "Busrouten" (a bus route) from "Busch", nor the place in
"Nordstadt" from the modifier in "Innenstadtparkplatzflächen". Here each word of a statement is
split into its stems by :mod:`mappings.german` (HanTa) and a lexicon term (``compounds`` in
``reference/lexicon.toml``) matches only as a run of whole stems; where several terms match one
word, the one nearest the compound's head wins ("Haltestellenbeleuchtung" → Haltestelle).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mappings import german

WORD = re.compile(r"[A-Za-zÄÖÜäöüß0-9]+")


@dataclass(frozen=True)
class CompoundHit:
    """A word ``[start, end)`` holding ``term`` of lexicon entry number ``index``; ``rank`` is
    the position after the term's last stem, then the term's length (higher = nearer the head,
    then more specific)."""

    start: int
    end: int
    index: int
    rank: int


def compound_terms(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The stem sequences of lexicon terms ("Haltestelle" → ("halt", "stelle"))."""
    return tuple(german.stems(w) for w in words)


def find_compounds(text: str, terms: list[tuple[int, tuple[str, ...]]]) -> Iterator[CompoundHit]:
    """For each word of ``text``, the entry whose term lies nearest the word's head, if any.

    ``terms`` pairs an entry index with one term's stems. Only words that contain a term's
    stems as plain substrings are analysed, which keeps the morphology off most words.
    """
    for match in WORD.finditer(text):
        word = match.group()
        folded = word.casefold()
        best: CompoundHit | None = None
        for index, stems in terms:
            if not all(s in folded or s.translate(_FOLD) in folded for s in stems):
                continue
            rank = german.contains_stems(word, stems)
            if rank is None:
                continue
            hit = CompoundHit(match.start(), match.end(), index, rank * 100 + len(stems))
            if best is None or hit.rank > best.rank:  # nearest the head, then the longest term
                best = hit
        if best is not None:
            yield best


_FOLD = str.maketrans("aou", "äöü")


def word_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole word (letters and digits) containing ``text[start:end]``."""
    while start > 0 and WORD.match(text[start - 1]):
        start -= 1
    while end < len(text) and WORD.match(text[end]):
        end += 1
    return start, end


def is_compound_modifier(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins a longer compound as its modifier only.

    >>> is_compound_modifier("auf Innenstadtparkplatzflächen", 4, 14)
    True
    >>> is_compound_modifier("im Westfalenparks", 3, 16)
    False
    """
    w_start, w_end = word_around(text, start, end)
    if w_end == end or w_start != start:
        return False
    return german.is_modifier(text[w_start:w_end], text[start:end])
