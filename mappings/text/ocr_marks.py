"""OCR damage outside words: digits read as letters before a unit, and quotation marks.

The OCR read „ as "." / ".." / ",," / "," / "+" before a word and “ as "™", "”", '"' after it,
and a digit as a look-alike letter ("b Prozent" = 5 Prozent). Word repair is
:mod:`mappings.text.ocr`'s; :func:`mappings.text.ocr.repair` applies both.
"""

from __future__ import annotations

import re

# A digit read as a letter before a unit: "b Prozent" = 5 Prozent.
DIGIT_LOOKALIKES = {"b": "5", "S": "5", "O": "0", "o": "0", "l": "1", "I": "1", "Z": "2"}
_UNIT_WORDS = (
    r"Prozent|%|Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|Stunden|Minuten|Mio\.|Millionen"
    r"|Milliarden|Euro|Tonnen|Kilometer|km|Meter|Hektar"
)
_DIGIT_BEFORE_UNIT = re.compile(rf"(?<![\w.,])([bSOolIZ])(?=\s(?:{_UNIT_WORDS})\b)")

# Quotation marks: the OCR read „ as "." / ".." / ",," / "," / "+" before a word, and “ as
# "™", "”", '"' (or "”™") after it.
_OPENER = re.compile(r"(?<!\S)(,,|\.\.|[.,+])( ?)(?=[^\W\d_])")
_CLOSER = re.compile(r"[”\"“]?™|[”\"“]")
PAIR_REACH = 200


def repair_digits(text: str) -> str:
    """A single letter that looks like a digit, before a unit, is that digit.

    >>> repair_digits("um b Prozent und weitere b Jahre")
    'um 5 Prozent und weitere 5 Jahre'
    """
    return _DIGIT_BEFORE_UNIT.sub(lambda m: DIGIT_LOOKALIKES[m.group(1)], text)


def quote_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
    """Offsets of the OCR's opening quotation marks and of the closing mark paired with each.

    A double opener (",," or "..") always opens; a single one ("." "," "+" before a word,
    after white space) only when a closing mark follows within the same passage. Parsers use
    the openers to keep a sentence splitter from reading " . Schrottimmobilien" as a full stop.

    >>> quote_pairs("die .Lernfabrik™ hier")
    [((4, 5), (15, 16))]
    """
    pairs: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
    pos = 0
    for m in _OPENER.finditer(text):
        if m.start() < pos:
            continue
        window = text[m.end() : m.end() + PAIR_REACH]
        nxt = _OPENER.search(window)
        closer = _CLOSER.search(window, 0, nxt.start() if nxt else len(window))
        if closer is None and len(m.group(1)) < 2:
            continue
        opener = (m.start(), m.end())
        if closer is None:
            pairs.append((opener, None))
            pos = m.end()
        else:
            pairs.append((opener, (m.end() + closer.start(), m.end() + closer.end())))
            pos = m.end() + closer.end()
    return pairs


def repair_quotes(text: str) -> str:
    """Turn the OCR's quotation marks (see :func:`quote_pairs`) into German ones („…“).

    >>> repair_quotes('über eine .Servicegesellschaft Dortmunder Wohnen™ aktiv')
    'über eine „Servicegesellschaft Dortmunder Wohnen“ aktiv'
    """
    out: list[str] = []
    pos = 0
    for opener, closer in quote_pairs(text):
        out.append(text[pos : opener[0]])
        out.append("„")
        pos = opener[1]
        if closer is not None:
            out.append(text[pos : closer[0]])
            out.append("“")
            pos = closer[1]
    out.append(text[pos:])
    return "".join(out)


# How an OCR engine misreads each digit of a chapter number: "J" for 3, "L" for 4, "9" / "S"
# for 5, "I" / "l" / "7" for 1. A glyph counts as a digit only where the sequence expects it.
DIGIT_CONFUSIONS: dict[str, frozenset[str]] = {
    "0": frozenset("OoDQ"),
    "1": frozenset("Il7|i"),
    "2": frozenset("Zz"),
    "3": frozenset("JB8"),
    "4": frozenset("LAh"),
    "5": frozenset("S9s6"),
    "6": frozenset("Gb"),
    "7": frozenset("T1"),
    "8": frozenset("B3"),
    "9": frozenset("g"),
}


def sequence_number(printed: str, expected: int) -> str | None:
    """The number a printed (possibly garbled) heading number stands for, or ``None``.

    The number is the heading's position in its sequence; the printed glyphs confirm it digit
    by digit, allowing for OCR confusions. A number that can be read as neither is ``None``:
    the caller decides whether that is an error or a number of another sequence.

    >>> sequence_number("J", 3), sequence_number("9", 5), sequence_number("10", 10)
    ('3', '5', '10')
    >>> sequence_number("X", 4) is None
    True
    """
    want = str(expected)
    if printed == want:
        return want
    if len(printed) == len(want) and all(
        p == w or p in DIGIT_CONFUSIONS[w] for p, w in zip(printed, want, strict=True)
    ):
        return want
    return None
