"""Page layout that many documents share: page furniture and where a sentence or a list starts.

Text extracted from a PDF or an OCR keeps what a reader skips: running page headers, page
numbers in footers, lead-ins that govern the list after them. Every text form that meets
these asks the same questions, so they are answered once here.
"""

from __future__ import annotations

import re
from collections import Counter

from mappings.text.ocr_marks import quote_pairs
from mappings.text.source import SourceText

MIN_HEADER_REPEATS = 2
_MIN_HEADER_CHARS = 8
_PAGE_NUMBER = re.compile(
    r"\s*(?:(?:Seite|S\.)\s*)?[-–]?\s*\d{1,3}\s*(?:(?:/|von)\s*\d{1,3})?\s*[-–]?\s*"
)
_CLOSERS = "\"'“”„»«)’"
# Abbreviations that can end a line without ending the sentence ("z.B." / "Parks …").
_ABBREVIATIONS = (
    "z.B.",
    "z. B.",
    "bzw.",
    "bspw.",
    "usw.",
    "sog.",
    "u.a.",
    "u. a.",
    "ca.",
    "d.h.",
    "vgl.",
    "ggf.",
    "inkl.",
    "etc.",
    "e.V.",
    "Nr.",
    "Dr.",
    "ehem.",
)
# A list item or sentence that ends like a lead-in ("…, werden wir", "…:") introduces a list.
_LEAD_IN_END = re.compile(r"(\b(wir|uns)|:)\s*,?$")


def running_headers(source: SourceText) -> list[int]:
    """Line numbers of running page headers: a stand-alone line that repeats verbatim.

    A page header is set apart by blank lines and recurs on every page; a chapter heading or
    a sentence does not repeat word for word.

    >>> src = SourceText.from_string("KOPFZEILE X\\n\\nText.\\n\\nKOPFZEILE X\\n\\nMehr.")
    >>> running_headers(src)
    [1, 5]
    """
    lines = source.lines()
    counts = Counter(line.strip() for line in lines if line.strip())

    def blank(n: int) -> bool:
        return not 1 <= n <= len(lines) or not lines[n - 1].strip()

    return [
        n
        for n, line in enumerate(lines, start=1)
        if len(line.strip()) >= _MIN_HEADER_CHARS
        and counts[line.strip()] >= MIN_HEADER_REPEATS
        and blank(n - 1)
        and blank(n + 1)
    ]


def is_page_number(line: str) -> bool:
    """A footer line that holds only a page number ("12", "- 12 -", "Seite 3 von 9", "3 / 40").

    >>> [is_page_number(t) for t in ("  12 ", "- 7 -", "Seite 3 von 9", "3 / 40", "2025")]
    [True, True, True, True, False]
    """
    return bool(line.strip()) and _PAGE_NUMBER.fullmatch(line) is not None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: a final ".", "!" or "?" that is not an abbreviation.

    >>> ends_sentence("… in der Stadt. "), ends_sentence("Dafür werden wir")
    (True, False)
    >>> ends_sentence("auf weitere belebte Orte wie z.B.")
    False
    """
    t = text.rstrip().rstrip(_CLOSERS)
    if not t or t[-1] not in ".!?":
        return False
    return not t.endswith(_ABBREVIATIONS)


def is_lead_in(text: str) -> bool:
    """Text that does not end its sentence and ends like "… werden wir" or with ":".

    >>> is_lead_in("Dafür werden wir"), is_lead_in("Unsere Ziele sind:"), is_lead_in("Ja.")
    (True, True, False)
    """
    return not ends_sentence(text) and _LEAD_IN_END.search(text) is not None


def neutralise_quote_openers(text: str) -> str:
    """``text`` with the OCR's opening quotation marks (" . Schrottimmobilien”) made „.

    The OCR reads a low opening quote as "." or ",", which the sentence splitter would take
    for a full stop; offsets are kept (same length).
    """
    chars = list(text)
    for opener, _closer in quote_pairs(text):
        for k in range(*opener):
            chars[k] = "„" if not chars[k].isspace() else chars[k]
    return "".join(chars)
