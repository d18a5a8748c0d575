"""Which footnote belongs to which mark in the Zielbilder (:mod:`mappings.forms.zielbilder`).

The OCR lost some footnote marks, so marks and footnotes are paired by an order-keeping
alignment that weighs the rare words they share and what the mark's glyphs say of the number.
A private module: forms are the public modules of :mod:`mappings.forms`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wordfreq import zipf_frequency

from mappings.records import Footnote, Statement

_RARE_ZIPF = 5.0  # words more frequent than this ("der", "Menschen") carry no evidence
WINDOW_WORDS = 4  # words before a mark that the footnote's words are compared with


def align(
    marked: list[tuple[Statement, str, str]], notes: list[Footnote]
) -> list[tuple[Statement, Footnote]]:
    """Pair marks with footnotes in order, as many as possible, the best-matching way.

    Dynamic programming over (marks, footnotes): every pair made scores ``_PAIR`` plus the
    weight of the rare words the footnote shares with the marked statement and, counted
    ``_WINDOW_WEIGHT`` times, with the words just before the mark ("Wachstum™" carries the
    note on the word "Wachstum"), plus the agreement of the mark's glyphs with the number
    (:func:`glyph_agreement`), less a penalty when a note about the title ("Titel",
    "Überschrift") would be marked in an explanatory sentence. So the number of pairs is
    maximal, and only the choice of what stays unpaired depends on the evidence.
    """
    n, m = len(marked), len(notes)
    score = [
        [
            _PAIR
            + _GLYPH_WEIGHT * glyph_agreement(glyphs, note.number)
            - _TITLE_WEIGHT * _off_title(stmt, note)
            + _shared(stmt.normalised, note.normalised)
            + _WINDOW_WEIGHT * _shared(window, note.normalised)
            for note in notes
        ]
        for stmt, window, glyphs in marked
    ]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            pair = best[i - 1][j - 1] + score[i - 1][j - 1]
            best[i][j] = max(best[i - 1][j], best[i][j - 1], pair)
    pairs: list[tuple[Statement, Footnote]] = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((marked[i - 1][0], notes[j - 1]))
            i, j = i - 1, j - 1
    return pairs[::-1]


def glyph_agreement(glyphs: str, number: int) -> int:
    """How far a mark's glyphs agree with a footnote number: +1 per agreeing glyph, -1 per
    contradicting one.

    This OCR reads a superscript 2 as "?", a 1 (or 7) as an apostrophe and a 4 as "*"
    ("?'" is 21, "*'" is 41); "®" and "™" stand for too many digits to tell. A mark of as
    many glyphs as the number has digits is compared digit by digit, a shorter one (a digit
    lost) against any digit.

    >>> glyph_agreement("?'", 21), glyph_agreement("?'", 20), glyph_agreement("®", 20)
    (2, 0, 0)
    """
    digits = str(number)
    known = [(i, _GLYPH_DIGITS.get(g, g if g.isdigit() else "")) for i, g in enumerate(glyphs)]
    score = 0
    for i, meaning in known:
        if not meaning:
            continue
        if len(glyphs) == len(digits):
            score += 1 if digits[i] in meaning else -1
        else:
            score += 1 if set(digits) & set(meaning) else -1
    return score


def _off_title(stmt: Statement, note: Footnote) -> bool:
    """A note that speaks of the title cannot be marked outside a Zielbild's title."""
    return stmt.kind != "zielbild" and _TITLE_NOTE.search(note.normalised) is not None


_TITLE_NOTE = re.compile(r"\b(Titel|[UÜ]berschrift)")
_TITLE_WEIGHT = 10.0
_GLYPH_DIGITS = {"?": "2", "'": "17", "’": "17", "*": "4"}
_GLYPH_WEIGHT = 5.0


_PAIR = 1000.0
_WINDOW_WEIGHT = 3.0
_STEM = 7


def _shared(a: str, b: str) -> float:
    """Weight of the rare words two texts share: 7 minus the word's Zipf frequency, summed."""
    wa, wb = _rare_words(a), _rare_words(b)
    return sum(max(wa[k], wb[k]) for k in wa.keys() & wb.keys())


def _rare_words(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for word in _words(text):
        zipf = zipf_frequency(word, "de")
        if zipf < _RARE_ZIPF:
            out[word[:_STEM]] = max(out.get(word[:_STEM], 0.0), 7.0 - zipf)
    return out


def _words(text: str) -> Iterable[str]:
    return (w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))
