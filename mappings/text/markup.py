"""Shared text normalisation: join wrapped lines and hyphenation, fold white space.

OCR-specific repairs (umlauts, letter confusions) live in :mod:`mappings.text.ocr`; this module is
what every text form needs.
"""

from __future__ import annotations

import re

_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")
_SPACE = re.compile(r"\s+")
_SUB = re.compile(r"<sub>(.*?)</sub>")


def strip_markdown(text: str) -> str:
    """Markdown emphasis and subscripts removed: ``**`` and ``<sub>2</sub>`` → ``2``.

    >>> strip_markdown("**CO<sub>2</sub>-Emissionen**")
    'CO2-Emissionen'
    """
    return _SUB.sub(r"\1", text.replace("**", ""))


def join_lines(text: str) -> str:
    """Join a wrapped passage into one line.

    A hyphen at a line end followed by a lower-case letter is a word break and is removed
    ("Wohnungs-\\nbestände" → "Wohnungsbestände"); before an upper-case letter it is kept, as
    German compounds and lists keep it ("Rad-\\nund" stays "Rad- und" is handled by the space
    rule, "Nord-\\nSüd" stays "Nord-Süd").

    >>> join_lines("Wohnungs-\\nbestände und Rad-\\nund Fußwege")
    'Wohnungsbestände und Rad- und Fußwege'
    """

    def _join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right.islower():
            if right in "uo" and m.string[m.end() - 1 : m.end() + 3] in ("und ", "oder"):
                return f"{left}- {right}"
            return left + right
        return f"{left}-{right}"

    text = _HYPHEN_BREAK.sub(_join, text)
    return _SPACE.sub(" ", text).strip()
