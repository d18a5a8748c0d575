"""Compound-aware matching for the linker: terms found as whole stems inside German compounds.

A regular expression cannot tell "Busrouten" (a bus route) from "Busch", nor the place in
"Nordstadt" from the modifier in "Innenstadtparkplatzflächen". Here each word of a statement is
split into its stems by :mod:`mappings.text.german` (HanTa) and a lexicon term (``compounds`` in
``reference/lexicon.toml``) matches only as a run of whole stems; where several terms match one
word, the one nearest the compound's head wins ("Haltestellenbeleuchtung" → Haltestelle).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mappings.text import german

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


class CompoundMatcher:
    """Finds lexicon terms inside the words of a text, nearest the compound's head.

    Built once per lexicon. Three screens keep the morphology off most words, which matters
    because a build asks about every word of the corpus: one regular expression over all stems
    (a word holding none of them is skipped at C speed), then per term its stems in order as
    substrings of the folded word, and only then HanTa. The answer for a word form is cached
    for the whole build: running text repeats its word forms many times.
    """

    def __init__(self, terms: Iterable[tuple[int, tuple[str, ...]]]) -> None:
        self._terms = tuple(terms)
        variants = {v for _, stems in self._terms for s in stems for v in (s, s.translate(_FOLD))}
        alternatives = "|".join(re.escape(v) for v in sorted(variants, key=lambda v: (-len(v), v)))
        self._screen = re.compile(alternatives) if alternatives else None
        self._cache: dict[str, tuple[int, int] | None] = {}

    def find(self, text: str) -> Iterator[CompoundHit]:
        """For each word of ``text``, the entry whose term lies nearest the word's head, if any."""
        for match in WORD.finditer(text):
            found = self.word(match.group())
            if found is not None:
                yield CompoundHit(match.start(), match.end(), found[0], found[1])

    def word(self, word: str) -> tuple[int, int] | None:
        """``(entry index, rank)`` of the best term in one word form, cached per form."""
        if word not in self._cache:
            self._cache[word] = self._best(word)
        return self._cache[word]

    def _best(self, word: str) -> tuple[int, int] | None:
        folded = word.casefold()
        if self._screen is None or self._screen.search(folded) is None:
            return None
        best: tuple[int, int] | None = None
        for index, stems in self._terms:
            if not _in_order(folded, stems):
                continue
            rank = german.contains_stems(word, stems)
            if rank is None:
                continue
            score = rank * 100 + len(stems)
            if best is None or score > best[1]:  # nearest the head, then the longest term
                best = (index, score)
        return best


def _in_order(folded: str, stems: tuple[str, ...]) -> bool:
    """Whether each stem (or its umlaut variant) occurs in ``folded`` after the one before it.

    >>> _in_order("haltestellenbeleuchtung", ("halt", "stelle"))
    True
    >>> _in_order("stellenhalter", ("halt", "stelle"))
    False
    """
    at = 0
    for stem in stems:
        positions = [
            p for p in (folded.find(stem, at), folded.find(stem.translate(_FOLD), at)) if p >= 0
        ]
        if not positions:
            return False
        at = min(positions) + len(stem)
    return True


def find_compounds(text: str, terms: list[tuple[int, tuple[str, ...]]]) -> Iterator[CompoundHit]:
    """For each word of ``text``, the entry whose term lies nearest the word's head, if any.

    ``terms`` pairs an entry index with one term's stems (a one-off matcher: the linker keeps
    one :class:`CompoundMatcher` per lexicon instead).
    """
    return CompoundMatcher(terms).find(text)


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
