"""A searchable view of a statement's verbatim text that still knows where each character came from.

Verbatim text keeps the source's line breaks and end-of-line hyphenation ("Stadtentwicklungs-
gesellschaft", "Dort-\\nmunder"). Names are searched in a view where white-space runs are one
space and a hyphen at a line end before a lower-case letter is dropped; every view character maps
back to its verbatim offset, so a mention's offsets point at the exact source characters.

>>> v = TextView.of("die Dort-\\nmunder  Stadtwerke")
>>> v.text
'die Dortmunder Stadtwerke'
>>> v.to_verbatim(4, 14)
(4, 16)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*(?=[a-zäöüß])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextView:
    """``text`` is the folded view; ``origin[i]`` is the verbatim offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, verbatim: str) -> TextView:
        chars: list[str] = []
        origin: list[int] = []
        i = 0
        n = len(verbatim)
        while i < n:
            hyphen = _HYPHEN_BREAK.match(verbatim, i)
            if hyphen:
                i = hyphen.end()
                continue
            space = _SPACE.match(verbatim, i)
            if space:
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(i)
                i = space.end()
                continue
            chars.append(verbatim[i])
            origin.append(i)
            i += 1
        return cls(text="".join(chars), origin=tuple(origin))

    def to_verbatim(self, start: int, end: int) -> tuple[int, int]:
        """Verbatim ``(start, end)`` (end exclusive) of the view slice ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1
